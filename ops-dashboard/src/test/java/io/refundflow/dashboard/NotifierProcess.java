package io.refundflow.dashboard;

import io.refundflow.testsupport.RealInfrastructureInitializer;
import io.refundflow.testsupport.ServiceProcess;
import io.refundflow.testsupport.SilentAfterDataSmtp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the notifier from its executable jar once per test JVM (stopped at exit), sending through a mail
 * server that goes silent after the first message to the addresses a test names, and points the
 * dashboard's {@code refund.dashboard.notifier-url} at it: the Emails page lists and resends through it.
 */
public final class NotifierProcess implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** How long the notifier waits for the server's answer after the data: short, so tests do not wait. */
    private static final String ANSWER_TIMEOUT_MS = "2000";

    private static ServiceProcess notifier;
    private static SilentAfterDataSmtp mailServer;

    public static synchronized ServiceProcess get() {
        if (notifier == null) {
            Map<String, Object> connections = new HashMap<>(RealInfrastructureInitializer.properties());
            connections.put("spring.mail.port", mailServer().port());
            ServiceProcess started = ServiceProcess.start("notifier", connections, Map.of(
                    // Development switch, set explicitly: the tests use the published development secret.
                    "refund.security.development-mode", "true",
                    "refund.security.jwt.print-demo-tokens", "false",
                    "refund.outbox.poll-interval", "100ms",
                    "spring.mail.properties[mail.smtp.timeout]", ANSWER_TIMEOUT_MS,
                    "spring.kafka.consumer.properties.metadata.max.age.ms", "1000"));
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "notifier-stop"));
            notifier = started.awaitHealthy();
        }
        return notifier;
    }

    /** The mail server the notifier sends through. */
    public static synchronized SilentAfterDataSmtp mailServer() {
        if (mailServer == null) {
            try {
                mailServer = SilentAfterDataSmtp.silentOnceFor();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return mailServer;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("notifier-process",
                Map.of("refund.dashboard.notifier-url", get().baseUrl())));
    }
}
