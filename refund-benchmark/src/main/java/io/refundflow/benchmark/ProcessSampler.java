package io.refundflow.benchmark;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Samples CPU and resident memory of the system's processes once a second from {@code /proc}: each service,
 * the broker, all PostgreSQL server processes, the benchmark's own JVM (driver, observer and the in-process
 * SMTP server), and the machine as a whole. Figures are kept per phase.
 *
 * <p>Of each JVM's CPU it also samples the part its JIT compiler threads spent ({@code C1/C2 CompilerThread},
 * from {@code /proc/<pid>/task}): on two cores shared by five JVMs the compilers were still busy minutes after
 * start, and a phase's CPU per refund includes that one-off work, which a service past its warm-up no longer pays.
 */
public final class ProcessSampler implements AutoCloseable {

    /** CPU in percent of one core (200 % = both cores of this machine), resident memory in MiB. */
    public record Usage(double cpuAvg, double cpuMax, double rssAvgMb, double rssMaxMb, int samples) {
    }

    private static final double TICKS_PER_SECOND = clockTicks();
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    /** Thread names are cut to 15 characters: "C2 CompilerThread0" reads "C2 CompilerThre". */
    private static final String COMPILER_THREAD = "CompilerThre";
    /** How often each process's threads are listed again to find its compiler threads (they come and go). */
    private static final long COMPILER_RESCAN_NANOS = 10_000_000_000L;

    private final Map<String, Supplier<List<Long>>> groups = new LinkedHashMap<>();
    private final Map<Long, Long> lastTicks = new HashMap<>();
    /** CPU ticks of each compiler thread (by thread id) when last sampled. */
    private final Map<Long, Long> lastCompilerTicks = new HashMap<>();
    private final Map<Long, List<Long>> compilerThreads = new HashMap<>();
    private final Map<Long, Long> compilerThreadsListedAt = new HashMap<>();
    private final Map<String, Map<String, double[]>> perPhase = new LinkedHashMap<>();
    private volatile String phase;
    private long lastSampleNanos;
    private long[] lastMachine;
    private Thread thread;
    private volatile boolean running;

    public void watch(String name, Supplier<List<Long>> pids) {
        groups.put(name, pids);
    }

    public void phase(String name) {
        this.phase = name;
    }

