package io.refundflow.launcher;

import io.refundflow.events.TopicSpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one process), started from the
 * Kafka jars on the launcher's classpath in a child JVM. Its data directory is formatted anew on every
 * start, so no stale state from an earlier run gets in the way.
 *
 * <p>Secured as production is: clients sign in with SASL/SCRAM, one principal per service, partner and billing
 * (passwords made anew for every broker), and the broker's authorizer lets each do only what
 * {@link KafkaAccess} grants. The administrator creates the topics and the ACLs once the broker is up.
 */
public final class LocalKafka implements AutoCloseable {

    public static final String ADMIN = "kafka-admin";
    private static final int PARTITIONS = 6;
    /** The broker JVM's options unless a caller gives its own: the JVM's default JIT, as the benchmark measures. */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx768m");
    /**
     * C1 only: for a broker that starts often and carries little, as the local run's and the tests' do, C2's compile
     * threads cost the cores more during the start than its code saves afterwards.
     */
    public static final List<String> QUICK_START_JVM_OPTIONS = List.of("-Xmx768m", "-XX:TieredStopAtLevel=1");

    private final Path home;
    private final int port;
    private final int controllerPort;
    private final Map<String, KafkaUser> users = new LinkedHashMap<>();
    private final String controllerPassword = KafkaUser.withNewPassword("controller").password();
    private final List<String> jvmOptions;
    private Process process;
    private Path config;
    private Path log;

    public LocalKafka(Path home, int port, int controllerPort) {
        this(home, port, controllerPort, DEFAULT_JVM_OPTIONS);
    }

    /** A broker whose JVM runs with {@code jvmOptions} (heap, JIT, ...) instead of {@link #DEFAULT_JVM_OPTIONS}. */
    public LocalKafka(Path home, int port, int controllerPort, List<String> jvmOptions) {
        this.home = home;
        this.port = port;
        this.controllerPort = controllerPort;
        this.jvmOptions = List.copyOf(jvmOptions);
        users.put(ADMIN, KafkaUser.withNewPassword(ADMIN));
        KafkaAccess.users().forEach(name -> users.put(name, KafkaUser.withNewPassword(name)));
    }

    /** The principal {@code name}: one of {@link KafkaAccess#users()}, or the administrator. */
    public KafkaUser user(String name) {
        KafkaUser user = users.get(name);
        if (user == null) {
            throw new IllegalArgumentException("no Kafka user " + name + "; known: " + users.keySet());
        }
        return user;
    }

    /** Kafka client settings (bootstrap servers and sign-in) of the principal {@code name}. */
    public Map<String, String> connection(String name) {
        return user(name).clientProperties(bootstrapServers());
    }

    /** The administrator: creates topics and ACLs, and lets test harnesses read and write anything. */
    public KafkaUser admin() {
        return user(ADMIN);
    }

    /**
     * Writes a client properties file per principal (for {@code scripts/kafka-tool.sh --command-config} or
     * {@code --producer.config}) into {@code directory}, readable by the owner only.
     */
    public void writeClientFiles(Path directory) throws IOException {
        Files.createDirectories(directory);
        for (KafkaUser user : users.values()) {
            Path file = directory.resolve(user.name() + ".properties");
            StringBuilder text = new StringBuilder("# Kafka client settings for principal " + user.principal() + "\n");
            user.clientProperties(bootstrapServers()).forEach((k, v) -> text.append(k).append('=')
                    .append(v.replace("\\", "\\\\")).append('\n'));
            Files.writeString(file, text);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the file keeps the directory's permissions
            }
        }
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
                "listeners=CLIENT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=CLIENT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=CLIENT",
                "listener.security.protocol.map=CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT",
                // Clients and the broker itself sign in with SCRAM; the controller, which must start before any
                // SCRAM credential is readable, with PLAIN and a password from this file only.
                "sasl.enabled.mechanisms=" + KafkaUser.MECHANISM,
                "sasl.mechanism.inter.broker.protocol=" + KafkaUser.MECHANISM,
                "listener.name.client.scram-sha-256.sasl.jaas.config=" + admin().jaasConfig(),
                "sasl.mechanism.controller.protocol=PLAIN",
                "listener.name.controller.sasl.enabled.mechanisms=PLAIN",
                "listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule"
                        + " required username=\"controller\" password=\"" + controllerPassword
                        + "\" user_controller=\"" + controllerPassword + "\";",
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "super.users=User:" + ADMIN + ";User:controller",
                "allow.everyone.if.no.acl.found=false",
                "log.dirs=" + data.toAbsolutePath(),
                "num.partitions=6",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false") + "\n");
        Path log = home.resolve("kafka.log");
        // every principal's credentials, which the tool takes as arguments only: through its environment
        List<String> credentials = new ArrayList<>();
        for (KafkaUser user : users.values()) {
            credentials.add("--add-scram");
            credentials.add(KafkaUser.MECHANISM + "=[name=" + user.name() + ",password=" + user.password() + "]");
        }
        // a one-shot tool: C1 only, it is done before C2 would pay off
        int formatted = Processes.java(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"), "kafka.tools.StorageTool", List.of("format",
                "-t", UUID.randomUUID().toString().replace("-", "").substring(0, 22), "-c", config.toString()),
                credentials, log).waitFor();
        if (formatted != 0) {
            throw new IllegalStateException("formatting the Kafka data directory failed; see " + log);
        }
        this.config = config;
        this.log = log;
        try {
            launch(timeout);
            createTopicsAndAcls(timeout);
        } catch (IOException | InterruptedException | RuntimeException e) {
            // a broker that did not come up (its port taken, say) must not be left running
            stop();
            throw e;
        }
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
        // the broker exits by itself if the process that started it is killed (no shutdown hook runs then)
        List<String> arguments = new ArrayList<>(jvmOptions);
        arguments.addAll(List.of("-Dlog4j2.level=WARN", OrphanGuard.class.getName(),
                String.valueOf(ProcessHandle.current().pid()), "kafka.Kafka", config.toString()));
        process = Processes.java(arguments, log);
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

    /** As the administrator, once SCRAM sign-in works (the listener opens a moment before). */
    private void createTopicsAndAcls(Duration timeout) throws InterruptedException {
        Map<String, Object> config = new HashMap<>(admin().clientProperties(bootstrapServers()));
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Admin admin = Admin.create(config)) {
                admin.createTopics(TopicSpec.all().stream()
                        .map(spec -> new NewTopic(spec.name(), PARTITIONS, (short) 1).configs(spec.configs()))
                        .toList()).all().get();
                Set<AclBinding> acls = Set.copyOf(KafkaAccess.acls());
                admin.createAcls(acls).all().get();
                // The controller commits the ACLs; the broker's authorizer applies them a moment later.
                while (!admin.describeAcls(AclBindingFilter.ANY).values().get().containsAll(acls)) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the broker did not apply the ACLs within " + timeout
                                + "; see " + log);
                    }
                    Thread.sleep(100);
                }
                return;
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not create the topics and ACLs on " + bootstrapServers()
                            + ": " + e.getCause() + "; see " + log, e);
                }
                Thread.sleep(500);
            }
        }
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
