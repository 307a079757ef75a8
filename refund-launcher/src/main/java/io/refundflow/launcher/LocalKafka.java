package io.refundflow.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one process), started from the
 * Kafka jars on the launcher's classpath in a child JVM. Its data directory is formatted anew on every
 * start, so no stale state from an earlier run gets in the way.
 */
public final class LocalKafka implements AutoCloseable {

    private final Path home;
    private final int port;
    private final int controllerPort;
    private Process process;
    private Path config;
    private Path log;

    public LocalKafka(Path home, int port, int controllerPort) {
        this.home = home;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /** The broker's operating-system process id, or -1 while it is not running. */
    public long pid() {
        return process == null ? -1 : process.pid();
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public void start(Duration timeout) throws IOException, InterruptedException {
        Ports.requireFree(port, "Kafka");
        Ports.requireFree(controllerPort, "the Kafka controller");
        Files.createDirectories(home);
        Path data = home.resolve("data");
        Processes.deleteRecursively(data);
        Path config = home.resolve("server.properties");
        Files.writeString(config, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + data.toAbsolutePath(),
                "num.partitions=6",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false") + "\n");
        Path log = home.resolve("kafka.log");
        int formatted = Processes.java(List.of("-Xmx256m", "kafka.tools.StorageTool", "format",
                "-t", UUID.randomUUID().toString().replace("-", "").substring(0, 22),
                "-c", config.toString()), log).waitFor();
        if (formatted != 0) {
            throw new IllegalStateException("formatting the Kafka data directory failed; see " + log);
        }
        this.config = config;
        this.log = log;
        launch(timeout);
    }

    /** Stops the broker and starts it again on the same data, as after a crash or an upgrade. */
    public void restart(Duration timeout) throws IOException, InterruptedException {
        stop();
        launch(timeout);
    }

    public void stop() {
        Processes.stop(process);
    }

    private void launch(Duration timeout) throws IOException, InterruptedException {
        process = Processes.java(List.of("-Xmx768m", "-Dlog4j2.level=WARN", "kafka.Kafka", config.toString()), log);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka exited with " + process.exitValue() + "; see " + log);
            }
            if (accepts(port)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Kafka did not listen on " + bootstrapServers() + " within " + timeout
                + "; see " + log);
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