    public void start() {
        running = true;
        thread = new Thread(() -> {
            sample();
            while (running) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
                sample();
            }
        }, "process-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Of each JVM group's CPU during the phase ({@link #usage}), the average its JIT compiler threads spent, in
     * percent of one core; groups without compiler threads (PostgreSQL) are left out.
     */
    public synchronized Map<String, Double> compilerUsage(String phaseName) {
        Map<String, Double> out = new LinkedHashMap<>();
        perPhase.getOrDefault(phaseName, Map.of()).forEach((group, acc) -> {
            if (acc[6] > 0) {
                out.put(group, round(acc[5] / acc[4]));
            }
        });
        return out;
    }

    /** Usage of each watched group during the phase, and the machine's ({@code machine}, % of all cores). */
    public synchronized Map<String, Usage> usage(String phaseName) {
        Map<String, Usage> out = new LinkedHashMap<>();
        perPhase.getOrDefault(phaseName, Map.of()).forEach((group, acc) -> out.put(group,
                new Usage(round(acc[0] / acc[4]), round(acc[1]), round(acc[2] / acc[4]), round(acc[3]), (int) acc[4])));
        return out;
    }

    private synchronized void sample() {
        long now = System.nanoTime();
        double seconds = lastSampleNanos == 0 ? 0 : (now - lastSampleNanos) / 1e9;
        lastSampleNanos = now;
        String current = phase;
        Map<Long, Long> ticksNow = new HashMap<>();
        for (Map.Entry<String, Supplier<List<Long>>> group : groups.entrySet()) {
            double cpuTicks = 0;
            double compilerTicks = 0;
            boolean compilers = false;
            double rssKb = 0;
            boolean alive = false;
            for (long pid : group.getValue().get()) {
                long[] stat = stat(pid);
                if (stat == null) {
                    continue;
                }
                alive = true;
                ticksNow.put(pid, stat[0]);
                Long before = lastTicks.get(pid);
                cpuTicks += before == null ? 0 : stat[0] - before;
                rssKb += stat[1];
                List<Long> compilerTids = compilerThreads(pid, now);
                compilers |= !compilerTids.isEmpty();
                compilerTicks += compilerTicksSinceLastSample(pid, compilerTids);
            }
            // a group not (yet or any more) running, e.g. the services while the peer is measured, has no figure
            if (alive && current != null && seconds > 0) {
                double cpu = cpuTicks / TICKS_PER_SECOND / seconds * 100;
                add(current, group.getKey(), cpu, rssKb / 1024,
                        compilers ? compilerTicks / TICKS_PER_SECOND / seconds * 100 : Double.NaN);
            }
        }
        lastTicks.clear();
        lastTicks.putAll(ticksNow);
        long[] machine = machine();
        if (current != null && seconds > 0 && machine != null && lastMachine != null) {
            double busy = machine[0] - lastMachine[0];
            double total = machine[1] - lastMachine[1];
            add(current, "machine", total == 0 ? 0 : busy / total * 100 * CORES, 0, Double.NaN);
        }
        lastMachine = machine;
    }

    /** @param compilerCpu the part of {@code cpu} the JIT compiler threads spent; NaN for a group without any */
    private void add(String phaseName, String group, double cpu, double rssMb, double compilerCpu) {
        double[] acc = perPhase.computeIfAbsent(phaseName, p -> new LinkedHashMap<>())
                .computeIfAbsent(group, g -> new double[7]);
        acc[0] += cpu;
        acc[1] = Math.max(acc[1], cpu);
        acc[2] += rssMb;
        acc[3] = Math.max(acc[3], rssMb);
        acc[4]++;
        if (!Double.isNaN(compilerCpu)) {
            acc[5] += compilerCpu;
            acc[6] = 1;
        }
    }

    /** The process's JIT compiler threads, listed again every {@link #COMPILER_RESCAN_NANOS}. */
    private List<Long> compilerThreads(long pid, long now) {
        Long listedAt = compilerThreadsListedAt.get(pid);
        if (listedAt == null || now - listedAt >= COMPILER_RESCAN_NANOS) {
            compilerThreads.put(pid, threadsNamed(pid, COMPILER_THREAD));
            compilerThreadsListedAt.put(pid, now);
        }
        return compilerThreads.get(pid);
    }

    /**
     * The CPU ticks the threads spent since the last sample; a thread first seen now counts from now (a compiler
     * thread started since the last listing loses at most that listing's interval), and one gone is dropped.
     */
    private long compilerTicksSinceLastSample(long pid, List<Long> tids) {
        long ticks = 0;
        for (long tid : tids) {
            Long now = threadTicks(pid, tid);
            if (now == null) {
                lastCompilerTicks.remove(tid);
                continue;
            }
            Long before = lastCompilerTicks.put(tid, now);
            ticks += before == null ? 0 : now - before;
        }
        return ticks;
    }

    /** Ids of the process's threads whose name contains {@code part}. */
    static List<Long> threadsNamed(long pid, String part) {
        List<Long> tids = new java.util.ArrayList<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    if (Files.readString(task.resolve("comm")).contains(part)) {
                        tids.add(Long.parseLong(task.getFileName().toString()));
                    }
                } catch (IOException ignored) {
                    // ended meanwhile
                }
            }
        } catch (IOException ignored) {
            // the process is gone
        }
        return tids;
    }

    /** utime + stime of one of the process's threads, null when it is gone. */
    private static Long threadTicks(long pid, long tid) {
        try {
            return cpuTicks(Path.of("/proc", String.valueOf(pid), "task", String.valueOf(tid), "stat"));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** utime + stime in ticks from a process's or a thread's {@code stat} file. */
    private static long cpuTicks(Path statFile) throws IOException {
        String stat = Files.readString(statFile);
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after "pid (comm) ": field 3 (state) is index 0, so utime (14) is 11 and stime (15) is 12
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** utime + stime in ticks, and VmRSS in KiB; null when the process is gone. */
    static long[] stat(long pid) {
        try {
            long ticks = cpuTicks(Path.of("/proc", String.valueOf(pid), "stat"));
            long rss = vmRssKb(Files.readString(Path.of("/proc", String.valueOf(pid), "status")));
            return new long[] {ticks, rss};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The {@code VmRSS:} line of a {@code /proc/<pid>/status} text in KiB; 0 without one (a kernel thread). */
    static long vmRssKb(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] f = line.substring("VmRSS:".length()).trim().split("\\s+");
                if (f.length != 2 || !f[1].equals("kB")) {
                    throw new IllegalArgumentException("unexpected VmRSS line: '" + line + "'");
                }
                return Long.parseLong(f[0]);
            }
        }
        return 0;
    }

    /**
     * Resident memory of each watched group right now, in MiB (the sum over a group's processes, e.g. all
     * PostgreSQL backends); a group with no live process is left out.
     */
    public Map<String, Double> rssNowMb() {
        Map<String, Double> out = new LinkedHashMap<>();
        groups.forEach((group, pids) -> {
            long kb = 0;
            boolean alive = false;
            for (long pid : pids.get()) {
                long[] stat = stat(pid);
                if (stat != null) {
                    alive = true;
                    kb += stat[1];
                }
            }
            if (alive) {
                out.put(group, round(kb / 1024.0));
            }
        });
        return out;
    }

    /** Busy and total jiffies of all CPUs from the first line of /proc/stat. */
    private static long[] machine() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Process ids of every process whose command name is {@code comm} (e.g. all PostgreSQL backends). */
    public static List<Long> byCommand(String comm) {
        List<Long> pids = new java.util.ArrayList<>();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString()
                .chars().allMatch(Character::isDigit))) {
            for (Path p : proc) {
                try {
                    if (Files.readString(p.resolve("comm")).trim().equals(comm)) {
                        pids.add(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException ignored) {
                    // gone meanwhile
                }
            }
        } catch (IOException ignored) {
            // no /proc: nothing to sample
        }
        return pids;
    }

    private static double clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return Double.parseDouble(out);
        } catch (Exception e) {
            return 100;
        }
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
