package io.refundflow.benchmark;

import io.refundflow.events.EncodedEvent;
import io.refundflow.events.EventCodec;
import io.refundflow.events.EventEnvelope;
import io.refundflow.launcher.LaunchException;
import io.refundflow.launcher.KafkaAccess;
import io.refundflow.launcher.LocalKafka;
import io.refundflow.launcher.LocalMail;
import io.refundflow.launcher.LocalPostgres;
import io.refundflow.launcher.BillingSettlements;
import io.refundflow.launcher.LocalService;
import io.refundflow.launcher.RunningParts;
import io.refundflow.platform.security.DemoTokens;
import io.refundflow.platform.security.JwtProperties;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import org.HdrHistogram.Histogram;

/**
 * End-to-end benchmark of the refund workflow on this machine: starts the real system (Kafka, PostgreSQL,
 * SMTP, every service as its own JVM) on ports apart from the demo's, measures the ceilings of the parts,
 * drives refunds through it at a fixed rate (latency) and at open throttle (throughput), checks that every
 * refund got exactly one decision and one email, and writes results.json and results.md. Started by
 * {@code scripts/benchmark.sh}; stops everything it started, also on failure and Ctrl-C.
 */
public final class Benchmark {

    /** CPU of everything on the machine that is not part of the benchmarked system (e.g. other builds). */
    static final String OTHERS = "other processes";

    static final List<String> SERVICES = List.of("refund-intake", "policy-evaluator", "notifier");
    /** The peer's module: its executable jar is started as the services' are. */
    static final String PEER_MODULE = "refund-peer-operaton";
    static final String POSTGRES = "postgres (all server processes)";
    /** The benchmark's own JVM: it keeps every refund's entry (not its email), so it grows with the refunds. */
    static final String HARNESS_JVM = "benchmark JVM (driver, observer, SMTP server)";

    private final Options options;
    private final Path repository;
    private final Path home;
    /** The overload phase's rate, as a multiple of the HTTP capacity measured at open throttle. */
    static final double OVERLOAD_FACTOR = 2;
    /** How long billing takes to pay an approved refund back, as the launcher's demo billing does by default. */
    private static final Duration SETTLEMENT_DELAY = Duration.ofSeconds(3);

    private final RunningParts running = new RunningParts();
    private final RefundLedger ledger = new RefundLedger();
    private final ProcessSampler sampler = new ProcessSampler();
    private final EventCodec codec = new EventCodec();
    private final List<PhaseRun> runs = new ArrayList<>();
    private Ceilings ceilings;
    /** The harness's Kafka client settings: the broker's administrator (billing orders, ceilings, lag). */
    private Map<String, String> harness;
    private Map<String, Map<String, String>> serviceProperties;
    private PostgresCommits commits;
    private TableRows tableRows;
    private Autovacuum autovacuum;
    /** What the soak saw; null when the run is no soak. */
    private Soak soak;
    private BillingSettlements billing;

    /** One phase as it ran: what it was, and when it started and stopped driving. */
    record PhaseRun(String name, String system, String mode, String path, double targetRate, long startNanos,
            long driveEndNanos, long drainedNanos, boolean drained, long prepared, LatencySummary httpSubmit,
            List<String> httpErrors, long commits, boolean reported, String note, HttpDriver.Outcomes httpOutcomes) {
    }

