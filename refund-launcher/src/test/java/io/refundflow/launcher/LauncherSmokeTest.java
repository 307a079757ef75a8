package io.refundflow.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.BillingRefund;
import io.refundflow.events.RefundApproved;
import io.refundflow.events.SettlementStatus;
import io.refundflow.events.Topics;
import io.refundflow.platform.security.DemoTokens;
import io.refundflow.platform.security.JwtProperties;
import io.refundflow.testsupport.FreshPorts;
import io.refundflow.testsupport.IntakeClient;
import io.refundflow.testsupport.KafkaTestClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's run command as a newcomer uses it: the launcher runs as its own process, the system comes up,
 * one refund of each product kind goes through contact, submit, review and notify over HTTP, demo billing
 * settles the approved ones (and fails the card-closed order's), and stopping the launcher leaves nothing
 * running.
 */
class LauncherSmokeTest {

    /** The broker is secured: the launcher writes each principal's client settings into its home. */
    private static Map<String, String> clientFile(Path home, String principal) throws IOException {
        java.util.Properties settings = new java.util.Properties();
        try (var in = Files.newInputStream(home.resolve("kafka/clients/" + principal + ".properties"))) {
            settings.load(in);
        }
        Map<String, String> connection = new LinkedHashMap<>();
        settings.stringPropertyNames().forEach(name -> connection.put(name, settings.getProperty(name)));
        return connection;
    }

    private static final Duration START_TIMEOUT = Duration.ofMinutes(6);
    private static final Duration FLOW_TIMEOUT = Duration.ofSeconds(90);
    /** How long reading billing.refunds to its end may take (every settlement is on it by then). */
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(10);
    private static final String READY_LINE = "refundflow is running";
    /**
     * How long after the launcher's SIGKILL its processes may take to be gone. Each child learns of it through
     * {@code ProcessHandle.onExit()} of a process that is not its own child, which the JDK polls: every 0.3 s at
     * first, 30 ms longer each time, at most every 5 s (reached after ~7 minutes); then it shuts down gracefully
     * (Kafka clients closed, the broker's controlled shutdown). Measured on the 2-core machine with a full build
     * running beside it, the services up for about a minute: every process gone at most 3.0 s after the SIGKILL.
     * At most 5 s to notice plus the shutdown: 20 s leaves room for a loaded CI machine and a longer run.
     */
    private static final Duration GONE_AFTER_SIGKILL = Duration.ofSeconds(20);
    /** The launcher's settings of the ports it binds, each given one of the test's own. */
    private static final List<String> PORTS = List.of("kafka-port", "kafka-controller-port", "embedded-postgres-port",
            "smtp-port", "inbox-port", "intake-port", "evaluator-port", "notifier-port", "dashboard-port",
            "identity-port", "portal-port");

    /**
     * The contact address Alice types into the submit form: another mailbox than the one billing holds for her
     * ({@link DemoBilling#ALICE}), so the inbox shows which of the two the system trusts.
     */
    private static final String SUBMITTED_ADDRESS = "alice.at.home@example.org";

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * Demo orders of customer c-1 (see DemoBilling), the ground to claim, and where the case must end: an approved
     * refund is paid back by demo billing (REFUNDED), the others end in the policy's decision.
     */
    private record Refund(String orderId, String productKind, String ground, String expectedStatus) {

        boolean settles() {
            return expectedStatus.equals("REFUNDED");
        }
    }

    private static final List<Refund> ONE_OF_EACH_KIND = List.of(
            new Refund("o-101", "SAAS inside the guarantee", "UNSATISFIED", "REFUNDED"),
            new Refund("o-104", "SERVICE completed", "UNSATISFIED", "REJECTED"),
            new Refund("o-105", "IMAGE unused", "UNSATISFIED", "REFUNDED"),
            new Refund("o-106", "IMAGE in use", "UNSATISFIED", "REJECTED"),
            new Refund("o-108", "API_OR_DOWNLOAD", "UNSATISFIED", "REJECTED"),
            new Refund("o-109", "SERVER claim with evidence", "QUALITY_ISSUE", "UNDER_REVIEW"));

    @Test
    void launcherRunsTheWholeSystemWalksEachKindOfRefundToItsEmailAndSettlementAndStopsEverything() throws Exception {
        // given the launcher started as its own process on free ports, with a database of its own
        Path home = Path.of("target", "smoke-run").toAbsolutePath();
        Path log = home.resolve("launcher.log");
        Files.createDirectories(home);
        Map<String, Integer> ports = new LinkedHashMap<>();
        Process launcher = FreshPorts.start(PORTS.size(), fresh -> launchedAndReady(home, log, fresh, ports));
        List<ProcessHandle> started = new ArrayList<>();
        long killedAt = 0;
        try {
            started.addAll(launcher.descendants().toList());

            // and ops sign in to the dashboard through the identity provider (authorization code with PKCE),
            // whose tokens the services accept: an ops token of its ops-cli client opens the review queue
            String identity = "http://127.0.0.1:" + ports.get("identity-port");
            String dashboard = "http://127.0.0.1:" + ports.get("dashboard-port");
            HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(dashboard + "/")).build());
            assertThat(page.headers().firstValue("Location")).hasValue(dashboard + "/oauth2/authorization/refundflow");
            HttpResponse<String> signIn = send(HttpRequest.newBuilder(
                    URI.create(dashboard + "/oauth2/authorization/refundflow")).build());
            assertThat(signIn.headers().firstValue("Location").orElseThrow()).startsWith(identity + "/oauth2/authorize?")
                    .contains("client_id=ops-dashboard").contains("code_challenge_method=S256");
            // and so do customers to their own page, as its own public client
            String portal = "http://127.0.0.1:" + ports.get("portal-port");
            HttpResponse<String> customerSignIn = send(HttpRequest.newBuilder(
                    URI.create(portal + "/oauth2/authorization/refundflow")).build());
            assertThat(customerSignIn.headers().firstValue("Location").orElseThrow())
                    .startsWith(identity + "/oauth2/authorize?").contains("client_id=customer-portal")
                    .contains("code_challenge_method=S256");
            String opsToken = json.readTree(send(HttpRequest.newBuilder(URI.create(identity + "/oauth2/token"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            "ops-cli:ops-cli-demo-secret".getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build()).body())
                    .path("access_token").asString();
            assertThat(send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get("evaluator-port")
                    + "/api/reviews")).header("Authorization", "Bearer " + opsToken).build()).statusCode())
                    .isEqualTo(200);

            // when a customer walks one refund of each product kind through the HTTP API
            String intake = "http://127.0.0.1:" + ports.get("intake-port");
            DemoTokens tokens = new DemoTokens(JwtProperties.DEV_SECRET.getBytes(StandardCharsets.UTF_8), null,
                    Duration.ofHours(1), Clock.systemUTC());
            IntakeClient alice = new IntakeClient(intake, tokens.customer(DemoTokens.CUSTOMER_1));
            Map<Refund, String> caseIds = new LinkedHashMap<>();
            Map<Refund, String> caseNumbers = new LinkedHashMap<>();
            Map<Refund, String> refundIds = new LinkedHashMap<>();
            for (Refund refund : ONE_OF_EACH_KIND) {
                JsonNode opened = alice.openCase(refund.orderId(), "WEB", "smoke: " + refund.productKind(),
                        FLOW_TIMEOUT);
                String caseId = opened.path("caseId").asString();
                caseIds.put(refund, caseId);
                caseNumbers.put(refund, opened.path("caseNumber").asString());
                refundIds.put(refund, alice.submit(caseId, refund.ground(), "REFUND", refund.productKind(),
                        SUBMITTED_ADDRESS).path("refundId").asString());
            }
            // ... and Bob asks for his money back on the order paid with a card that was closed since
            IntakeClient bob = new IntakeClient(intake, tokens.customer(DemoTokens.CUSTOMER_2));
            String cardClosedCase = bob.openCase(DemoBilling.CARD_CLOSED_ORDER, "WEB", "smoke: card closed",
                    FLOW_TIMEOUT).path("caseId").asString();
            String cardClosedRefund = bob.submit(cardClosedCase, "UNSATISFIED", "REFUND", "card closed",
                    "bob@example.com").path("refundId").asString();

            // then each case ends in the policy's outcome with the customer notified, and settled if approved ...
            for (Refund refund : ONE_OF_EACH_KIND) {
                // (intake reads decisions, notifications and settlements from three topics: any step may show first)
                JsonNode finished = alice.awaitCase(caseIds.get(refund), c -> done(c, "REVIEWED")
                        && done(c, "NOTIFIED") && (!refund.settles() || done(c, "SETTLED")), FLOW_TIMEOUT);
                assertThat(finished.path("status").asString()).as(refund.productKind())
                        .isEqualTo(refund.expectedStatus());
            }
            // ... by exactly one email each in the launcher's inbox, to the address billing holds and not the one
            // submitted, naming the case (a customer's email never names the refund id)
            JsonNode inbox = json.readTree(get("http://127.0.0.1:" + ports.get("inbox-port") + "/messages"));
            assertThat(inbox).extracting(m -> m.path("to").asString().toLowerCase(Locale.ROOT))
                    .as("nothing mailed to the address submitted").doesNotContain(SUBMITTED_ADDRESS);
            for (Refund refund : ONE_OF_EACH_KIND) {
                List<JsonNode> emails = new ArrayList<>();
                inbox.forEach(m -> {
                    if (m.path("subject").asString().contains(caseNumbers.get(refund))) {
                        emails.add(m);
                    }
                });
                assertThat(emails).as(refund.productKind()).hasSize(1);
                assertThat(emails.get(0).path("to").asString()).isEqualTo(DemoBilling.ALICE.email());
            }
            // ... demo billing pays each approved refund back, once, for the amount approved ...
            assertThat(bob.awaitCase(cardClosedCase, c -> done(c, "REVIEWED") && done(c, "SETTLED"), FLOW_TIMEOUT)
                    .path("status").asString()).as("card-closed order").isEqualTo("REFUND_FAILED");
            try (KafkaTestClient kafka = new KafkaTestClient(clientFile(home, LocalKafka.ADMIN))) {
                Map<String, List<BillingRefund>> settlements = settlements(kafka);
                for (Refund refund : ONE_OF_EACH_KIND) {
                    if (!refund.settles()) {
                        continue;
                    }
                    BillingRefund settlement = only(settlements, refundIds.get(refund));
                    RefundApproved approval = (RefundApproved) kafka.awaitEvents(Topics.DECISIONS,
                            refundIds.get(refund), 1, FLOW_TIMEOUT).get(0).data();
                    assertThat(settlement.status()).as(refund.productKind()).isEqualTo(SettlementStatus.EXECUTED);
                    assertThat(settlement.orderId()).isEqualTo(refund.orderId());
                    assertThat(settlement.amount()).isEqualTo(approval.refundAmount());
                }
                // ... and reports the card-closed order's refund failed, with its reason
                BillingRefund failed = only(settlements, cardClosedRefund);
                assertThat(failed.status()).isEqualTo(SettlementStatus.FAILED);
                assertThat(failed.reason()).contains("card");
            }
        } finally {
            // and even a launcher killed with SIGKILL, which runs no shutdown hook, leaves nothing behind: the
            // broker and every service notice the launcher is gone and exit (Ctrl-C's SIGTERM stops them at once)
            killedAt = System.nanoTime();
            launcher.destroyForcibly();
            assertThat(launcher.waitFor(30, TimeUnit.SECONDS)).as("launcher killed").isTrue();
        }
        awaitGone(started, killedAt);
        ports.forEach((name, port) -> assertThat(isFree(port)).as("%s %d free after stop", name, port).isTrue());
    }

    /**
     * Waits until every process the launcher had started is gone, and says how long each took after the SIGKILL
     * (the figure behind {@link #GONE_AFTER_SIGKILL}).
     */
    private static void awaitGone(List<ProcessHandle> started, long killedAt) {
        Map<ProcessHandle, String> names = new LinkedHashMap<>();
        started.forEach(process -> names.put(process, name(process)));
        Map<String, Long> goneAfterMillis = new LinkedHashMap<>();
        try {
            Awaitility.await().atMost(GONE_AFTER_SIGKILL).pollInterval(Duration.ofMillis(100)).until(() -> {
                names.forEach((process, name) -> {
                    if (!process.isAlive()) {
                        goneAfterMillis.putIfAbsent(process.pid() + " " + name,
                                (System.nanoTime() - killedAt) / 1_000_000);
                    }
                });
                return goneAfterMillis.size() == names.size();
            });
        } finally {
            System.out.println("after the launcher's SIGKILL, gone after (ms): " + goneAfterMillis + "; still running: "
                    + names.entrySet().stream().filter(e -> e.getKey().isAlive()).map(Map.Entry::getValue).toList());
        }
    }

    /**
     * A process by what it runs: a service's jar; else its command (the broker's JVM, whose long class path may
     * keep its arguments from being read).
     */
    private static String name(ProcessHandle process) {
        List<String> arguments = process.info().arguments().map(List::of).orElse(List.of());
        for (int i = 1; i < arguments.size(); i++) {
            if (arguments.get(i - 1).equals("-jar")) {
                return Path.of(arguments.get(i)).getFileName().toString();
            }
            if (arguments.get(i - 1).equals(OrphanGuard.class.getName())) {
                return "broker (OrphanGuard)";
            }
        }
        return process.info().command().orElse("?");
    }

    /**
     * Every settlement billing published (on billing.refunds, keyed by order id), by refund id: the topic read to
     * its end, once every case has shown its settlement.
     */
    private static Map<String, List<BillingRefund>> settlements(KafkaTestClient kafka) {
        return kafka.readToEnd(Topics.BILLING_REFUNDS, r -> true, SETTLE_TIMEOUT).stream()
                .map(r -> (BillingRefund) kafka.decode(r).data())
                .collect(Collectors.groupingBy(BillingRefund::refundId));
    }

    private static BillingRefund only(Map<String, List<BillingRefund>> settlements, String refundId) {
        List<BillingRefund> mine = settlements.getOrDefault(refundId, List.of());
        assertThat(mine).as("settlements of " + refundId).hasSize(1);
        return mine.get(0);
    }

    private static boolean done(JsonNode caseView, String stepName) {
        for (JsonNode step : caseView.path("timeline")) {
            if (stepName.equals(step.path("step").asString())) {
                return step.path("done").asBoolean();
            }
        }
        return false;
    }

    /**
     * The launcher on these ports (recorded in {@code ports} by name), once ready. A launcher that does not get ready
     * is killed, so that {@link FreshPorts} can tell a port another test or process took meanwhile, and try others.
     */
    private static Process launchedAndReady(Path home, Path log, int[] fresh, Map<String, Integer> ports)
            throws IOException, InterruptedException {
        ports.clear();
        for (int i = 0; i < PORTS.size(); i++) {
            ports.put(PORTS.get(i), fresh[i]);
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"),
                "-Drefund.repository=" + Path.of("..").toAbsolutePath().normalize(),
                "-Drefund.launcher.home=" + home,
                "-Drefund.launcher.database=refundflow_smoke_" + UUID.randomUUID().toString().substring(0, 8)));
        ports.forEach((name, port) -> command.add("-Drefund.launcher." + name + "=" + port));
        command.add(Launcher.class.getName());
        Process launcher = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitReady(launcher, log);
            return launcher;
        } catch (AssertionError notReady) {
            // its processes gone, the ports they held are free again unless someone else holds one
            List<ProcessHandle> children = launcher.descendants().toList();
            launcher.destroyForcibly();
            launcher.waitFor(30, TimeUnit.SECONDS);
            awaitGone(children, System.nanoTime());
            throw new IllegalStateException(notReady.getMessage(), notReady);
        }
    }

    private static void awaitReady(Process launcher, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String output = Files.readString(log);
            if (output.contains(READY_LINE)) {
                return;
            }
            if (!launcher.isAlive()) {
                throw new AssertionError("launcher exited with " + launcher.exitValue() + ":\n" + output);
            }
            Thread.sleep(500);
        }
        throw new AssertionError("launcher not ready within " + START_TIMEOUT + ":\n" + Files.readString(log));
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private String get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
