package io.refundflow.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The launcher's embedded PostgreSQL does not outlive a launcher killed with SIGKILL (issue 19). PostgreSQL
 * refuses to run as root, which tests and CI are here, so the server is a stand-in: a process whose executable
 * is named {@code postgres} (a copy of {@code sleep}), in a data directory whose {@code postmaster.pid} names
 * it, as {@code pg_ctl start} leaves it — outside the launcher's process tree. The launcher is a child JVM that
 * starts the guard as {@link LocalPostgres} does.
 */
class EmbeddedPostgresGuardTest {

    /** The watcher checks the launcher every second and gives the server a fast shutdown (SIGINT). */
    private static final Duration GONE_WITHIN = Duration.ofSeconds(5);

    private Path home;
    private Path dataDirectory;
    private Process server;

    @BeforeEach
    void standInServer() throws IOException {
        home = Path.of("target", "guard-test-" + UUID.randomUUID()).toAbsolutePath();
        dataDirectory = home.resolve("postgres");
        Files.createDirectories(dataDirectory);
        Path postgres = home.resolve("bin").resolve("postgres");
        Files.createDirectories(postgres.getParent());
        Files.copy(Path.of("/bin/sleep"), postgres, StandardCopyOption.COPY_ATTRIBUTES);
        server = new ProcessBuilder(postgres.toString(), "600").start();
    }

    @AfterEach
    void cleanUp() throws IOException {
        server.destroyForcibly();
        Processes.deleteRecursively(home);
    }

    @Test
    void aKilledLauncherLeavesNoEmbeddedServerBehind() throws Exception {
        // given a server in the data directory, and a launcher that guards it
        writePidFile(server.pid());
        Process launcher = launcherGuarding(dataDirectory);
        List<ProcessHandle> guard = launcher.descendants().toList();
        assertThat(guard).as("the guard, a child of the launcher").isNotEmpty();

        // when the launcher is killed with SIGKILL
        long killed = System.nanoTime();
        launcher.destroyForcibly();
        assertThat(launcher.waitFor(10, TimeUnit.SECONDS)).isTrue();

        // then the server gets its fast shutdown within seconds, and the guard is gone too
        Awaitility.await().atMost(GONE_WITHIN).pollInterval(Duration.ofMillis(100)).until(() -> !server.isAlive());
        System.out.println("embedded server gone " + (System.nanoTime() - killed) / 1_000_000 + " ms after the launcher's SIGKILL");
        Awaitility.await().atMost(GONE_WITHIN).until(() -> guard.stream().noneMatch(ProcessHandle::isAlive));
    }

    @Test
    void theGuardSignalsNoProcessOnceTheServerHasStoppedNormally() throws Exception {
        // given a launcher guarding a data directory whose server has stopped (no postmaster.pid), while a process
        // named postgres runs elsewhere (another server, or a pid used again)
        Process launcher = launcherGuarding(dataDirectory);
        List<ProcessHandle> guard = launcher.descendants().toList();

        // when the launcher is killed
        launcher.destroyForcibly();
        assertThat(launcher.waitFor(10, TimeUnit.SECONDS)).isTrue();

        // then the guard ends without touching it
        Awaitility.await().atMost(GONE_WITHIN).until(() -> guard.stream().noneMatch(ProcessHandle::isAlive));
        assertThat(server.isAlive()).as("a process the guard does not own").isTrue();
    }

    @Test
    void aServerAnEarlierLauncherLeftIsStoppedBeforeTheNextStarts() throws Exception {
        // given a server an earlier launcher left running (its guard killed with it), its lock free
        writePidFile(server.pid());
        Files.writeString(dataDirectory.resolve("epg-lock"), "");

        // when the next launcher clears the data directory before starting its own server
        EmbeddedPostgresGuard.clearLeftover(dataDirectory);

        // then the leftover is stopped and the directory is gone (initdb needs it empty)
        assertThat(server.waitFor(5, TimeUnit.SECONDS)).as("leftover stopped").isTrue();
        assertThat(dataDirectory).doesNotExist();
    }

    private void writePidFile(long pid) throws IOException {
        // the first lines of PostgreSQL's postmaster.pid: pid, data directory
        Files.writeString(dataDirectory.resolve("postmaster.pid"), pid + "\n" + dataDirectory + "\n");
    }

    /** A JVM that starts the guard as the launcher does, says so, and waits to be killed. */
    private static Process launcherGuarding(Path dataDirectory) throws IOException {
        Process launcher = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), GuardingLauncher.class.getName(),
                dataDirectory.toString()).redirectErrorStream(true).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(launcher.getInputStream(),
                StandardCharsets.UTF_8));
        String line = output.readLine();
        assertThat(line).as("launcher's first line").isEqualTo(GuardingLauncher.READY);
        return launcher;
    }

    /** The launcher's part in the test: {@link EmbeddedPostgresGuard#watch} for its own pid. */
    public static final class GuardingLauncher {

        static final String READY = "guarding";

        public static void main(String[] args) throws InterruptedException {
            if (EmbeddedPostgresGuard.watch(Path.of(args[0])) == null) {
                System.out.println("no guard");
                return;
            }
            System.out.println(READY);
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