    private Benchmark(Options options, Path repository) {
        this.options = options;
        this.repository = repository;
        this.home = repository.resolve("refund-benchmark").resolve("target").resolve("run");
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Path repository = Path.of(System.getProperty("refund.repository", ".")).toAbsolutePath().normalize();
        Benchmark benchmark = new Benchmark(options, repository);
        Thread hook = new Thread(benchmark::stopAll, "benchmark-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        int exit;
        try {
            exit = benchmark.run() ? 0 : 1;
        } catch (LaunchException e) {
            System.err.println("\nbenchmark could not start the system: " + e.getMessage());
            exit = 3;
        } catch (Exception e) {
            System.err.println("\nbenchmark failed: " + e);
            e.printStackTrace();
            exit = 3;
        } finally {
            benchmark.stopAll();
        }
        System.exit(exit);
    }

    private boolean run() throws Exception {
        System.out.printf("refundflow benchmark: duration %ds per phase, latency rate %d/s, mix %s, mode %s,"
                + " tuning %s, peer %s%n", options.duration.toSeconds(), options.rate, options.mix, options.mode,
                options.tuning, options.onlyPeer ? options.peer + " only" : options.peer);
        Files.createDirectories(home);
        sampler.watch(HARNESS_JVM, () -> List.of(ProcessHandle.current().pid()));

        LocalKafka kafka = null;
        if (options.runsRefundflow()) {
            step("Kafka (KRaft, from the Kafka jars) on 127.0.0.1:" + options.kafkaPort);
            kafka = started(new LocalKafka(home.resolve("kafka"), options.kafkaPort, options.kafkaControllerPort));
            kafka.start(Duration.ofSeconds(60));
            harness = kafka.connection(LocalKafka.ADMIN);
            LocalKafka broker = kafka;
            sampler.watch("kafka", () -> List.of(broker.pid()));
        }

        step("PostgreSQL, fresh database " + options.database);
        LocalPostgres postgres = started(LocalPostgres.start(home, options.embeddedPostgresPort, options.database));
        System.out.println("  " + postgres.origin());
        sampler.watch(POSTGRES, () -> ProcessSampler.byCommand("postgres"));
        commits = new PostgresCommits(postgres.jdbcUrl(), postgres.user());
        tableRows = new TableRows(postgres.jdbcUrl(), postgres.user());
        autovacuum = started(options.autovacuum.equals("on")
                ? Autovacuum.ensureOn(postgres.jdbcUrl(), postgres.user())
                : Autovacuum.asIs(postgres.jdbcUrl(), postgres.user()));
        System.out.println("  autovacuum " + autovacuum.state());

        step("SMTP server (GreenMail, in this JVM) on 127.0.0.1:" + options.smtpPort);
        LocalMail mail = started(new LocalMail(options.smtpPort, options.inboxPort));
        mail.start();
        sampler.start();
        started(sampler);

        EncodedEvent sample = sampleRequest();
        if (options.ceilings) {
            step("ceilings of the parts (" + options.ceilingTime.toSeconds() + " s each)");
            sampler.phase("ceilings");
            ceilings = new Ceilings(options.ceilingTime);
            if (kafka != null) {
                Map<String, byte[]> headers = new LinkedHashMap<>();
                sample.headers().forEach((k, v) -> headers.put(k, v.getBytes(StandardCharsets.UTF_8)));
                ceilings.kafka(harness, 6, sample.payload(), headers);
            }
            ceilings.postgres(postgres.jdbcUrl(), postgres.user(), sample.payload().length);
            ceilings.smtp(mail.smtpPort(), EmailSample.TEXT, EmailSample.HTML);
            sampler.phase(null);
        }
        InboxDrain inbox = started(new InboxDrain(mail, ledger));

        serviceProperties = kafka == null ? Map.of()
                : Tuning.properties(options, kafka, postgres.jdbcUrl(), postgres.user(), mail.smtpPort());
        if (kafka != null) {
            List<LocalService> services = runRefundflow(kafka);
            if (options.hasPeer()) {
                // the peer is measured on a machine without refundflow's services (Kafka stays, idle)
                services.forEach(LocalService::close);
            }
        }
        if (options.hasPeer()) {
            runPeer(postgres, mail.smtpPort());
        }

        step("checking every refund against the SMTP inbox");
        inbox.finish();
        System.out.println("  " + inbox.refundEmails() + " refund emails in the inbox (" + inbox.messages()
                + " messages in all)");
        Report report = new Report(options, ceilings, serviceProperties);
        boolean passed = true;
        for (PhaseRun run : runs) {
            PhaseResult result = result(run);
            report.add(result, run.reported());
            passed &= result.checks().passed();
        }
        report.strangers(ledger.strangers());
        report.soak(soak);
        report.autovacuum(autovacuum.state());
        String markdown = report.markdown();
        System.out.println("\n" + markdown);
        Files.createDirectories(options.out);
        Files.writeString(options.out.resolve("results.md"), markdown);
        Files.writeString(options.out.resolve("results.json"), report.json());
        System.out.println("written: " + options.out.resolve("results.json") + ", " + options.out.resolve("results.md"));
        System.out.println(passed ? "CHECKS PASSED: every refund got exactly one decision and one email per decision"
                : "CHECKS FAILED: see the checks column above");
        return passed;
    }

    /** A service's JVM: fixed heap, the throughput collector, and with --profile a flight recording kept at exit. */
    private List<String> jvmOptions(String module) throws IOException {
        List<String> jvm = new ArrayList<>(List.of("-Xms" + options.serviceHeap, "-Xmx" + options.serviceHeap,
                "-XX:+UseParallelGC"));
        if (options.profile) {
            Path profiles = Files.createDirectories(options.out.resolve("profiles")).toAbsolutePath();
            jvm.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                    + profiles.resolve(module + ".jfr"));
        }
        return jvm;
    }

