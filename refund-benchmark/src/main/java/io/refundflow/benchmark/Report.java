package io.refundflow.benchmark;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The run's figures as a markdown table (printed and written to results.md) and as results.json. */
final class Report {

    // Issue 25's targets, all of them checked on every run (targets()).
    static final double TARGET_KAFKA_EMAILED_PER_SECOND = 500;
    static final double TARGET_HTTP_EMAILED_PER_SECOND = 300;
    static final double TARGET_KAFKA_CPU_MS_PER_REFUND = 4;
    static final double TARGET_HTTP_CPU_MS_PER_REFUND = 7;
    static final double TARGET_DECISION_P99_MS = 50;
    static final double TARGET_EMAIL_P99_MS = 250;
    /** At twice the HTTP capacity, the excess is refused within this (p99) ... */
    static final double TARGET_REFUSAL_P99_MS = 100;
    /** ... and what is accepted is decided within this (p99). */
    static final double TARGET_OVERLOAD_DECISION_P99_MS = 1000;
    static final double TARGET_KAFKA_COMMITS_PER_REFUND = 0.5;
    static final double TARGET_HTTP_COMMITS_PER_REFUND = 2;
    static final double TARGET_TIMES_PEER = 5;

    private final Options options;
    private final Ceilings ceilings;
    private final Map<String, Map<String, String>> serviceProperties;
    private final List<PhaseResult> phases = new ArrayList<>();
    private final List<PhaseResult> unreported = new ArrayList<>();
    private final String when = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    private long strangers;
    private Soak soak;
    private String autovacuum = "not checked";

    Report(Options options, Ceilings ceilings, Map<String, Map<String, String>> serviceProperties) {
        this.options = options;
        this.ceilings = ceilings;
        this.serviceProperties = serviceProperties;
    }

    void add(PhaseResult result, boolean reported) {
        (reported ? phases : unreported).add(result);
    }

    void strangers(long count) {
        this.strangers = count;
    }

    /** What the run had of PostgreSQL's autovacuum, as {@link Autovacuum#state} says it. */
    void autovacuum(String state) {
        this.autovacuum = state;
    }

    /** The soak's samples and verdicts; null when the run was no soak. */
    void soak(Soak soak) {
        this.soak = soak;
    }

    /** The tightest ceiling the workflow depends on: name and figure, or null without ceilings. */
    Map.Entry<String, Double> tightest() {
        if (ceilings == null || ceilings.figures().isEmpty()) {
            return null;
        }
        Map<String, Double> relevant = relevantCeilings();
        Map.Entry<String, Double> min = null;
        for (Map.Entry<String, Double> e : relevant.entrySet()) {
            if (!Double.isNaN(e.getValue()) && (min == null || e.getValue() < min.getValue())) {
                min = e;
            }
        }
        return min;
    }

