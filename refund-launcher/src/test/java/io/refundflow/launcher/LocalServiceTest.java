package io.refundflow.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.testsupport.FreshPorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service started as the launcher starts it: signed in to the secured broker as its own principal, in
 * development mode. Its command line is readable by every local user ({@code /proc/<pid>/cmdline}), so no secret
 * may be on it; and a development run answers on this machine only.
 */
class LocalServiceTest {

    private static final String MODULE = KafkaAccess.EVALUATOR;

    private static LocalKafka kafka;
    private static LocalPostgres postgres;
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    private static LocalService service;
    /** The settings the launcher would give the service. */
    private static Map<String, String> settings;
    /** Every command line of a process started while the broker and the service came up, as {@code ps} saw it. */
    private static final Set<String> COMMAND_LINES = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void startTheServiceAsTheLauncherDoes() throws Exception {
        Path home = Path.of("target", "local-service-test").toAbsolutePath();
        Thread watcher = new Thread(LocalServiceTest::watchCommandLines, "command-line-watcher");
        watcher.setDaemon(true);
        watcher.start();
        kafka = TestBroker.start(home.resolve("kafka"));
        String database = "refundflow_local_service_" + UUID.randomUUID().toString().substring(0, 8);
        postgres = FreshPorts.start(1, ports -> LocalPostgres.start(home, ports[0], database));
        settings = new HashMap<>(Map.of(
                "spring.datasource.url", postgres.jdbcUrl(),
                "spring.datasource.username", postgres.user(),
                "refund.security.development-mode", "true"));
        settings.putAll(kafka.user(MODULE).springProperties(kafka.bootstrapServers()));
        service = FreshPorts.start(1, ports -> {
            LocalService started = new LocalService(MODULE, ports[0], home.resolve("logs"));
            try {
                started.start(REPOSITORY, settings);
                awaitHealthy(started);
                return started;
            } catch (Exception | AssertionError e) {
                started.close();
                throw e;
            }
        });
        watcher.interrupt();
        watcher.join();
    }

    @AfterAll
    static void stopAll() throws IOException {
        if (service != null) {
            service.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void theServicesKafkaPasswordIsNotOnItsCommandLine() throws IOException {
        String commandLine = commandLineOf(service.pid());

        assertThat(commandLine).contains("-jar")
                .doesNotContain(kafka.user(MODULE).password())
                .doesNotContain("sasl.jaas.config");
    }

    @Test
    void noPasswordOfTheBrokerIsOnACommandLineWhileItAndTheServiceStart() {
        List<String> passwords = new ArrayList<>();
        passwords.add(kafka.admin().password());
        KafkaAccess.users().forEach(user -> passwords.add(kafka.user(user).password()));

        // the broker's storage formatting (it creates every principal's credentials), the broker and the service
        assertThat(COMMAND_LINES).hasSizeGreaterThanOrEqualTo(3);
        for (String commandLine : COMMAND_LINES) {
            assertThat(passwords).as("passwords on the command line of %s", program(commandLine))
                    .noneMatch(commandLine::contains);
        }
    }

    @Test
    void inDevelopmentModeAServiceBoundToEveryInterfaceRefusesToStartNamingTheAddressToSet() throws Exception {
        Path log = Path.of("target", "local-service-test", "logs", "every-interface.log").toAbsolutePath();
        Files.deleteIfExists(log);
        ProcessBuilder start = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // port 0: it must refuse to start before it binds, and then on no port another test chose meanwhile
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", executableJar().toString(), "--server.port=0",
                "--server.address=0.0.0.0").redirectErrorStream(true).redirectOutput(log.toFile());
        start.environment().put(LocalService.SETTINGS_VARIABLE, JsonMapper.builder().build()
                .writeValueAsString(settings));

        Process service = start.start();
        try {
            assertThat(service.waitFor(Launcher.START_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                    .as("%s exits by itself; its log is %s", MODULE, log).isTrue();
            assertThat(service.exitValue()).isNotZero();
            assertThat(Files.readString(log)).contains("server.address=127.0.0.1");
        } finally {
            service.destroyForcibly();
        }
    }

    @Test
    void inDevelopmentModeTheServiceListensOnTheLoopbackAddressOnly() throws IOException {
        List<String> listening = ListeningSockets.localAddressesOn(URI.create(service.url()).getPort());

        assertThat(listening).isNotEmpty().allSatisfy(address -> assertThat(address)
                .as("local address of a listening socket of %s", service.url())
                .isIn(ListeningSockets.LOOPBACK));
    }

    private static void watchCommandLines() {
        while (!Thread.currentThread().isInterrupted()) {
            for (ProcessHandle child : ProcessHandle.current().descendants().toList()) {
                try {
                    String commandLine = commandLineOf(child.pid());
                    if (!commandLine.isBlank()) {
                        COMMAND_LINES.add(commandLine);
                    }
                } catch (IOException e) {
                    // ended meanwhile
                }
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static Path executableJar() throws IOException {
        try (var jars = Files.newDirectoryStream(REPOSITORY.resolve(MODULE).resolve("target"), MODULE + "-*-exec.jar")) {
            return jars.iterator().next();
        }
    }

    /** What a command line runs, without the class path that makes it long: its last arguments. */
    private static String program(String commandLine) {
        return commandLine.substring(commandLine.lastIndexOf(".jar") + 1);
    }

    /** The command line as {@code ps} shows it to any user: the arguments, NUL-separated in procfs. */
    private static String commandLineOf(long pid) throws IOException {
        Path file = Path.of("/proc", String.valueOf(pid), "cmdline");
        if (!Files.exists(file)) {
            return ""; // ended meanwhile
        }
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).replace('\0', ' ');
    }

    private static void awaitHealthy(LocalService starting) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + Launcher.START_TIMEOUT.toNanos();
        while (!starting.healthy(http)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(MODULE + " not healthy; its log is " + starting.log());
            }
            Thread.sleep(300);
        }
    }
}