    /** Starts refundflow's services and runs its phases; answers the services, still running. */
    private List<LocalService> runRefundflow(LocalKafka kafka) throws Exception {
        Path logs = home.resolve("logs");
        List<LocalService> services = new ArrayList<>();
        for (int i = 0; i < SERVICES.size(); i++) {
            services.add(new LocalService(SERVICES.get(i), options.firstServicePort + i, logs));
        }
        step("services " + SERVICES + " (heap " + options.serviceHeap + ", tuning " + options.tuning + ")");
        for (LocalService service : services) {
            System.out.println("  " + service.module() + " " + serviceProperties.get(service.module()).entrySet()
                    .stream().filter(e -> !Tuning.isConnection(e.getKey())).toList());
            started(service).start(repository, serviceProperties.get(service.module()), jvmOptions(service.module()));
            sampler.watch(service.module(), () -> List.of(service.pid()));
        }
        awaitHealthy(services);

        Observer observer = started(new Observer(harness, ledger));
        observer.start();
        // billing settles approved refunds as in the local run, so the evaluator's reservations are released into
        // settlements and the billing.orders updates they cause are part of the measured load
        step("billing settlements (every approved refund executed " + SETTLEMENT_DELAY.toSeconds() + " s after)");
        billing = started(new BillingSettlements(kafka.connection(KafkaAccess.BILLING), SETTLEMENT_DELAY,
                approval -> Optional.empty(), Clock.systemUTC())).start();
        Map<String, String> tokens = new LinkedHashMap<>();
        DemoTokens minter = new DemoTokens(JwtProperties.DEV_SECRET.getBytes(StandardCharsets.UTF_8), null,
                Duration.ofHours(12), Clock.systemUTC());
        for (int k = 0; k < options.customers; k++) {
            tokens.put(Workload.customerId(k), minter.customer(Workload.customerId(k)));
        }
        HttpDriver http = started(new HttpDriver(services.get(0).url(), tokens, ledger, HttpDriver.Form.ONE_CALL));
        HttpDriver twoCalls = started(new HttpDriver(services.get(0).url(), tokens, ledger,
                HttpDriver.Form.TWO_CALLS));
        KafkaDriver producer = started(new KafkaDriver(kafka.connection(KafkaAccess.PARTNER), codec, ledger));

        if (options.soak != null) {
            soak(options.latencyPath.equals("http") ? http : producer);
            return services;
        }
        Set<String> warmed = new HashSet<>();
        if (options.runsLatency()) {
            Driver driver = options.latencyPath.equals("http") ? http : producer;
            warmUp("", driver, warmed);
            runPhase("latency-" + driver.path(), "latency", driver, options.rate, options.duration, true, null);
        }
        if (options.runsThroughput()) {
            for (String path : options.throughputPaths) {
                Driver driver = path.equals("http") ? http : producer;
                warmUp("", driver, warmed);
                runPhase("throughput-" + path, "throughput", driver, 0, options.duration, true, null);
                if (path.equals("http")) {
                    // the two-call form (contact, then submit) stays measured, as a row of its own
                    runPhase("throughput-" + twoCalls.form().phaseSuffix(), "throughput", twoCalls, 0,
                            options.duration, true, null);
                    overload(http);
                }
            }
        }

        return services;
    }

