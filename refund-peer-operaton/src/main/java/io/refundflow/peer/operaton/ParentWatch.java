package io.refundflow.peer.operaton;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Shuts the peer down when the process that started it (the benchmark, refund.parent-pid) is gone, as the
 * services do with the platform's ParentWatch: a killed benchmark leaves no peer behind.
 */
@Component
class ParentWatch {

    private static final Logger log = LoggerFactory.getLogger(ParentWatch.class);

    ParentWatch(@Value("${refund.parent-pid:-1}") long parentPid, ConfigurableApplicationContext context) {
        if (parentPid <= 0) {
            return;
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "parent-watch");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            if (ProcessHandle.of(parentPid).map(ProcessHandle::isAlive).orElse(false)) {
                return;
            }
            log.warn("parent process {} is gone; shutting down", parentPid);
            timer.shutdown();
            System.exit(SpringApplication.exit(context));
        }, 1, 1, TimeUnit.SECONDS);
    }
}
