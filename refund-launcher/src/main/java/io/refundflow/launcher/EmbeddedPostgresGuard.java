package io.refundflow.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the launcher's embedded PostgreSQL from outliving it. {@code pg_ctl start} detaches the server from the
 * launcher's process tree (its own session), so neither the launcher's shutdown hook (not run on SIGKILL) nor a
 * watch in a child process of the server can stop it. Two guards, each enough on its own for the common case:
 *
 * <ul>
 * <li>a watcher: a {@code /bin/sh} loop started beside the server that sends it a fast shutdown once the
 * launcher's pid is gone (checked every second), so a killed launcher leaves nothing running within seconds;
 * <li>at start: a server an earlier launcher left in the same data directory (its watcher killed too, e.g. a
 * {@code kill -9} of the whole process group) is stopped, and the directory removed, before a new one starts
 * on the same port.
 * </ul>
 */
final class EmbeddedPostgresGuard {

    /** EmbeddedPostgres holds a lock on this file of the data directory while its server runs. */
    private static final String LOCK_FILE = "epg-lock";
    private static final String PID_FILE = "postmaster.pid";

    /**
     * The watcher: waits for the launcher ($1) to be gone, then stops the server of data directory $2 — only if
     * it is still the one in postmaster.pid (a server stopped normally has removed the file, and its pid may
     * belong to another process by then): SIGINT (fast shutdown), SIGQUIT (immediate) if it is still there
     * after 10 s. It ignores the terminal's SIGINT and SIGHUP, which the launcher handles by stopping the
     * server itself.
     */
    private static final String WATCHER = """
            trap '' INT HUP
            while kill -0 "$1" 2>/dev/null; do sleep 1; done
            pid=$(head -n 1 "$2/postmaster.pid" 2>/dev/null) || exit 0
            [ -n "$pid" ] || exit 0
            kill -INT "$pid" 2>/dev/null || exit 0
            i=0
            while [ $i -lt 10 ] && kill -0 "$pid" 2>/dev/null; do sleep 1; i=$((i + 1)); done
            [ "$(head -n 1 "$2/postmaster.pid" 2>/dev/null)" = "$pid" ] && kill -QUIT "$pid" 2>/dev/null
            exit 0
            """;

    private EmbeddedPostgresGuard() {
    }

    /**
     * Makes {@code dataDirectory} ready for a fresh server: a server still running there whose launcher is gone
     * (the directory's lock is free) is stopped, and the directory is removed (the database is made anew on
     * every start; initdb needs an empty directory).
     *
     * @throws LaunchException when a running launcher still holds the directory
     */
    static void clearLeftover(Path dataDirectory) throws IOException, InterruptedException {
        if (!Files.isDirectory(dataDirectory)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dataDirectory.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new LaunchException("another launcher is running PostgreSQL in " + dataDirectory
                        + "; stop it first (Ctrl-C) or start this one with another refund.launcher.home");
            }
            Optional<ProcessHandle> leftover = postmaster(dataDirectory);
            if (leftover.isPresent()) {
                System.out.println("  stopping the PostgreSQL server (pid " + leftover.get().pid()
                        + ") an earlier launcher left running in " + dataDirectory);
                stop(leftover.get());
            }
        }
        Processes.deleteRecursively(dataDirectory);
    }

    /**
     * Starts the watcher of the server in {@code dataDirectory} for this launcher; {@code null} where there is
     * no {@code /bin/sh} (the start-time clean-up still applies).
     */
    static Process watch(Path dataDirectory) {
        Path shell = Path.of("/bin/sh");
        if (!Files.isExecutable(shell)) {
            return null;
        }
        try {
            return new ProcessBuilder(List.of(shell.toString(), "-c", WATCHER, "refundflow-postgres-guard",
                    String.valueOf(ProcessHandle.current().pid()), dataDirectory.toAbsolutePath().toString()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            System.err.println("  could not start the guard of the embedded PostgreSQL (" + e.getMessage()
                    + "): if the launcher is killed, the next start stops the server it leaves");
            return null;
        }
    }

    /** The live server process named by the directory's postmaster.pid, if any. */
    static Optional<ProcessHandle> postmaster(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve(PID_FILE);
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty() || !lines.get(0).trim().matches("\\d+")) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().map(command -> command.endsWith("postgres"))
                        .orElse(false));
    }

    /** Fast shutdown (SIGINT, as {@code pg_ctl stop -m fast}), then SIGKILL if it has not ended in 15 s. */
    private static void stop(ProcessHandle postmaster) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-INT", String.valueOf(postmaster.pid())).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(5, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (postmaster.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        if (postmaster.isAlive()) {
            postmaster.destroyForcibly();
            Thread.sleep(1000);
        }
    }
}