    /** The ceilings the workflow's own usage corresponds to (the notifier reuses one SMTP connection). */
    Map<String, Double> relevantCeilings() {
        Map<String, Double> relevant = new LinkedHashMap<>();
        if (ceilings != null) {
            relevant.put("Kafka produce+consume", ceilings.get("kafka", "produce+consume"));
            relevant.put("PostgreSQL INSERT+COMMIT, 1 client", ceilings.get("postgres", "INSERT one row + COMMIT, 1 "));
            relevant.put("SMTP over one connection", ceilings.get("smtp", "accepted over one connection"));
        }
        return relevant;
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("## refundflow benchmark, ").append(when).append("\n\n");
        md.append(String.format("%d cores; %s s per phase; latency rate %d refunds/s; mix %s; tuning `%s`;"
                + " service heap %s; throughput window %d in flight; PostgreSQL autovacuum %s%n%n",
                Runtime.getRuntime().availableProcessors(), options.duration.toSeconds(), options.rate, options.mix,
                options.tuning, options.serviceHeap, options.window, autovacuum));
        md.append("### End to end (refunds submitted → decided → emailed)\n\n");
        md.append("| phase | path | load | refunds | fully emailed /s (sustained) | fully emailed /s (overall) | submit→decision ms p50 / p95 / p99"
                + " / max | submit→email ms p50 / p95 / p99 / max | HTTP submit ms p50 / p95 / p99 / max | PostgreSQL commits"
                + " / refund | checks |\n");
        md.append("|---|---|---|---:|---:|---:|---|---|---|---:|---|\n");
        for (PhaseResult p : phases) {
            md.append(String.format("| %s | %s | %s | %,d | %,.0f | %,.0f | %s | %s | %s | %.1f | %s |%n", p.name(),
                    pathText(p),
                    p.targetRate() > 0 ? String.format("fixed %.0f/s", p.targetRate())
                            : String.format("open (%.0f/s submitted)", p.achievedSubmitRate()),
                    p.checks().submitted(), p.sustainedEmailedPerSecond(), p.overallEmailedPerSecond(),
                    p.submitToDecision().text(),
                    p.submitToEmail().text(), p.httpSubmit() == null ? "–" : p.httpSubmit().text(),
                    p.commitsPerRefund(), checkText(p)));
        }
        md.append("\nLatencies are measured from the intended send time of the submit (HTTP) or publish (Kafka) to the"
                + " arrival of the decision / the notifier's SENT event at the benchmark's own consumer"
                + " (coordinated-omission safe). *Sustained* counts refunds whose email was sent while the phase was"
                + " driving, after its first fifth (at most 5 s); *overall* counts all its refunds' emails from the phase's start to its last"
                + " email, drain included. *Not drained in time*: some refunds were still in flight when the --drain time"
                + " ran out (they are checked again at the end of the run, so a refund completed later is no loss)."
                + " *Commits / refund*: committed transactions of the system's own database(s) during the phase"
                + " (pg_stat_database), over its refunds. The Operaton peer's phases (`operaton-…`): the decision"
                + " time is its HTTP answer (given once the decision table has decided and the instance is"
                + " committed), the email time is when the email is first seen in the SMTP server (polled every "
                + InboxDrain.POLL_MILLIS + " ms).\n");
        if (soak != null) {
            md.append(soak.markdown());
        }
        httpAnswers(md);
        sideBySide(md);

        if (ceilings != null) {
            md.append("\n### Ceilings of the parts (same run, same broker / database / SMTP server, nothing else"
                    + " running)\n\n| part | measurement | per second |\n|---|---|---:|\n");
            for (Ceilings.Figure f : ceilings.figures()) {
                md.append(String.format("| %s | %s | %,.0f |%n", f.part(), f.what(), f.perSecond()));
            }
            Map.Entry<String, Double> tight = tightest();
            if (tight != null) {
                md.append(String.format("%nTightest relevant ceiling: **%s, %,.0f/s**.%n%n", tight.getKey(),
                        tight.getValue()));
                md.append("| phase | fully emailed /s | of the tightest ceiling |");
                relevantCeilings().keySet().forEach(k -> md.append(" of ").append(k).append(" |"));
                md.append("\n|---|---:|---:|");
                relevantCeilings().keySet().forEach(k -> md.append("---:|"));
                md.append("\n");
                for (PhaseResult p : phases) {
                    md.append(String.format("| %s | %,.0f | %.1f %% |", p.name(), p.sustainedEmailedPerSecond(),
                            100 * p.sustainedEmailedPerSecond() / tight.getValue()));
                    relevantCeilings().values().forEach(v -> md.append(String.format(" %.1f %% |",
                            100 * p.sustainedEmailedPerSecond() / v)));
                    md.append("\n");
                }
            }
        }

        md.append("\n### CPU (% of one core; 200 % = the whole machine) and memory (RSS MiB), avg / max\n\n");
        List<String> groups = new ArrayList<>();
        for (PhaseResult p : phases) {
            p.resources().keySet().forEach(g -> {
                if (!groups.contains(g)) {
                    groups.add(g);
                }
            });
        }
        groupsHeader(md, groups, "machine CPU", "---|");
        for (PhaseResult p : phases) {
            md.append("| ").append(p.name()).append(" |");
            for (String g : groups) {
                ProcessSampler.Usage u = p.resources().get(g);
                md.append(u == null ? " – |" : u.rssMaxMb() == 0 ? String.format(" %.0f %% |", u.cpuAvg())
                        : String.format(" %.0f / %.0f %%, %.0f / %.0f MiB |", u.cpuAvg(), u.cpuMax(),
                        u.rssAvgMb(), u.rssMaxMb()));
            }
            md.append(String.format(" %.0f %% |%n", p.machineCpuPercent()));
        }

        md.append("\n### CPU per refund (ms of one core, over the phase's driving and draining)\n\n");
        perRefundTable(md, phases, groups, PhaseResult::cpuMillisPerRefund);

        md.append("\n### Of which the JIT compilers (ms of one core per refund, included above)\n\n");
        md.append("Each JVM's C1/C2 compiler threads: work a service does once after its start, not per refund, and"
                + " still under way in the first minutes of a run on two cores.\n\n");
        perRefundTable(md, phases, groups, PhaseResult::compilerMillisPerRefund);

        md.append("\n### Targets\n\n");
        targets().forEach(t -> md.append("- ").append(t).append("\n"));
        if (strangers > 0) {
            md.append("\nEvents for ").append(strangers).append(" refund ids the benchmark did not submit were seen.\n");
        }
        for (PhaseResult p : phases) {
            if (!p.checks().examples().isEmpty() || !p.httpErrorExamples().isEmpty() || p.note() != null) {
                md.append("\n").append(p.name()).append(":");
                if (p.note() != null) {
                    md.append(" ").append(p.note()).append(".");
                }
                p.checks().examples().forEach(e -> md.append("\n  - ").append(e));
                p.httpErrorExamples().forEach(e -> md.append("\n  - HTTP error: ").append(e));
                md.append("\n");
            }
        }
        return md.toString();
    }

