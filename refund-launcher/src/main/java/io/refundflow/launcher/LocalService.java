package io.refundflow.launcher;

import io.refundflow.platform.lifecycle.ParentWatchAutoConfiguration;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** One refund service as its own JVM, started from the executable jar its module built. */
public final class LocalService implements AutoCloseable {

    /** Where every service of a local run listens: this machine only. */
    public static final String ADDRESS = "127.0.0.1";
    /**
     * The service's settings travel in this variable (Spring Boot reads it as JSON properties), not on its command
     * line: any local user reads a command line in {@code /proc/<pid>/cmdline}, the environment only its owner,
     * and the settings hold each service's Kafka password.
     */
    static final String SETTINGS_VARIABLE = "SPRING_APPLICATION_JSON";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /**
     * A local run's service JVM: a modest heap, and C1 only, as the tests' service processes run. A local run starts
     * six Spring Boot services and a broker at once, where C2's compile threads take the cores from the start-ups
     * and its faster code is never needed; the benchmark, which measures throughput, gives options of its own.
     */
    static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx512m", "-XX:TieredStopAtLevel=1");

    private final String module;
    private final int port;
    private final Path log;
    private Process process;

    public LocalService(String module, int port, Path logs) {
        this.module = module;
        this.port = port;
        this.log = logs.resolve(module + ".log");
    }

    public String module() {
        return module;
    }

    public String url() {
        return "http://" + ADDRESS + ":" + port;
    }

    public Path log() {
        return log;
    }

    /** The service's operating-system process id, or -1 before it started. */
    public long pid() {
        return process == null ? -1 : process.pid();
    }

    public void start(Path repository, Map<String, String> properties) throws IOException {
        start(repository, properties, DEFAULT_JVM_OPTIONS);
    }

    /**
     * Starts the service with {@code properties} (Spring Boot settings, passed in its environment) and the given
     * JVM options (heap, GC, ...) instead of {@link #DEFAULT_JVM_OPTIONS}.
     */
    public void start(Path repository, Map<String, String> properties, List<String> jvmOptions) throws IOException {
        Ports.requireFree(port, module);
        Path jar = executableJar(repository.resolve(module).resolve("target"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        // a local run answers on this machine only (in development mode a service refuses any other address)
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port, "--server.address=" + ADDRESS));
        // the service exits by itself if the launcher is killed (no shutdown hook runs then)
        command.add("--" + ParentWatchAutoConfiguration.PARENT_PID + "=" + ProcessHandle.current().pid());
        Files.deleteIfExists(log);
        process = Processes.start(command, Map.of(SETTINGS_VARIABLE, JSON.writeValueAsString(properties)), log);
    }

    public boolean healthy(HttpClient http) {
        if (process == null || !process.isAlive()) {
            throw new LaunchException(module + " stopped while starting; its log is " + log);
        }
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url() + "/actuator/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Path executableJar(Path target) throws IOException {
        if (Files.isDirectory(target)) {
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, module + "-*-exec.jar")) {
                for (Path jar : jars) {
                    return jar;
                }
            }
        }
        throw new LaunchException("no executable jar for " + module + " in " + target
                + ": build first with `mvn -DskipTests install` (scripts/run-local.sh does)");
    }

    @Override
    public void close() {
        Processes.stop(process);
    }
}