    /**
     * An unreported warm-up on the driver's path before the first phase measured on it: each path runs code the
     * other does not (the HTTP request path in intake, the partner topic's consumer, the benchmark's own client or
     * producer), and a phase that starts with that code not yet compiled by the JIT measures the JIT at work
     * rather than the system. At open throttle, not at {@code --rate}: where the rate is above what the machine
     * takes (200/s over HTTP on a machine that takes 100), a fixed-rate warm-up is answered mostly 503 and warms the
     * refusal, not the path a refund takes. The peer is warmed the same way ({@code system}: its phases' prefix), so
     * both systems enter their first phase equally warm.
     */
    private void warmUp(String system, Driver driver, Set<String> warmed) throws Exception {
        if (options.warmup.isZero() || !warmed.add(driver.path())) {
            return;
        }
        runPhase(system + "warmup-" + driver.path(), "throughput", driver, 0, options.warmup, false,
                "warm-up of the JVMs on the " + driver.path() + " path (JIT, pools), not reported");
    }

    /**
     * A soak instead of the phases: a fixed rate over the latency phase's path (a soak is a fixed-rate phase), by
     * default half the fully emailed/s an open-throttle probe of {@code --duration} reached on the same path, so the
     * system runs busy but never behind; sampled every {@code --soak-interval}. The probe's rate is its overall one
     * (first submit to last email): at open throttle over HTTP the emails can all come after the drive, and a
     * sustained rate of 0 once made a soak of 1/s.
     */
    private void soak(Driver driver) throws Exception {
        int rate = options.rate;
        String source = "--rate";
        if (!options.rateGiven) {
            String probe = "soak-probe-" + driver.path();
            runPhase(probe, "throughput", driver, 0, options.duration, false,
                    "open-throttle probe of the soak's rate, not reported");
            double capacity = result(runs.get(runs.size() - 1)).overallEmailedPerSecond();
            rate = Math.max(1, (int) Math.round(capacity / 2));
            source = String.format("half the %.0f/s fully emailed, overall, in %s", capacity, probe);
        } else {
            warmUp("", driver, new HashSet<>());
        }
        String name = "soak-" + driver.path();
        Soak.FillUp fillUp = Tuning.soakFillUp(serviceProperties);
        System.out.println("  soak fill-up " + fillUp.time() + " (" + fillUp.because()
                + "): the samples before it are not judged");
        SoakWatch watch = started(new SoakWatch(name, options.soakInterval, options.soak, ledger, sampler,
                tableRows));
        runPhase(name, "soak", driver, rate, options.soak, true, null, watch::start);
        soak = new Soak(name, rate, source, options.soakInterval, fillUp, watch.samples());
    }

    /**
     * Twice the HTTP capacity just measured (the one-call throughput phase's submit rate), at a fixed rate: the
     * service must answer every request, the excess 503/429 within milliseconds, with no connect time-out, and keep
     * the latency of what it accepts.
     */
    private void overload(HttpDriver http) throws Exception {
        String measured = "throughput-" + http.form().phaseSuffix();
        PhaseRun capacity = runs.stream().filter(r -> r.name().equals(measured)).findFirst().orElseThrow();
        double driveSeconds = (capacity.driveEndNanos() - capacity.startNanos()) / 1e9;
        double rate = ledger.counters(measured).submitted.get() / driveSeconds;
        int overloadRate = (int) Math.ceil(OVERLOAD_FACTOR * rate);
        if (overloadRate <= 0) {
            System.out.println("  no overload phase: " + measured + " submitted nothing");
            return;
        }
        runPhase("overload-" + http.form().phaseSuffix(), "overload", http, overloadRate, options.duration, true,
                String.format("%.0f× the %.0f/s submitted in %s", OVERLOAD_FACTOR, rate, measured));
    }

