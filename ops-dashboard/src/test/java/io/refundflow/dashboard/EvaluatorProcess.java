package io.refundflow.dashboard;

import io.refundflow.testsupport.RealInfrastructureInitializer;
import io.refundflow.testsupport.ServiceProcess;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points the dashboard at the real test infrastructure and starts policy-evaluator from its executable jar once per test JVM (stopped at exit) and points the
 * dashboard's {@code refund.dashboard.evaluator-url} at it.
 */
public final class EvaluatorProcess implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static ServiceProcess evaluator;

    public static synchronized ServiceProcess get() {
        if (evaluator == null) {
            ServiceProcess started = ServiceProcess.start("policy-evaluator", Map.of(
                    // Development switch, set explicitly: the tests use the published development secret.
                    "refund.security.development-mode", "true",
                    "refund.security.jwt.print-demo-tokens", "false",
                    "refund.outbox.poll-interval", "100ms",
                    "refund.evaluator.order-wait-sweep-interval", "250ms",
                    "spring.kafka.consumer.properties.metadata.max.age.ms", "1000"));
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "policy-evaluator-stop"));
            evaluator = started.awaitHealthy();
        }
        return evaluator;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        // Two @ContextConfiguration meta-annotations do not merge: apply the real infrastructure here too.
        new RealInfrastructureInitializer().initialize(context);
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("policy-evaluator-process",
                Map.of("refund.dashboard.evaluator-url", get().baseUrl())));
    }
}