    private static String pathText(PhaseResult p) {
        if (p.system().equals(PeerDriver.SYSTEM)) {
            return "HTTP POST /refunds (Operaton peer)";
        }
        if (p.path().equals("http")) {
            return "HTTP one call (open + submit)";
        }
        return p.path().equals("http-two-calls") ? "HTTP contact, then submit" : "Kafka (foreign producer)";
    }

    /** Milliseconds per refund of each process group, and their sum, one row per phase. */
    private static void perRefundTable(StringBuilder md, List<PhaseResult> phases, List<String> groups,
            Function<PhaseResult, Map<String, Double>> millis) {
        groupsHeader(md, groups, "all", "---:|");
        for (PhaseResult p : phases) {
            md.append("| ").append(p.name()).append(" |");
            Map<String, Double> perGroup = millis.apply(p);
            double all = 0;
            for (String g : groups) {
                Double ms = perGroup.get(g);
                all += ms == null || ms.isNaN() ? 0 : ms;
                md.append(ms == null ? " – |" : String.format(" %.1f |", ms));
            }
            md.append(String.format(" %.1f |%n", all));
        }
    }

    /**
     * The header of a per-process-group table: the phase, one column per group (underlined with
     * {@code groupRule}, e.g. {@code ---:|} for right-aligned numbers), and a right-aligned {@code last} column.
     */
    private static void groupsHeader(StringBuilder md, List<String> groups, String last, String groupRule) {
        md.append("| phase |");
        groups.forEach(g -> md.append(" ").append(g).append(" |"));
        md.append(" ").append(last).append(" |\n|---|");
        groups.forEach(g -> md.append(groupRule));
        md.append("---:|\n");
    }

