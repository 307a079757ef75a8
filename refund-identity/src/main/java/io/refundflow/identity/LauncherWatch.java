package io.refundflow.identity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With {@code refund.parent-pid} set (the launcher sets it on every process it starts), the provider shuts down
 * once that process is gone: a launcher killed with SIGKILL runs no shutdown hook to stop it. The services get
 * the same from refund-platform's ParentWatch, which this provider does not use, since the platform brings
 * Kafka, a database and the services' token checks with it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(LauncherWatch.PARENT_PID)
class LauncherWatch {

    static final String PARENT_PID = "refund.parent-pid";

    private static final Logger log = LoggerFactory.getLogger(LauncherWatch.class);

    @Bean
    ApplicationRunner stopWhenTheLauncherIsGone(@Value("${" + PARENT_PID + "}") long parentPid) {
        return args -> ProcessHandle.of(parentPid).filter(ProcessHandle::isAlive)
                .map(ProcessHandle::onExit)
                .ifPresentOrElse(exit -> exit.thenRun(() -> stop(parentPid)), () -> stop(parentPid));
    }

    private static void stop(long parentPid) {
        log.warn("the process that started the identity provider ({}) is gone; shutting down", parentPid);
        // exit runs the shutdown hooks, so Spring closes the context as on SIGTERM
        System.exit(0);
    }
}
