package io.refundflow.e2e;

import io.refundflow.platform.security.DemoTokens;
import io.refundflow.testsupport.RealInfrastructure;
import io.refundflow.testsupport.ServiceProcess;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.nio.charset.StandardCharsets;

/**
 * The three services, each its own JVM started from its executable jar, against the test run's real
 * Kafka broker, PostgreSQL database and SMTP server. Started once for the test JVM.
 */
final class RunningSystem {

    static final String JWT_SECRET = "e2e-test-secret-that-is-at-least-32-bytes-long";

    private static RunningSystem instance;

    final ServiceProcess intake;
    final ServiceProcess evaluator;
    final ServiceProcess notifier;
    final DemoTokens tokens = new DemoTokens(JWT_SECRET.getBytes(StandardCharsets.UTF_8), null,
            Duration.ofHours(1), Clock.systemUTC());

    private RunningSystem() {
        RealInfrastructure.get();
        Map<String, Object> common = Map.of(
                // Production mode, set explicitly: the services run with a secret of this test's own.
                "refund.security.development-mode", "false",
                "refund.security.jwt.secret", JWT_SECRET,
                "refund.outbox.poll-interval", "200ms",
                "logging.structured.format.console", "");
        this.intake = ServiceProcess.start("refund-intake", common);
        this.evaluator = ServiceProcess.start("policy-evaluator", common);
        this.notifier = ServiceProcess.start("notifier", common);
        // Child JVMs outlive a test JVM that forgets them: end them however the tests end. Killed, not stopped:
        // the broker they would say goodbye to ends with this JVM, and their Kafka clients then spent the 30 s
        // surefire grants a closing test JVM before it kills the JVM itself.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.of(intake, evaluator, notifier)
                .forEach(ServiceProcess::kill), "e2e-services-stop"));
        List.of(intake, evaluator, notifier).forEach(ServiceProcess::awaitHealthy);
    }

    static synchronized RunningSystem get() {
        if (instance == null) {
            instance = new RunningSystem();
        }
        return instance;
    }
}