    /**
     * Starts the peer (its executable jar as a process, on a database of its own on the same server, emailing
     * to the same SMTP server) and runs the same phases over HTTP: same mix, rates and durations.
     */
    private void runPeer(LocalPostgres postgres, int smtpPort) throws Exception {
        step("peer: Operaton (" + PEER_MODULE + ", heap " + options.serviceHeap + ", fresh database "
                + options.peerDatabase + ")");
        commits.drop(options.peerDatabase);
        String jdbcUrl = PostgresCommits.url(postgres.jdbcUrl(), options.peerDatabase);
        LocalService peer = started(new LocalService(PEER_MODULE, options.peerPort, home.resolve("logs")));
        Map<String, String> properties = new LinkedHashMap<>(Map.of("spring.datasource.url", jdbcUrl,
                "spring.datasource.username", postgres.user(), "spring.mail.host", "127.0.0.1", "spring.mail.port",
                String.valueOf(smtpPort)));
        // Operaton's defaults unless --prop refund-peer-operaton:key=value says otherwise
        options.extraProperties.forEach((key, value) -> {
            if (key.startsWith(PEER_MODULE + ":")) {
                properties.put(key.substring(PEER_MODULE.length() + 1), value);
            }
        });
        peer.start(repository, properties, jvmOptions(PEER_MODULE));
        sampler.watch(PEER_MODULE, () -> List.of(peer.pid()));
        awaitHealthy(List.of(peer));
        PeerDriver driver = started(new PeerDriver(peer.url(), ledger));
        String prefix = PeerDriver.SYSTEM + "-";
        Set<String> warmed = new HashSet<>();
        if (options.runsLatency()) {
            warmUp(prefix, driver, warmed);
            runPhase(prefix + "latency-http", "latency", driver, options.rate, options.duration, true, null);
        }
        if (options.runsThroughput()) {
            warmUp(prefix, driver, warmed);
            runPhase(prefix + "throughput-http", "throughput", driver, 0, options.duration, true, null);
        }
    }

    private void runPhase(String name, String mode, Driver driver, int rate, Duration duration, boolean reported,
            String note) throws Exception {
        runPhase(name, mode, driver, rate, duration, reported, note, start -> { });
    }

