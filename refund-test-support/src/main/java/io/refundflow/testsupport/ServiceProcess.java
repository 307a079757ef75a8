package io.refundflow.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One service running as its own JVM from its executable jar, as in production, pointed at the
 * {@link RealInfrastructure}. Its console output goes to a log file under {@code target/}, which
 * {@link #awaitHealthy} quotes when the service does not come up. The service binds port 0 and its port is read
 * back from its log: a port chosen free here could be taken by another test or process before the service binds it.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    /** What Spring Boot's Tomcat logs once it listens, plain or inside a structured (JSON) log line. */
    private static final Pattern LISTENING = Pattern.compile("Tomcat started on port (\\d+)");

    private final String name;
    private final Path log;
    private final Process process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** 0 until read back from the log. */
    private volatile int port;

    private ServiceProcess(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts the jar named by system property {@code refund.jar.<name>} on a port of its own, with the test
     * infrastructure's connection settings plus {@code extraProperties} as command-line properties.
     */
    public static ServiceProcess start(String name, Map<String, Object> extraProperties) {
        return start(name, RealInfrastructureInitializer.properties(), extraProperties);
    }

    /**
     * Starts the jar named by system property {@code refund.jar.<name>} on a port of its own with these connection
     * settings (Kafka, database, SMTP) instead of the test infrastructure's, plus {@code extraProperties}:
     * for a test that brings its own broker or database login.
     */
    public static ServiceProcess start(String name, Map<String, Object> connectionProperties,
            Map<String, Object> extraProperties) {
        String jar = System.getProperty("refund.jar." + name);
        if (jar == null || !new File(jar).isFile()) {
            throw new IllegalStateException("no executable jar for " + name + " (system property refund.jar." + name
                    + " = " + jar + "); build the service module first (mvn package)");
        }
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx384m", "-XX:TieredStopAtLevel=1",
                "-jar", jar, "--server.port=0",
                // on this machine only, as baseUrl() says (in development mode a service refuses any other address)
                "--server.address=127.0.0.1"));
        connectionProperties.forEach((key, value) -> command.add("--" + key + "=" + value));
        extraProperties.forEach((key, value) -> command.add("--" + key + "=" + value));
        // a test JVM that is killed leaves no service behind: it exits once this JVM is gone
        // (refund-platform's ParentWatchAutoConfiguration.PARENT_PID)
        command.add("--refund.parent-pid=" + ProcessHandle.current().pid());
        try {
            Path logs = Files.createDirectories(Path.of("target", "services"));
            Path log = Files.createTempFile(logs, name + "-", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            return new ServiceProcess(name, log, process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** The port the service listens on; waits for the service to say so in its log. */
    public int port() {
        if (port == 0) {
            port = awaitPort();
        }
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until {@code /actuator/health} answers UP. */
    public ServiceProcess awaitHealthy() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        port();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; log " + log
                        + ":\n" + tail());
            }
            if (healthy()) {
                return this;
            }
            sleep(Duration.ofMillis(250));
        }
        throw new IllegalStateException(name + " not healthy within " + START_TIMEOUT + "; log " + log + ":\n"
                + tail());
    }

    private int awaitPort() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher listening = LISTENING.matcher(logText());
            if (listening.find()) {
                return Integer.parseInt(listening.group(1));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it listened;"
                        + " log " + log + ":\n" + tail());
            }
            sleep(Duration.ofMillis(100));
        }
        throw new IllegalStateException(name + " did not listen within " + START_TIMEOUT + "; log " + log + ":\n"
                + tail());
    }

    private String logText() {
        try {
            // bytes, not Files.readString: a line cut off mid-character must not hide the rest
            return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    public boolean healthy() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl()
                    + "/actuator/health")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGKILL: the service gets no chance to clean up, as in a crash. */
    public void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /** SIGTERM: a graceful shutdown. */
    @Override
    public void close() {
        process.destroy();
        if (!waitForExit()) {
            process.destroyForcibly();
            waitForExit();
        }
    }

    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private boolean waitForExit() {
        try {
            return process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
