package io.refundflow.launcher;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Runs the whole refund workflow on this machine without Docker, prints where everything is, and stops
 * it all on Ctrl-C. Start it with {@code scripts/run-local.sh}.
 */
public final class Launcher {

    static final int KAFKA_PORT = 9092;
    static final int KAFKA_CONTROLLER_PORT = 9093;
    static final int EMBEDDED_POSTGRES_PORT = 54329;
    static final int SMTP_PORT = 2525;
    static final int INBOX_PORT = 8025;
    static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final Path repository;
    private final Path home;
    private final Deque<AutoCloseable> running = new ArrayDeque<>();

    private Launcher(Path repository) {
        this.repository = repository;
        this.home = repository.resolve(".run-local");
    }

    public static void main(String[] args) {
        Launcher launcher = new Launcher(Path.of(System.getProperty("refund.repository", ".")).toAbsolutePath()
                .normalize());
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::stopAll, "refundflow-stop"));
        try {
            launcher.run();
        } catch (LaunchException e) {
            System.err.println("\nCannot start refundflow: " + e.getMessage());
            System.exit(1);
        } catch (Exception e) {
            System.err.println("\nCannot start refundflow: " + e);
            System.exit(1);
        }
    }

    private void run() throws Exception {
        step("Kafka (KRaft, from the Kafka jars)");
        LocalKafka kafka = started(new LocalKafka(home.resolve("kafka"), KAFKA_PORT, KAFKA_CONTROLLER_PORT));
        kafka.start(Duration.ofSeconds(60));

        step("PostgreSQL");
        LocalPostgres postgres = started(LocalPostgres.start(home, EMBEDDED_POSTGRES_PORT));
        System.out.println("  " + postgres.origin() + ", database " + LocalPostgres.DATABASE);

        step("SMTP server and inbox page");
        LocalMail mail = started(new LocalMail(SMTP_PORT, INBOX_PORT));
        mail.start();

        Map<String, String> connections = Map.of(
                "spring.kafka.bootstrap-servers", kafka.bootstrapServers(),
                "spring.datasource.url", postgres.jdbcUrl(),
                "spring.datasource.username", postgres.user(),
                "spring.mail.host", "127.0.0.1",
                "spring.mail.port", String.valueOf(mail.smtpPort()));
        Path logs = home.resolve("logs");
        List<LocalService> services = List.of(
                new LocalService("refund-intake", 8081, logs),
                new LocalService("policy-evaluator", 8082, logs),
                new LocalService("notifier", 8083, logs));
        step("services: " + services.stream().map(LocalService::module).toList());
        for (LocalService service : services) {
            started(service).start(repository, connections);
        }
        awaitHealthy(services);

        step("demo billing data (orders of every product kind for customers c-1 and c-2)");
        DemoBilling.publish(kafka.bootstrapServers(), Clock.systemUTC());

        System.out.println(Banner.text(services, kafka, mail, logs));
        Thread.currentThread().join();
    }

    private void awaitHealthy(List<LocalService> services) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        for (LocalService service : services) {
            while (!service.healthy(http)) {
                if (System.nanoTime() > deadline) {
                    throw new LaunchException(service.module() + " was not healthy within " + START_TIMEOUT
                            + "; its log is " + service.log());
                }
                Thread.sleep(300);
            }
            System.out.println("  " + service.module() + " is up at " + service.url());
        }
    }

    private <T extends AutoCloseable> T started(T part) {
        running.push(part);
        return part;
    }

    private void stopAll() {
        if (!running.isEmpty()) {
            System.out.println("\nstopping refundflow ...");
        }
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                System.err.println("  while stopping: " + e.getMessage());
            }
        }
    }

    private static void step(String what) {
        System.out.println("> starting " + what);
    }
}
