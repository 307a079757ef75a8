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

    private static ServiceProcess evaluator;
    private static ServiceProcess intake;
    private static ServiceProcess notifier;
    private static SilentAfterDataSmtp mailServer;

    public static synchronized ServiceProcess evaluator() {
        if (evaluator == null) {
            evaluator = started("policy-evaluator", RealInfrastructureInitializer.properties(), Map.of(
                    "refund.evaluator.order-wait-sweep-interval", "250ms"));
        }
        return evaluator;
    }

    public static synchronized ServiceProcess intake() {
        if (intake == null) {
            intake = started("refund-intake", RealInfrastructureInitializer.properties(), Map.of());
        }
        return intake;
    }

    public static synchronized ServiceProcess notifier() {
        if (notifier == null) {
            Map<String, Object> connections = new HashMap<>(RealInfrastructureInitializer.properties());
            connections.put("spring.mail.port", mailServer().port());
            notifier = started("notifier", connections, Map.of(
                    "spring.mail.properties[mail.smtp.timeout]", MAIL_ANSWER_TIMEOUT_MS));
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

    private static ServiceProcess started(String name, Map<String, Object> connections, Map<String, Object> own) {
        Map<String, Object> properties = new HashMap<>(Map.of(
                // Development switch, set explicitly: the tests use the published development secret.
                "refund.security.development-mode", "true",
                "refund.security.jwt.print-demo-tokens", "false",
                "refund.outbox.poll-interval", "100ms",
                "spring.kafka.consumer.properties.metadata.max.age.ms", "1000"));
        properties.putAll(own);
        ServiceProcess started = ServiceProcess.start(name, connections, properties);
        Runtime.getRuntime().addShutdownHook(new Thread(started::close, name + "-stop"));
        return started.awaitHealthy();
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
