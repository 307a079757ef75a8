package io.refundflow.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The benchmark's command line: {@code --name value} pairs, each with a default (see {@link #usage()}). */
public final class Options {

    Duration duration = Duration.ofSeconds(30);
    int rate = 200;
    /** Whether --rate was given: a soak without it runs at half the capacity an open-throttle probe measures. */
    boolean rateGiven;
    /** How long a soak drives refunds at a fixed rate; null: no soak, the usual phases run. */
    Duration soak;
    /** How often a soak samples RSS, latency and row counts. */
    Duration soakInterval = Duration.ofMinutes(1);
    ProductMix mix = ProductMix.parse(ProductMix.DEFAULT);
    String mode = "both";
    Path out = Path.of("target", "benchmark");
    List<String> throughputPaths = List.of("kafka", "http");
    String latencyPath = "http";
    Duration warmup = Duration.ofSeconds(5);
    int window = 3000;
    /**
     * As many as refund-intake's admission gate runs at once ({@code refund.intake.admission.max-concurrent}): more
     * wait in its queue for at most its {@code max-wait} and are then refused, so an open-throttle phase with more
     * measured a storm of 503s (one per accepted refund at 24) rather than the refunds; the overload phase is the
     * one that measures refusals.
     */
    int httpConcurrency = 16;
    int customers = 50;
    Duration drain = Duration.ofSeconds(90);
    boolean ceilings = true;
    Duration ceilingTime = Duration.ofSeconds(3);
    int kafkaBudget = 1500;
    int httpBudget = 600;
    String serviceHeap = "768m";
    String tuning = "tuned";
    /** on: turn PostgreSQL's autovacuum on for the run if the server has it off; as-is: leave the server's setting. */
    String autovacuum = "on";
    Map<String, String> extraProperties = new LinkedHashMap<>();
    int kafkaPort = 19092;
    int kafkaControllerPort = 19093;
    int smtpPort = 12525;
    int inboxPort = 18025;
    int firstServicePort = 18081;
    int embeddedPostgresPort = 54339;
    String database = "refundflow_bench";
    /** none, or the peer system also measured: operaton (refund-peer-operaton). */
    String peer = "none";
    boolean onlyPeer;
    /** Whether each service records a JFR profile (method samples, allocations, locks) into {@code out/profiles}. */
    boolean profile;
    int peerPort = 18095;
    String peerDatabase = "operaton_bench";