    /** The processes each system consists of, for its CPU and memory in the side-by-side table. */
    private static boolean partOf(String system, String group) {
        if (group.equals(Benchmark.POSTGRES)) {
            return true;
        }
        return system.equals(PeerDriver.SYSTEM) ? group.equals(Benchmark.PEER_MODULE)
                : Benchmark.SERVICES.contains(group) || group.equals("kafka");
    }

    /** How refundflow's HTTP phases were answered: accepted, refused (503 / 429, and how fast), or never. */
    private void httpAnswers(StringBuilder md) {
        List<PhaseResult> http = phases.stream()
                .filter(p -> !p.system().equals(PeerDriver.SYSTEM) && p.httpOutcomes() != null).toList();
        if (http.isEmpty()) {
            return;
        }
        md.append("\n### HTTP answers (refundflow)\n\n| phase | path | load | accepted | 503 | 429 | connect time-outs"
                + " | other failures | answers lost (asked again) | 503/429 answer ms p50 / p95 / p99 / max"
                + " | accepted: p99 submit→decision ms"
                + " | client late to send ms p50 / p95 / p99 / max |\n"
                + "|---|---|---|---:|---:|---:|---:|---:|---:|---|---:|---|\n");
        for (PhaseResult p : http) {
            HttpDriver.Outcomes o = p.httpOutcomes();
            md.append(String.format("| %s | %s | %s | %,d | %,d | %,d | %,d | %,d | %,d | %s | %.1f | %s |%n",
                    p.name(), pathText(p),
                    p.targetRate() > 0 ? String.format("fixed %.0f/s", p.targetRate()) : "open",
                    p.checks().submitted(), o.refused503(), o.refused429(), o.connectTimeouts(), o.otherErrors(),
                    o.answersLost(), o.refusalAnswer().text(), p.submitToDecision().p99(), o.lateToSend().text()));
        }
        md.append("\n*overload-http* drives the one call at twice the submit rate *throughput-http* reached: the excess"
                + " must be refused (503 overloaded, or 429 for a caller over its share, with Retry-After) within"
                + " milliseconds, never left to a connect time-out, while what is accepted keeps its latency."
                + " *Client late to send*: how long after its slot a request of a fixed-rate phase was handed to the"
                + " HTTP client; the client shares the cores with the system, and its lateness is in every answer's"
                + " time measured from the slot.\n");
    }

