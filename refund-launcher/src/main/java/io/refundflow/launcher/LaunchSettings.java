package io.refundflow.launcher;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the local system listens and keeps its state. The defaults are what the README's walkthrough uses;
 * each can be changed with a system property {@code -Drefund.launcher.<name>=...} (e.g. to run a second
 * copy beside the first, as the launcher's smoke test does).
 */
record LaunchSettings(
        Path repository,
        Path home,
        String database,
        int kafkaPort,
        int kafkaControllerPort,
        int embeddedPostgresPort,
        int smtpPort,
        int inboxPort,
        int intakePort,
        int evaluatorPort,
        int notifierPort,
        int dashboardPort,
        int identityPort,
        int portalPort,
        Duration billingDelay) {

    static LaunchSettings fromSystemProperties() {
        Path repository = Path.of(System.getProperty("refund.repository", ".")).toAbsolutePath().normalize();
        return new LaunchSettings(
                repository,
                Path.of(property("home", repository.resolve(".run-local").toString())),
                property("database", "refundflow"),
                port("kafka-port", 9092),
                port("kafka-controller-port", 9093),
                port("embedded-postgres-port", 54329),
                port("smtp-port", 2525),
                port("inbox-port", 8025),
                port("intake-port", 8081),
                port("evaluator-port", 8082),
                port("notifier-port", 8083),
                port("dashboard-port", 8084),
                port("identity-port", 8085),
                port("portal-port", 8086),
                // how long demo billing takes to pay an approved refund back (long enough to see it reserved)
                Duration.ofMillis(Long.parseLong(property("billing-delay-ms", "3000"))));
    }

    private static String property(String name, String fallback) {
        return System.getProperty("refund.launcher." + name, fallback);
    }

    private static int port(String name, int fallback) {
        return Integer.parseInt(property(name, String.valueOf(fallback)));
    }
}