    public static Options parse(String... args) {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--help") || name.equals("-h")) {
                throw new IllegalArgumentException(usage());
            }
            if (name.equals("--no-ceilings")) {
                o.ceilings = false;
                continue;
            }
            if (name.equals("--profile")) {
                o.profile = true;
                continue;
            }
            if (name.equals("--only-peer")) {
                o.onlyPeer = true;
                continue;
            }
            if (!name.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value, got '" + name + "'\n" + usage());
            }
            String value = args[++i];
            switch (name) {
                case "--duration":
                    o.duration = duration(name, value);
                    break;
                case "--rate":
                    o.rate = positive(name, value);
                    o.rateGiven = true;
                    break;
                case "--soak":
                    o.soak = duration(name, value);
                    break;
                case "--soak-interval":
                    o.soakInterval = duration(name, value);
                    break;
                case "--mix":
                    o.mix = ProductMix.parse(value);
                    break;
                case "--mode":
                    o.mode = oneOf(name, value, "latency", "throughput", "both");
                    break;
                case "--out":
                    o.out = Path.of(value);
                    break;
                case "--throughput-path":
                    String path = oneOf(name, value, "kafka", "http", "both");
                    o.throughputPaths = path.equals("both") ? List.of("kafka", "http") : List.of(path);
                    break;
                case "--latency-path":
                    o.latencyPath = oneOf(name, value, "kafka", "http");
                    break;
                case "--warmup":
                    o.warmup = duration(name, value);
                    break;
                case "--window":
                    o.window = positive(name, value);
                    break;
                case "--http-concurrency":
                    o.httpConcurrency = positive(name, value);
                    break;
                case "--customers":
                    o.customers = positive(name, value);
                    break;
                case "--drain":
                    o.drain = duration(name, value);
                    break;
                case "--ceiling-time":
                    o.ceilingTime = duration(name, value);
                    break;
                case "--kafka-budget":
                    o.kafkaBudget = positive(name, value);
                    break;
                case "--http-budget":
                    o.httpBudget = positive(name, value);
                    break;
                case "--service-heap":
                    o.serviceHeap = value;
                    break;
                case "--tuning":
                    o.tuning = oneOf(name, value, "tuned", "defaults");
                    break;
                case "--autovacuum":
                    o.autovacuum = oneOf(name, value, "on", "as-is");
                    break;
                case "--peer":
                    o.peer = oneOf(name, value, "none", "operaton");
                    break;
                case "--prop":
                    int eq = value.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--prop: expected [service:]key=value, got '" + value + "'");
                    }
                    o.extraProperties.put(value.substring(0, eq), value.substring(eq + 1));
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + name + "\n" + usage());
            }
        }
        if (o.soak != null && (o.soak.isZero() || o.soakInterval.isZero() || o.soakInterval.compareTo(o.soak) > 0)) {
            throw new IllegalArgumentException("--soak and --soak-interval: a positive soak of at least one interval");
        }
        if (o.soak != null && o.hasPeer()) {
            throw new IllegalArgumentException("--soak measures refundflow alone: drop --peer");
        }
        if (o.onlyPeer && !o.hasPeer()) {
            throw new IllegalArgumentException("--only-peer needs --peer operaton");
        }
        return o;
    }

    boolean hasPeer() {
        return !peer.equals("none");
    }

    /** Whether refundflow itself (Kafka and the services) is measured. */
    boolean runsRefundflow() {
        return !onlyPeer;
    }

    boolean runsLatency() {
        return !mode.equals("throughput");
    }

    boolean runsThroughput() {
        return !mode.equals("latency");
    }

    static Duration duration(String name, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
            }
            if (v.endsWith("m")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 60_000));
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": not a duration (e.g. 30s, 2m, 500ms): '" + value + "'");
        }
    }

    private static int positive(String name, String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": not a positive whole number: '" + value + "'");
        }
    }

    private static String oneOf(String name, String value, String... allowed) {
        for (String a : allowed) {
            if (a.equals(value)) {
                return value;
            }
        }
        throw new IllegalArgumentException(name + ": one of " + List.of(allowed) + ", got '" + value + "'");
    }

    static String usage() {
        List<String> lines = new ArrayList<>();
        lines.add("scripts/benchmark.sh [options]");
        lines.add("  --duration 30s          how long each measured phase drives refunds");
        lines.add("  --rate 200              refunds/s of the latency phase (fixed rate, coordinated-omission safe)");
        lines.add("  --mix " + ProductMix.DEFAULT);
        lines.add("                          weighted kinds: " + List.of(Scenario.values()));
        lines.add("  --mode both             latency | throughput | both");
        lines.add("  --latency-path http     http (one call that opens and submits, REST) | kafka (foreign producer)");
        lines.add("  --throughput-path both  kafka | http | both; http runs the one call, then the two-call form");
        lines.add("                          (contact, then submit) as a row of its own, then overload-http: the");
        lines.add("                          one call at a fixed twice the rate throughput-http reached");
        lines.add("  --window 3000           throughput phases: most refunds submitted but not yet emailed");
        lines.add("  --http-concurrency 16   throughput over HTTP: refunds in the HTTP pipeline at once (intake's");
        lines.add("                          admission places: more are refused after its max-wait)");
        lines.add("  --warmup 5s             unreported open-throttle warm-up before the first phase of each path");
        lines.add("  --drain 90s             how long to wait for the last decisions and emails of a phase");
        lines.add("  --no-ceilings           skip measuring Kafka / PostgreSQL / SMTP ceilings");
        lines.add("  --ceiling-time 3s       time per ceiling measurement");
        lines.add("  --kafka-budget 1500     billing orders prepared per second of a Kafka throughput phase");
        lines.add("  --http-budget 600       ... of an HTTP throughput phase");
        lines.add("  --customers 50          synthetic customers the orders belong to");
        lines.add("  --service-heap 768m     -Xmx of each service");
        lines.add("  --tuning tuned          tuned (quiet Kafka client logs) | defaults (the services as shipped)");
        lines.add("  --autovacuum on         on (PostgreSQL's autovacuum on for the run, as in production; the server's");
        lines.add("                          setting restored at the end) | as-is (the server's setting, to compare)");
        lines.add("  --prop [svc:]key=value  extra property for all services, or one (refund-intake, ...);");
        lines.add("                          the peer takes only its own (refund-peer-operaton:key=value)");
        lines.add("  --peer none             operaton: also measure the same flow on Operaton");
        lines.add("                          (refund-peer-operaton) after refundflow: same mix, rates, checks; HTTP");
        lines.add("  --only-peer             measure the peer only (no Kafka, no refundflow services)");
        lines.add("  --soak 30m              instead of the phases: a fixed rate over --latency-path for this long");
        lines.add("                          (--rate, or half the fully emailed/s of an open-throttle probe of");
        lines.add("                          --duration), sampling RSS, p99 latency and every table's rows");
        lines.add("  --soak-interval 1m      how often the soak samples");
        lines.add("  --profile               each service records JFR (settings=profile) into <out>/profiles/<service>.jfr;");
        lines.add("                          summarise one with: jfr print --events jdk.ExecutionSample <file>");
        lines.add("  --out target/benchmark  where results.json and results.md go");
        return String.join("\n", lines);
    }
}
