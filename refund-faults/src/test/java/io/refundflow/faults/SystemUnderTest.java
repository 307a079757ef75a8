package io.refundflow.faults;

import io.refundflow.launcher.BillingSettlements;
import io.refundflow.launcher.KafkaAccess;
import io.refundflow.launcher.LocalKafka;
import io.refundflow.testsupport.FreshPorts;
import io.refundflow.testsupport.RealInfrastructure;
import io.refundflow.testsupport.ServiceProcess;
import io.refundflow.testsupport.SmtpServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real system the suite attacks: a standalone KRaft broker process (which, unlike the in-process test
 * broker, can be stopped and restarted on its data), the run's PostgreSQL database reached through a login of
 * its own, the in-process SMTP server, and two instances of each of the three services, each instance its own JVM
 * from its executable jar on a port of its own, the two sharing the service's schema and consumer group as
 * production's replicas do. Everything started here is stopped by {@link #close()}, also from a shutdown hook.
 */
final class SystemUnderTest implements AutoCloseable {

    static final String JWT_SECRET = "faults-suite-secret-that-is-at-least-32-bytes-long";
    static final List<String> SERVICES = List.of("refund-intake", "policy-evaluator", "notifier");
    /** Two of each: the suite kills one and the other must carry on (issue 25). */
    static final List<String> INSTANCES = List.of("a", "b");
    /**
     * A killed instance's partitions move to the survivor once its session times out: 10 s here, not the
     * client's 45 s, so the suite's wall time stays short (the broker's minimum is 6 s).
     */
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);
    /** Polls of at most this many records, so that a burst takes several batches and a kill lands inside one. */
    static final int MAX_POLL_RECORDS = 10;
    static final Duration SETTLEMENT_DELAY = Duration.ofSeconds(1);
    static final int FAILING_EVERY = 5;
    /** Formatting the data directory and starting the broker take a JVM each: on a loaded CI machine, a while. */
    private static final Duration BROKER_START_TIMEOUT = Duration.ofSeconds(90);

    final LocalKafka kafka;
    final DatabaseLogin database;
    final SmtpServer smtp;
    /** Billing's settlements of approved refunds; there once the services are started. */
    volatile BillingSettlements billing;
    /** By instance name ({@code policy-evaluator-b}). */
    private final Map<String, ServiceProcess> running = new ConcurrentHashMap<>();
    /** Instances killed and not started again: the suite's load balancer sends them nothing. */
    private final Set<String> down = ConcurrentHashMap.newKeySet();
    /** What happened to each instance when, for the summary. */
    final List<Lifecycle> lifecycle = new CopyOnWriteArrayList<>();
    private final long startedMillis = System.currentTimeMillis();
    private final Thread shutdownHook = new Thread(this::close, "faults-system-stop");
    private volatile boolean closed;

    private SystemUnderTest(LocalKafka kafka, DatabaseLogin database, SmtpServer smtp) {
        this.kafka = kafka;
        this.database = database;
        this.smtp = smtp;
    }

    /** Starts the broker and makes the database login; the services follow with {@link #startServices()}. */
    static SystemUnderTest start() throws Exception {
        RealInfrastructure infra = RealInfrastructure.get();
        DatabaseLogin login = new DatabaseLogin(infra.postgres().jdbcUrl(), infra.postgres().user(),
                infra.postgres().password());
        login.create();
        LocalKafka kafka;
        try {
            kafka = startBroker();
        } catch (RuntimeException e) {
            login.close();
            throw e;
        }
        SystemUnderTest system = new SystemUnderTest(kafka, login, infra.smtp());
        Runtime.getRuntime().addShutdownHook(system.shutdownHook);
        return system;
    }

    /** The secured broker, told its ports before it binds them: on others if one was taken meanwhile. */
    private static LocalKafka startBroker() {
        return FreshPorts.start(2, ports -> {
            LocalKafka broker = new LocalKafka(Path.of("target", "faults-kafka").toAbsolutePath(), ports[0], ports[1],
                    LocalKafka.QUICK_START_JVM_OPTIONS);
            broker.start(BROKER_START_TIMEOUT);
            return broker;
        });
    }

    /**
     * The suite's own Kafka client settings: it watches every topic, plays billing's order facts and, in its
     * hostile set, a writer that got past the ACLs, so it signs in as the broker's administrator.
     */
    Map<String, String> harness() {
        return kafka.connection(LocalKafka.ADMIN);
    }

    /** Kafka client settings of one principal of the ACL file (a partner, billing, a service). */
    Map<String, String> connectionOf(String principal) {
        return kafka.connection(principal);
    }

    /** One thing that happened to an instance, {@code atSeconds} after the system was made. */
    record Lifecycle(double atSeconds, String instance, String what) {
    }

    /** {@code policy-evaluator-b}: the service's name and the instance's letter. */
    static String instance(String service, String letter) {
        return service + "-" + letter;
    }

    static List<String> instances(String service) {
        return INSTANCES.stream().map(letter -> instance(service, letter)).toList();
    }

    static List<String> allInstances() {
        return SERVICES.stream().flatMap(service -> instances(service).stream()).toList();
    }

    /**
     * Starts the services' instances, the first of each service together, then the second ones (six JVMs starting
     * at once on two cores could outlast their start time-out), and waits until each is healthy; and billing's side
     * of the settlement loop: every approved refund is settled {@link #SETTLEMENT_DELAY} later, every
     * {@value #FAILING_EVERY}th one FAILED (its reservation released), the others EXECUTED.
     */
    void startServices() throws Exception {
        AtomicInteger settlements = new AtomicInteger();
        billing = new BillingSettlements(kafka.connection(KafkaAccess.BILLING), SETTLEMENT_DELAY,
                approval -> settlements.incrementAndGet() % FAILING_EVERY == 0
                        ? Optional.of("card closed (the fault suite fails every " + FAILING_EVERY + "th refund)")
                        : Optional.empty(), Clock.systemUTC()).start();
        ExecutorService starter = Executors.newFixedThreadPool(SERVICES.size());
        try {
            for (String letter : INSTANCES) {
                List<Future<?>> started = new ArrayList<>();
                for (String service : SERVICES) {
                    started.add(starter.submit(() -> start(instance(service, letter))));
                }
                for (Future<?> future : started) {
                    future.get();
                }
            }
        } finally {
            starter.shutdownNow();
        }
    }

    /**
     * The first instance of the service that is up: where the hostile requests and the money-control attacks go
     * (they run while no intake or evaluator instance is down).
     */
    String baseUrl(String service) {
        List<String> up = baseUrls(service);
        return up.isEmpty() ? "http://127.0.0.1:9" : up.get(0);
    }

    /** The service's instances that are up, as a load balancer with health checks would route to them. */
    List<String> baseUrls(String service) {
        List<String> urls = new ArrayList<>();
        for (String instance : instances(service)) {
            ServiceProcess process = running.get(instance);
            if (process != null && !down.contains(instance)) {
                urls.add(process.baseUrl());
            }
        }
        return urls;
    }

    /** The instance an address belongs to, for counting where the stream's requests went. */
    String instanceAt(String baseUrl) {
        return running.entrySet().stream().filter(e -> e.getValue().baseUrl().equals(baseUrl))
                .map(Map.Entry::getKey).findFirst().orElse(baseUrl);
    }

    /**
     * SIGKILL, as in a crash: no shutdown hooks, no flushing, no committed offsets. Requests under way to it fail
     * and are retried elsewhere; new ones are routed around it from then on.
     */
    void kill(String instance) {
        running.get(instance).kill();
        down.add(instance);
        lifecycle.add(new Lifecycle(sinceStart(), instance, "SIGKILL (pid " + running.get(instance).pid() + ")"));
    }

    /** Starts the instance (again, after a kill) and waits until it is healthy. */
    ServiceProcess start(String instance) {
        if (closed) {
            throw new IllegalStateException("system closed");
        }
        String name = instance.substring(0, instance.lastIndexOf('-'));
        Map<String, Object> connection = new LinkedHashMap<>();
        // each service signs in to the secured broker as its own principal
        connection.putAll(kafka.user(name).springProperties(kafka.bootstrapServers()));
        connection.put("spring.datasource.url", database.url());
        connection.put("spring.datasource.username", database.user());
        connection.put("spring.datasource.password", database.password());
        connection.put("spring.mail.host", "127.0.0.1");
        connection.put("spring.mail.port", smtp.port());
        // the machine's PostgreSQL is shared (100 connections): five per service are plenty for this load
        connection.put("spring.datasource.hikari.maximum-pool-size", 5);
        // the instance's consumers name it, so that the suite can tell which partitions it holds
        connection.put("spring.kafka.consumer.client-id", instance);
        connection.put("spring.kafka.consumer.max-poll-records", MAX_POLL_RECORDS);
        connection.put("spring.kafka.consumer.properties.session.timeout.ms", SESSION_TIMEOUT.toMillis());
        connection.put("spring.kafka.consumer.properties.heartbeat.interval.ms", SESSION_TIMEOUT.toMillis() / 4);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("refund.security.jwt.secret", JWT_SECRET);
        // production mode: the suite signs its tokens with a secret of its own, never the published one
        extra.put("refund.security.development-mode", "false");
        extra.put("refund.outbox.poll-interval", "500ms");
        extra.put("logging.structured.format.console", "");
        // SMTP retries: the production back-off starts at 10 s and doubles; a suite that takes SMTP away for
        // seconds, not hours, wants the first retries sooner and none later than 10 s.
        extra.put("refund.notifier.retry.initial-backoff", "2s");
        extra.put("refund.notifier.retry.max-backoff", "10s");
        ServiceProcess process = ServiceProcess.start(name, connection, extra);
        running.put(instance, process);
        process.awaitHealthy();
        down.remove(instance);
        lifecycle.add(new Lifecycle(sinceStart(), instance, "healthy on port " + process.port() + " (pid "
                + process.pid() + ")"));
        return process;
    }

    private double sinceStart() {
        return (System.currentTimeMillis() - startedMillis) / 1000.0;
    }

    private final List<jakarta.mail.internet.MimeMessage> archivedMail = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * Takes SMTP away for a while. A restarted GreenMail starts with an empty store, so what the stopped one
     * received is kept here first, read after it stopped taking mail (with two notifiers sending, a message
     * taken between a read and the stop was otherwise missed): {@link #mail()} is everything received over the
     * whole run.
     */
    void smtpAway(Duration away) throws InterruptedException {
        archivedMail.addAll(smtp.stopKeepingMessages());
        Thread.sleep(away.toMillis());
        smtp.restart();
    }

    List<jakarta.mail.internet.MimeMessage> mail() {
        List<jakarta.mail.internet.MimeMessage> all = new ArrayList<>(archivedMail);
        all.addAll(smtp.messages());
        return all;
    }

    boolean healthy(String name) {
        ServiceProcess process = running.get(name);
        return process != null && process.isAlive() && process.healthy();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (ServiceProcess process : running.values()) {
            try {
                process.close();
            } catch (RuntimeException e) {
                process.kill();
            }
        }
        if (billing != null) {
            billing.close();
        }
        kafka.close();
        database.close();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down
        }
    }
}