    /** {@code onStart}: told the phase's start ({@link System#nanoTime()}) once its orders are stored. */
    private void runPhase(String name, String mode, Driver driver, int rate, Duration duration, boolean reported,
            String note, LongConsumer onStart) throws Exception {
        boolean fixed = rate > 0;
        int count = fixed ? (int) Math.ceil(rate * duration.toMillis() / 1000.0)
                : (int) Math.ceil((driver.path().equals("http") ? options.httpBudget : options.kafkaBudget)
                        * duration.toMillis() / 1000.0);
        step("phase " + name + ": " + (fixed ? rate + " refunds/s for " + duration.toSeconds() + " s"
                : "open throttle (at most " + options.window + " in flight) for " + duration.toSeconds() + " s")
                + " via " + driver.path() + (driver instanceof PeerDriver ? " to the peer"
                : "; publishing " + count + " billing orders first"));
        Workload workload = Workload.prepare(name, count, options.mix, options.customers);
        boolean peer = driver instanceof PeerDriver;
        if (!peer) {
            long t0 = System.nanoTime();
            workload.publishOrders(harness, codec, billing, Duration.ofMinutes(10));
            System.out.printf("  %d orders stored by refund-intake, policy-evaluator and the notifier in %.1f s%n", count,
                    (System.nanoTime() - t0) / 1e9);
        }
        String system = peer ? PeerDriver.SYSTEM : "refundflow";
        String database = peer ? options.peerDatabase : options.database;
        long commitsBefore = commits.of(database);

        RefundLedger.Counters counters = ledger.counters(name);
        List<CompletableFuture<Void>> pending = new ArrayList<>(count);
        Progress progress = new Progress(name, counters);
        sampler.phase(name);
        long start = System.nanoTime();
        onStart.accept(start);
        progress.start(start);
        String endNote = note;
        if (fixed) {
            long period = 1_000_000_000L / rate;
            long lead = driver.path().equals("http") ? 500_000_000L : 0;
            long first = start + lead;
            for (Workload.Prepared p : workload.refunds()) {
                long intended = first + p.index() * period;
                parkUntil(intended - lead);
                pending.add(driver.submit(p, name, intended));
            }
        } else {
            long end = start + duration.toNanos();
            Semaphore inPipeline = new Semaphore(driver.path().equals("http") ? options.httpConcurrency : 100_000);
            boolean exhausted = true;
            for (Workload.Prepared p : workload.refunds()) {
                while (counters.inFlight() >= options.window
                        && System.nanoTime() < end) {
                    LockSupport.parkNanos(200_000);
                }
                if (System.nanoTime() >= end) {
                    exhausted = false;
                    break;
                }
                inPipeline.acquire();
                CompletableFuture<Void> f = driver.submit(p, name, -1);
                f.whenComplete((ok, e) -> inPipeline.release());
                pending.add(f);
            }
            if (exhausted) {
                endNote = "ran out of the " + count + " prepared orders before the end (raise --"
                        + driver.path() + "-budget)";
                System.out.println("  " + endNote);
            }
        }
        long driveEnd = System.nanoTime();
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        long drainDeadline = System.nanoTime() + options.drain.toNanos();
        boolean drained = false;
        while (System.nanoTime() < drainDeadline) {
            if (ledger.settled(name)) {
                drained = true;
                break;
            }
            Thread.sleep(200);
        }
        long drainedAt = System.nanoTime();
        progress.stop();
        sampler.phase(null);
        HttpDriver http = driver instanceof HttpDriver ? (HttpDriver) driver : null;
        Thread.sleep(1000); // sessions report their commits to the statistics at most once a second
        String path = http == null || peer ? driver.path() : http.form().phaseSuffix();
        runs.add(new PhaseRun(name, system, mode, path, fixed ? rate : 0, start, driveEnd, drainedAt, drained,
                count, http == null ? null : http.takeSubmitLatency(),
                http == null ? List.of() : http.takeErrorExamples(), commits.of(database) - commitsBefore, reported,
                endNote, http == null ? null : http.takeOutcomes()));
        System.out.printf("  phase %s: drove %.1f s, %s in %.1f s more%n", name, (driveEnd - start) / 1e9,
                drained ? "all decided and emailed" : "NOT all decided and emailed", (drainedAt - driveEnd) / 1e9);
    }

    private PhaseResult result(PhaseRun run) {
        Histogram toDecision = LatencySummary.newHistogram();
        Histogram toEmail = LatencySummary.newHistogram();
        List<Long> emailTimes = new ArrayList<>();
        PhaseResult.Checks checks = ledger.check(run.name(), true, toDecision, toEmail, emailTimes);
        double driveSeconds = (run.driveEndNanos() - run.startNanos()) / 1e9;
        long warm = Math.min(5_000_000_000L, (run.driveEndNanos() - run.startNanos()) / 5);
        long from = run.startNanos() + warm;
        long inWindow = emailTimes.stream().filter(t -> t >= from && t <= run.driveEndNanos()).count();
        double sustained = inWindow / ((run.driveEndNanos() - from) / 1e9);
        long lastEmail = emailTimes.stream().mapToLong(Long::longValue).max().orElse(run.startNanos());
        double overall = emailTimes.isEmpty() ? 0 : emailTimes.size() / ((lastEmail - run.startNanos()) / 1e9);
        Map<String, ProcessSampler.Usage> usage = new LinkedHashMap<>(sampler.usage(run.name()));
        double window = (run.drainedNanos() - run.startNanos()) / 1e9;
        ProcessSampler.Usage machine = usage.remove("machine");
        if (machine != null) {
            double ours = usage.values().stream().mapToDouble(ProcessSampler.Usage::cpuAvg).sum();
            usage.put(OTHERS, new ProcessSampler.Usage(round(Math.max(0, machine.cpuAvg() - ours)), Double.NaN, 0, 0,
                    machine.samples()));
        }
        return new PhaseResult(run.name(), run.system(), run.mode(), run.path(), options.mix.toString(),
                run.targetRate(), round(driveSeconds), round(checks.submitted() / driveSeconds), round(sustained),
                round(overall), LatencySummary.of(toDecision), LatencySummary.of(toEmail), run.httpSubmit(),
                checks.submitted() == 0 ? Double.NaN : round((double) run.commits() / checks.submitted()),
                ledger.counters(run.name()).errors.get(), run.httpErrors(), checks, usage,
                machine == null ? Double.NaN : machine.cpuAvg(), run.drained(), run.note(),
                cpuMillisPerRefund(usage, window, checks.submitted()), run.httpOutcomes(),
                millisPerRefund(sampler.compilerUsage(run.name()), window, checks.submitted()));
    }

