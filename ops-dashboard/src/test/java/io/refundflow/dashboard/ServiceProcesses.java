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
 * Points the dashboard at the real test infrastructure and at the services whose APIs the page uses, each
 * started from its executable jar once per test JVM (stopped at exit): policy-evaluator (the review queue),
 * refund-intake (the evidence files) and the notifier (unconfirmed emails), which sends through a mail server
 * that goes silent after the first message to the addresses a test names.
 */
public final class ServiceProcesses implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** How long the notifier waits for the server's answer after the data: short, so tests do not wait. */
    private static final String MAIL_ANSWER_TIMEOUT_MS = "2000";

    private static Started started;
    private static SilentAfterDataSmtp mailServer;

    public static ServiceProcess evaluator() {
        return started().evaluator();
    }

    public static ServiceProcess intake() {
        return started().intake();
    }

    public static ServiceProcess notifier() {
        return started().notifier();
    }

    private record Started(ServiceProcess evaluator, ServiceProcess intake, ServiceProcess notifier) {
    }

    /**
     * The three are launched side by side and then awaited: a service's start is mostly one thread's work (its
     * context refresh), so two cores bring three up sooner together than one after another (the dashboard's first
     * test waited about 117 s for them one by one on a loaded machine).
     */
    private static synchronized Started started() {
        if (started == null) {
            Map<String, Object> notifierConnections = new HashMap<>(RealInfrastructureInitializer.properties());
            notifierConnections.put("spring.mail.port", mailServer().port());
            ServiceProcess evaluator = launched("policy-evaluator", RealInfrastructureInitializer.properties(),
                    Map.of("refund.evaluator.order-wait-sweep-interval", "250ms"));
            ServiceProcess intake = launched("refund-intake", RealInfrastructureInitializer.properties(), Map.of());
            ServiceProcess notifier = launched("notifier", notifierConnections, Map.of(
                    "spring.mail.properties[mail.smtp.timeout]", MAIL_ANSWER_TIMEOUT_MS));
            started = new Started(evaluator.awaitHealthy(), intake.awaitHealthy(), notifier.awaitHealthy());
        }
        return started;
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

    private static ServiceProcess launched(String name, Map<String, Object> connections, Map<String, Object> own) {
        Map<String, Object> properties = new HashMap<>(Map.of(
                // Development switch, set explicitly: the tests use the published development secret.
                "refund.security.development-mode", "true",
                "refund.security.jwt.print-demo-tokens", "false",
                "refund.outbox.poll-interval", "100ms",
                "spring.kafka.consumer.properties.metadata.max.age.ms", "1000"));
        properties.putAll(own);
        ServiceProcess started = ServiceProcess.start(name, connections, properties);
        // killed, not stopped: the broker and database it would say goodbye to end with this JVM, and its Kafka
        // clients then spent the 30 s surefire grants a closing test JVM before it kills the JVM itself
        Runtime.getRuntime().addShutdownHook(new Thread(started::kill, name + "-stop"));
        return started;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        new RealInfrastructureInitializer().initialize(context);
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("service-processes", Map.of(
                "refund.dashboard.evaluator-url", evaluator().baseUrl(),
                "refund.dashboard.intake-url", intake().baseUrl(),
                "refund.dashboard.notifier-url", notifier().baseUrl())));
    }
}
