package io.refundflow.platform.lifecycle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * With {@code refund.parent-pid} set (the launcher and the test harnesses set it on the services they start), the
 * service shuts down gracefully when that process is gone, however it ended.
 */
@AutoConfiguration
@ConditionalOnProperty(ParentWatchAutoConfiguration.PARENT_PID)
public class ParentWatchAutoConfiguration {

    public static final String PARENT_PID = "refund.parent-pid";

    private static final Logger log = LoggerFactory.getLogger(ParentWatchAutoConfiguration.class);

    @Bean
    ApplicationRunner parentWatch(@Value("${" + PARENT_PID + "}") long parentPid) {
        return args -> ParentWatch.onParentExit(parentPid, () -> {
            log.warn("the process that started this service ({}) is gone; shutting down", parentPid);
            // exit runs the shutdown hooks, so Spring closes the context as on SIGTERM
            System.exit(0);
        });
    }
}
