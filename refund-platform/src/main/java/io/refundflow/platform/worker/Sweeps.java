package io.refundflow.platform.worker;

import java.time.Duration;
import org.slf4j.Logger;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * A periodic sweep over rows a service keeps (expired claims, ended waits, overdue reviews): run every
 * {@code interval} after the previous run ended, and a failed run (the database away or similar) is logged as a
 * warning and left to the next one, since the rows it did not handle stay where the next run finds them.
 */
public final class Sweeps {

    private Sweeps() {
    }

    /**
     * Registers {@code sweep} with the scheduler; a failure is logged to {@code log} as "{@code name} sweep failed,
     * retrying in {@code interval}".
     */
    public static void everyInterval(ScheduledTaskRegistrar registrar, Duration interval, String name, Logger log,
            Runnable sweep) {
        registrar.addFixedDelayTask(() -> {
            try {
                sweep.run();
            } catch (RuntimeException e) {
                log.warn("{} sweep failed, retrying in {}: {}", name, interval, e.getMessage());
            }
        }, interval);
    }
}
