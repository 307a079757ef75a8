package io.refundflow.evaluator.requests;

import io.refundflow.evaluator.EvaluatorProperties;
import io.refundflow.platform.worker.Sweeps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;

/** Runs {@link WaitingRequests#sweep()} every {@code refund.evaluator.order-wait-sweep-interval}. */
@Configuration(proxyBeanMethods = false)
class OrderWaitSweeper {

    private static final Logger log = LoggerFactory.getLogger(OrderWaitSweeper.class);

    @Bean
    SchedulingConfigurer orderWaitSweep(WaitingRequests waiting, EvaluatorProperties properties) {
        // Database away or similar: the rows stay, the next sweep takes them.
        return registrar -> Sweeps.everyInterval(registrar, properties.orderWaitSweepInterval(), "order-wait", log,
                () -> {
                    int settled = waiting.sweep();
                    if (settled > 0) {
                        log.info("order-wait sweep settled {} waiting requests", settled);
                    }
                });
    }
}