    /**
     * What each process spent on a refund: its average CPU over the phase's sampled window (driving and draining)
     * times that window, over the phase's refunds. 1 ms of one core per refund is 1,000 refunds/s per core.
     */
    static Map<String, Double> cpuMillisPerRefund(Map<String, ProcessSampler.Usage> usage, double windowSeconds,
            long refunds) {
        Map<String, Double> cpu = new LinkedHashMap<>();
        usage.forEach((group, u) -> cpu.put(group, u.cpuAvg()));
        return millisPerRefund(cpu, windowSeconds, refunds);
    }

    /** As {@link #cpuMillisPerRefund}, from each process's average CPU in percent of one core. */
    static Map<String, Double> millisPerRefund(Map<String, Double> cpuPercent, double windowSeconds, long refunds) {
        Map<String, Double> perRefund = new LinkedHashMap<>();
        if (refunds == 0) {
            return perRefund;
        }
        cpuPercent.forEach((group, cpu) -> perRefund.put(group, round(cpu / 100 * windowSeconds * 1000 / refunds)));
        return perRefund;
    }

    private EncodedEvent sampleRequest() {
        Workload.Prepared p = new Workload.Prepared(123456, "bo-throughput-kafka-123456", "bench-c-7", "en",
                Scenario.SAAS);
        return codec.encode(EventEnvelope.of(KafkaAccess.PARTNER,
                KafkaDriver.request(p, "bk-throughput-kafka-123456", Clock.systemUTC()), Clock.systemUTC()));
    }

    private void awaitHealthy(List<LocalService> services) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        for (LocalService service : services) {
            while (!service.healthy(http)) {
                if (System.nanoTime() > deadline) {
                    throw new LaunchException(service.module() + " was not healthy within 240 s; its log is "
                            + service.log());
                }
                Thread.sleep(300);
            }
            System.out.println("  " + service.module() + " is up at " + service.url() + " (pid " + service.pid()
                    + ", log " + service.log() + ")");
        }
    }

    private static void parkUntil(long nanos) {
        long wait;
        while ((wait = nanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    private <T extends AutoCloseable> T started(T part) {
        return running.started(part);
    }

    private void stopAll() {
        running.stopAll("\nstopping everything the benchmark started ...");
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static void step(String what) {
        System.out.println("> " + what);
    }

    /** Prints one line a second while a phase runs. */
    private static final class Progress {
        private final String phase;
        private final RefundLedger.Counters counters;
        private Thread thread;
        private volatile boolean running;

        Progress(String phase, RefundLedger.Counters counters) {
            this.phase = phase;
            this.counters = counters;
        }

        void start(long startNanos) {
            running = true;
            thread = new Thread(() -> {
                long lastSent = 0;
                long lastEmailed = 0;
                while (running) {
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                    long sent = counters.submitted.get();
                    long emailed = counters.emailed.get();
                    System.out.printf("  [%-16s %5.1fs] sent %7d  decided %7d  emailed %7d  in flight %6d  | last 1 s:"
                            + " sent %5d/s  emailed %5d/s  | errors %d%n", phase, (System.nanoTime() - startNanos) / 1e9,
                            sent, counters.decided.get(), emailed, counters.inFlight(), sent - lastSent,
                            emailed - lastEmailed, counters.errors.get());
                    lastSent = sent;
                    lastEmailed = emailed;
                }
            }, "progress");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.interrupt();
            thread.join();
        }
    }
}
