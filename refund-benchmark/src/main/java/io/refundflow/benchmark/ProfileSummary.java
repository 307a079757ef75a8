package io.refundflow.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a service's time and memory went, read from the flight recording {@code --profile} keeps: the CPU samples
 * and the sampled allocation of a window of the recording (by default its second half, when the measured phases
 * run and the start-up is over), grouped by thread, by library (any frame of a sample, so the shares overlap), by
 * the top frame, and for allocation by class and by the first frame of the project's own code; and the collections'
 * pauses in the window. The questions every profile of this project asked first, answered without a script per
 * session:
 *
 * <pre>java -cp refund-benchmark/target/classes io.refundflow.benchmark.ProfileSummary FILE.jfr [FROM TO]</pre>
 *
 * FROM and TO are fractions of the recording (0.5 and 1 by default).
 */
public final class ProfileSummary {

    static final String OWN_CODE = "io.refundflow.";
    private static final int ROWS = 20;
    private static final int LIBRARY_SEGMENTS = 3;

    /** Samples or bytes per key, and their total. */
    static final class Tally {
        final Map<String, Long> byKey = new HashMap<>();
        long total;

        void add(String key, long weight) {
            byKey.merge(key, weight, Long::sum);
        }

        List<Map.Entry<String, Long>> top(int rows) {
            return byKey.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .limit(rows).toList();
        }

        double share(String key) {
            return total == 0 ? 0 : (double) byKey.getOrDefault(key, 0L) / total;
        }
    }

    final Tally cpuThreads = new Tally();
    final Tally cpuLibraries = new Tally();
    final Tally cpuTopFrames = new Tally();
    final Tally allocationThreads = new Tally();
    final Tally allocationClasses = new Tally();
    final Tally allocationOwnFrames = new Tally();
    long collections;
    Duration pauses = Duration.ZERO;

    /** Reads the window [{@code from}, {@code to}] (fractions of the recording's span) of {@code recording}. */
    static ProfileSummary of(Path recording, double from, double to) throws IOException {
        List<RecordedEvent> events = RecordingFile.readAllEvents(recording);
        Instant first = events.stream().map(RecordedEvent::getStartTime).min(Instant::compareTo).orElse(Instant.EPOCH);
        Instant last = events.stream().map(RecordedEvent::getStartTime).max(Instant::compareTo).orElse(Instant.EPOCH);
        long span = Duration.between(first, last).toNanos();
        Instant start = first.plusNanos((long) (span * from));
        Instant end = first.plusNanos((long) (span * to));
        ProfileSummary summary = new ProfileSummary();
        for (RecordedEvent event : events) {
            if (!event.getStartTime().isBefore(start) && !event.getStartTime().isAfter(end)) {
                summary.take(event);
            }
        }
        return summary;
    }

    private void take(RecordedEvent event) {
        switch (event.getEventType().getName()) {
            case "jdk.ExecutionSample" -> cpuSample(event);
            case "jdk.ObjectAllocationSample" -> allocationSample(event);
            case "jdk.GarbageCollection" -> {
                collections++;
                pauses = pauses.plus(event.getDuration("sumOfPauses"));
            }
            default -> { }
        }
    }

    private void cpuSample(RecordedEvent event) {
        RecordedStackTrace stack = event.getStackTrace();
        if (stack == null || stack.getFrames().isEmpty()) {
            return;
        }
        cpuThreads.total++;
        cpuLibraries.total++;
        cpuTopFrames.total++;
        cpuThreads.add(threadGroup(event.getThread("sampledThread")), 1);
        cpuTopFrames.add(method(stack.getFrames().get(0)), 1);
        Set<String> libraries = new HashSet<>();
        stack.getFrames().forEach(frame -> libraries.add(library(frame)));
        libraries.forEach(library -> cpuLibraries.add(library, 1));
    }

    private void allocationSample(RecordedEvent event) {
        long weight = event.getLong("weight");
        allocationThreads.total += weight;
        allocationClasses.total += weight;
        allocationOwnFrames.total += weight;
        allocationThreads.add(threadGroup(event.getThread("eventThread")), weight);
        allocationClasses.add(event.getClass("objectClass").getName(), weight);
        RecordedStackTrace stack = event.getStackTrace();
        String own = "(none of the project's frames)";
        if (stack != null) {
            for (RecordedFrame frame : stack.getFrames()) {
                if (frame.getMethod().getType().getName().startsWith(OWN_CODE)) {
                    own = method(frame);
                    break;
                }
            }
        }
        allocationOwnFrames.add(own, weight);
    }

    /** A pool's threads count as one: "http-nio-8081-exec-7" is "http-nio-#-exec-#". */
    static String threadGroup(RecordedThread thread) {
        return thread == null || thread.getJavaName() == null ? "(no Java thread)"
                : thread.getJavaName().replaceAll("[0-9]+", "#");
    }

    private static String method(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static String library(RecordedFrame frame) {
        String[] segments = frame.getMethod().getType().getName().split("\\.");
        return segments.length > LIBRARY_SEGMENTS
                ? String.join(".", List.of(segments).subList(0, LIBRARY_SEGMENTS))
                : frame.getMethod().getType().getName();
    }

    String text() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%d CPU samples, %.1f MB of sampled allocation, %d collections"
                + " pausing %d ms in the window%n", cpuThreads.total, allocationThreads.total / 1e6, collections,
                pauses.toMillis()));
        section(out, "CPU by thread", cpuThreads, "samples");
        section(out, "CPU by library (any frame)", cpuLibraries, "samples");
        section(out, "CPU by top frame", cpuTopFrames, "samples");
        section(out, "allocation by thread", allocationThreads, "MB");
        section(out, "allocation by class", allocationClasses, "MB");
        section(out, "allocation by the first frame of " + OWN_CODE + "*", allocationOwnFrames, "MB");
        return out.toString();
    }

    private static void section(StringBuilder out, String title, Tally tally, String unit) {
        out.append("\n== ").append(title).append('\n');
        for (Map.Entry<String, Long> row : tally.top(ROWS)) {
            String amount = unit.equals("MB") ? String.format(Locale.ROOT, "%.1f", row.getValue() / 1e6)
                    : String.valueOf(row.getValue());
            out.append(String.format(Locale.ROOT, "%6.1f %%  %10s %s  %s%n", 100 * tally.share(row.getKey()),
                    amount, unit, row.getKey()));
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1 && args.length != 3) {
            System.err.println("usage: ProfileSummary FILE.jfr [FROM TO]   (fractions of the recording, 0.5 1)");
            System.exit(2);
        }
        double from = args.length == 3 ? Double.parseDouble(args[1]) : 0.5;
        double to = args.length == 3 ? Double.parseDouble(args[2]) : 1;
        System.out.print(of(Path.of(args[0]), from, to).text());
    }
}