    /** refundflow and the peer, phase by phase of the same mode over HTTP, and their ratio. */
    private void sideBySide(StringBuilder md) {
        List<String> rows = new ArrayList<>();
        List<String> ratios = new ArrayList<>();
        for (PhaseResult peer : phases) {
            if (!peer.system().equals(PeerDriver.SYSTEM)) {
                continue;
            }
            PhaseResult own = phases.stream().filter(p -> !p.system().equals(PeerDriver.SYSTEM)
                    && p.mode().equals(peer.mode()) && p.path().equals("http")).findFirst().orElse(null);
            for (PhaseResult p : own == null ? List.of(peer) : List.of(own, peer)) {
                double cpu = 0;
                double rss = 0;
                for (Map.Entry<String, ProcessSampler.Usage> u : p.resources().entrySet()) {
                    if (partOf(p.system(), u.getKey())) {
                        cpu += u.getValue().cpuAvg();
                        rss += u.getValue().rssAvgMb();
                    }
                }
                rows.add(String.format("| %s | %s | %,.0f | %.1f | %.1f | %.0f %% | %,.0f | %.1f | %s |", p.system(),
                        p.name(), p.sustainedEmailedPerSecond(), p.submitToDecision().p99(), p.submitToEmail().p99(),
                        cpu, rss, p.commitsPerRefund(), checkText(p)));
            }
            if (own != null) {
                EmailedAlike emailed = EmailedAlike.of(own, peer);
                ratios.add(String.format("%s: refundflow / Operaton = %.2f× emailed/s (%s), %.2f× p99"
                        + " submit→decision, %.2f× p99 submit→email, %.2f× commits per refund", peer.mode(),
                        emailed.times(), emailed.measure(),
                        own.submitToDecision().p99() / peer.submitToDecision().p99(),
                        own.submitToEmail().p99() / peer.submitToEmail().p99(),
                        own.commitsPerRefund() / peer.commitsPerRefund()));
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        md.append("\n### Side by side: refundflow and the same flow on Operaton\n\n");
        md.append("| system | phase | fully emailed /s (sustained) | p99 submit→decision ms | p99 submit→email ms"
                + " | CPU (its processes and PostgreSQL, avg; 100 % = one core) | RSS MiB (avg) | PostgreSQL commits /"
                + " refund | checks |\n|---|---|---:|---:|---:|---:|---:|---:|---|\n");
        rows.forEach(r -> md.append(r).append("\n"));
        md.append("\n");
        ratios.forEach(r -> md.append("- ").append(r).append("\n"));
    }

    private static String checkText(PhaseResult p) {
        String s = p.checks().summary();
        if (p.checks().manualReview() > 0) {
            s += " (" + p.checks().manualReview() + " under review)";
        }
        if (p.checks().unexpectedOutcome() > 0) {
            s += "; " + p.checks().unexpectedOutcome() + " decided otherwise than the policy (outcome or amount)";
        }
        if (p.httpErrors() > 0) {
            s += "; " + p.httpErrors() + " submit errors";
        }
        if (p.checks().unanswered() > 0) {
            s += "; " + p.checks().unanswered() + " answers never came (read time-out; checked for duplicates only)";
        }
        if (!p.drainedInTime()) {
            s += "; not drained in time";
        }
        return s;
    }

    /** Issue 25's targets, each with the run's figure and "met" or "NOT met"; a target no phase measured says so. */
    List<String> targets() {
        List<String> out = new ArrayList<>();
        // the targets are refundflow's; the peer is measured for comparison only
        List<PhaseResult> own = phases.stream().filter(p -> !p.system().equals(PeerDriver.SYSTEM)).toList();
        PhaseResult kafka = phase(own, "throughput", "kafka");
        PhaseResult http = phase(own, "throughput", "http");
        out.add(atLeast("Kafka path ≥ %,.0f refunds/s fully emailed, sustained", TARGET_KAFKA_EMAILED_PER_SECOND,
                kafka, kafka == null ? 0 : kafka.sustainedEmailedPerSecond(), "%,.0f/s"));
        out.add(atLeast("HTTP path (one call) ≥ %,.0f refunds/s fully emailed, sustained",
                TARGET_HTTP_EMAILED_PER_SECOND, http, http == null ? 0 : http.sustainedEmailedPerSecond(), "%,.0f/s"));
        out.add(cpuPerRefund("CPU per refund over Kafka, the system's processes and the benchmark JVM, ≤ %.0f ms",
                TARGET_KAFKA_CPU_MS_PER_REFUND, kafka));
        out.add(cpuPerRefund("CPU per refund over HTTP, the system's processes and the benchmark JVM, ≤ %.0f ms",
                TARGET_HTTP_CPU_MS_PER_REFUND, http));
        PhaseResult fixed = phase(own, "latency", "http");
        String at = fixed == null ? "" : String.format(" at fixed %.0f/s over HTTP", fixed.targetRate());
        out.add(atMost("p99 submit→decision ≤ %.0f ms" + at, TARGET_DECISION_P99_MS, fixed,
                fixed == null ? 0 : fixed.submitToDecision().p99(), "%.1f ms"));
        out.add(atMost("p99 submit→email ≤ %.0f ms" + at, TARGET_EMAIL_P99_MS, fixed,
                fixed == null ? 0 : fixed.submitToEmail().p99(), "%.1f ms"));
        out.add(atMost("failed requests ≤ %.0f" + at, 0, fixed, fixed == null ? 0 : fixed.httpErrors(), "%.0f"));
        PhaseResult overload = phase(own, "overload", "http");
        HttpDriver.Outcomes o = overload == null ? null : overload.httpOutcomes();
        String twice = overload == null ? "" : String.format(" at %.0f/s (twice the HTTP capacity)",
                overload.targetRate());
        out.add(atMost("connect time-outs ≤ %.0f" + twice, 0, o == null ? null : overload,
                o == null ? 0 : o.connectTimeouts(), "%.0f"));
        boolean refused = o != null && o.refusalAnswer().count() > 0;
        out.add(atMost("503/429 answered in p99 ≤ %.0f ms" + twice, TARGET_REFUSAL_P99_MS,
                o == null ? null : overload, refused ? o.refusalAnswer().p99() : 0,
                refused ? "%.1f ms" : "none refused"));
        out.add(atMost("accepted requests' p99 submit→decision ≤ %,.0f ms" + twice, TARGET_OVERLOAD_DECISION_P99_MS,
                overload, overload == null ? 0 : overload.submitToDecision().p99(), "%.1f ms"));
        out.add(atMost("PostgreSQL commits per refund over Kafka ≤ %.1f", TARGET_KAFKA_COMMITS_PER_REFUND, kafka,
                kafka == null ? 0 : kafka.commitsPerRefund(), "%.2f"));
        out.add(atMost("PostgreSQL commits per refund over HTTP ≤ %.1f", TARGET_HTTP_COMMITS_PER_REFUND, http,
                http == null ? 0 : http.commitsPerRefund(), "%.2f"));
        PhaseResult peer = phases.stream().filter(p -> p.system().equals(PeerDriver.SYSTEM)
                && p.mode().equals("throughput")).findFirst().orElse(null);
        if (peer != null) {
            EmailedAlike emailed = http == null ? null : EmailedAlike.of(http, peer);
            out.add(atLeast("≥ %.0f× Operaton's fully emailed/s at open throttle (HTTP, one call)",
                    TARGET_TIMES_PEER, http, emailed == null ? 0 : emailed.times(), "%.2f×",
                    emailed == null ? "" : String.format("%,.0f/s against %,.0f/s, %s", emailed.own(),
                            emailed.peer(), emailed.measure())));
        }
        boolean allPassed = phases.stream().allMatch(p -> p.checks().passed())
                && unreported.stream().allMatch(p -> p.checks().passed());
        out.add("every submitted refund exactly one decision and one email per decision (all phases, warm-up"
                + " included): " + (allPassed ? "yes" : "NO"));
        return out;
    }

    /**
     * Both systems' emailed/s, measured alike: the sustained rates, unless one side emailed nothing while its phase
     * was driving (all of it in the drain), when a sustained ratio would divide by zero and call anything infinitely
     * faster; then the overall rates of both.
     */
    record EmailedAlike(double own, double peer, String measure) {

        static EmailedAlike of(PhaseResult own, PhaseResult peer) {
            if (own.sustainedEmailedPerSecond() > 0 && peer.sustainedEmailedPerSecond() > 0) {
                return new EmailedAlike(own.sustainedEmailedPerSecond(), peer.sustainedEmailedPerSecond(),
                        "sustained");
            }
            return new EmailedAlike(own.overallEmailedPerSecond(), peer.overallEmailedPerSecond(),
                    "overall: a side emailed nothing while its phase drove");
        }

        double times() {
            return peer > 0 ? own / peer : 0;
        }
    }

    private static PhaseResult phase(List<PhaseResult> own, String mode, String path) {
        return own.stream().filter(p -> p.mode().equals(mode) && p.path().equals(path)).findFirst().orElse(null);
    }

    /**
     * CPU ms per refund of every process the target counts: the services, the broker, PostgreSQL and the benchmark
     * JVM (driver, observer, SMTP server); not the peer, not the machine's other processes.
     */
    static double systemCpuMillisPerRefund(PhaseResult p) {
        return systemMillisPerRefund(p.cpuMillisPerRefund());
    }

    /**
     * The CPU target, judged on all of the CPU; the JIT compilers' part of it said beside, where the run sampled
     * them: one-off work of JVMs started for the run, which a reader of the figure should know about.
     */
    private static String cpuPerRefund(String target, double bound, PhaseResult measured) {
        if (measured == null || measured.compilerMillisPerRefund().isEmpty()) {
            return atMost(target, bound, measured, measured == null ? 0 : systemCpuMillisPerRefund(measured),
                    "%.1f ms");
        }
        double all = systemCpuMillisPerRefund(measured);
        return judged(target, bound, measured, all, "%.1f ms", all <= bound, String.format(
                "of which %.1f ms the JIT compilers", systemMillisPerRefund(measured.compilerMillisPerRefund())));
    }

    private static double systemMillisPerRefund(Map<String, Double> perProcess) {
        double all = 0;
        for (Map.Entry<String, Double> e : perProcess.entrySet()) {
            if (!e.getKey().equals(Benchmark.OTHERS) && !e.getKey().equals(Benchmark.PEER_MODULE)
                    && !e.getValue().isNaN()) {
                all += e.getValue();
            }
        }
        return all;
    }

    private static String atLeast(String target, double bound, PhaseResult measured, double value, String format,
            Object... detail) {
        return judged(target, bound, measured, value, format, value >= bound, detail);
    }

    private static String atMost(String target, double bound, PhaseResult measured, double value, String format) {
        return judged(target, bound, measured, value, format, value <= bound);
    }

    /** "target: figure (phase) — met / NOT met"; without a phase that measured it, "not measured in this run". */
    private static String judged(String target, double bound, PhaseResult measured, double value, String format,
            boolean met, Object... detail) {
        String title = String.format(target, bound);
        if (measured == null) {
            return title + ": not measured in this run — NOT met";
        }
        String figure = format.contains("%") ? String.format(format, value) : format;
        if (detail.length > 0) {
            figure += " (" + detail[0] + ")";
        }
        return title + ": " + figure + " (" + measured.name() + ") — " + (met ? "met" : "NOT met");
    }

    String json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("when", when);
        root.put("cores", Runtime.getRuntime().availableProcessors());
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("durationSeconds", options.duration.toMillis() / 1000.0);
        opts.put("rate", options.rate);
        opts.put("mix", options.mix.toString());
        opts.put("mode", options.mode);
        opts.put("latencyPath", options.latencyPath);
        opts.put("throughputPaths", options.throughputPaths);
        opts.put("window", options.window);
        opts.put("httpConcurrency", options.httpConcurrency);
        opts.put("tuning", options.tuning);
        opts.put("serviceHeap", options.serviceHeap);
        root.put("options", opts);
        root.put("postgresAutovacuum", autovacuum);
        Map<String, Map<String, String>> props = new LinkedHashMap<>();
        serviceProperties.forEach((service, p) -> {
            Map<String, String> shown = new LinkedHashMap<>();
            p.forEach((k, v) -> {
                if (!Tuning.isConnection(k)) {
                    shown.put(k, v);
                }
            });
            props.put(service, shown);
        });
        root.put("serviceProperties", props);
        root.put("ceilings", ceilings == null ? List.of() : ceilings.asJson());
        Map.Entry<String, Double> tight = tightest();
        if (tight != null) {
            root.put("tightestCeiling", Map.of("part", tight.getKey(), "perSecond", Math.round(tight.getValue())));
        }
        root.put("phases", phases);
        root.put("warmup", unreported);
        root.put("targets", targets());
        root.put("strangerRefundIds", strangers);
        if (soak != null) {
            root.put("soak", soak.json());
        }
        return JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(root);
    }
}
