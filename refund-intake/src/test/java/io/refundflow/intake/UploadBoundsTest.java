package io.refundflow.intake;

import static io.refundflow.intake.Fixtures.applicationJson;
import static io.refundflow.intake.Fixtures.contactJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.BillingOrder;
import io.refundflow.platform.security.DemoTokens;
import io.refundflow.testsupport.KafkaTestClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Uploads are bounded before they are read, and a customer's uploads and cases are bounded over time (the test
 * limits are in application-test.yml: 64 KB per file, 100 KB per case, 200 KB per request, 150 KB per customer,
 * three cases per order a day; the default two uploads of one caller at once).
 */
@IntakeTest
class UploadBoundsTest {

    private static final KafkaTestClient kafka = new KafkaTestClient();
    private static final int PARALLEL_SUBMISSIONS = 12;
    /** refund.intake.evidence.max-customer-size in application-test.yml. */
    private static final long QUOTA_BYTES = 150 * 1024;
    /** Time for the service to take the heads of uploads sent before the one under test. */
    private static final Duration UPLOADS_UNDER_WAY = Duration.ofSeconds(1);

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;
    @Autowired
    JdbcTemplate jdbc;

    Api api;
    String customer;
    String token;

    @BeforeEach
    void aCustomerOfTheirOwn() {
        api = new Api(port);
        customer = "c-uploads-" + UUID.randomUUID();
        token = tokens.customer(customer);
    }

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    @Test
    void parallelSubmissionsOfOneCustomerAreAnswered413Or429Or503BeyondTheLimitsAndStoreNoMoreThanTheQuota() {
        // given twelve cases of one customer: half about to receive five files of nearly the per-file limit (over
        // the request limit), half one such file (within every limit of the case, but together over the quota)
        List<String> caseIds = IntStream.range(0, PARALLEL_SUBMISSIONS).mapToObj(i -> openCase()).toList();
        Api.FilePart usage = new Api.FilePart("evidence", "usage.csv", "text/csv", Fixtures.csv(60 * 1024));
        List<Api.FilePart> oversized = List.of(usage, usage, usage, usage, usage);

        // when all twelve are submitted at once
        List<CompletableFuture<Api.Response>> calls = IntStream.range(0, PARALLEL_SUBMISSIONS)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> new Api(port).postMultipart(token, Api.newKey(),
                        Api.submitPath(caseIds.get(i)), applicationJson(), i % 2 == 0 ? oversized : List.of(usage))))
                .toList();
        List<Api.Response> answers = calls.stream().map(CompletableFuture::join).toList();

        // then each is taken or refused as too large, too many or too busy, with its problem, and the customer's
        // stored evidence stays within the quota
        for (Api.Response answer : answers) {
            assertThat(answer.status()).as(answer.text()).isIn(202, 413, 429, 503);
            if (answer.status() != 202) {
                assertThat(answer.contentType()).startsWith("application/problem+json");
                assertThat(answer.json().get("errors").get(0).get("field").asString()).isNotBlank();
            }
        }
        assertThat(storedBytesOf(customer)).isLessThanOrEqualTo(QUOTA_BYTES);
    }

    @Test
    void aDeclaredOversizeIsAnsweredBeforeTheBodyIsSent() throws IOException {
        // given a case, and an upload declaring more bytes than one request may carry (but less than the old limit)
        String caseId = openCase();
        long declared = 1_000_000;

        // when only the request's head is sent
        try (Socket socket = new Socket("127.0.0.1", port)) {
            sendHead(socket, caseId, declared);

            // then the answer arrives without a byte of the body: 413 naming the header
            String answer = readAnswer(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 413");
            assertThat(answer).contains("application/problem+json").contains("\"field\":\"Content-Length\"");
        }
    }

    @Test
    void aCallersUploadBeyondTwoAtOnceIsAnswered429BeforeItsBodyIsSent() throws Exception {
        // given two uploads of the customer under way: their heads sent, their bodies (150 KB each) not yet
        String caseId = openCase();
        try (Socket first = uploadHead(caseId, 150_000); Socket second = uploadHead(caseId, 150_000)) {
            Thread.sleep(UPLOADS_UNDER_WAY.toMillis());

            // when a third starts
            try (Socket third = uploadHead(caseId, 150_000)) {

                // then it is answered at once, without a byte of its body: 429 with Retry-After
                String answer = readAnswer(third.getInputStream());
                assertThat(answer).startsWith("HTTP/1.1 429");
                assertThat(answer).containsIgnoringCase("Retry-After:").contains("application/problem+json")
                        .contains("\"field\":\"evidence\"");
            }
        }
    }

    @Test
    void aCustomersStoredEvidenceIsBoundedOverAllTheirCases() {
        // given two cases of the customer, each holding 60 KB of evidence (within the 100 KB per case)
        List<Api.FilePart> evidence = List.of(
                new Api.FilePart("evidence", "usage.csv", "text/csv", Fixtures.csv(60 * 1024)));
        for (int i = 0; i < 2; i++) {
            assertThat(submit(openCase(), evidence).status()).isEqualTo(202);
        }

        // when a third case would take the customer's evidence past 150 KB
        String third = openCase();
        Api.Response response = submit(third, evidence);

        // then it is refused with its problem, and nothing of it is stored
        assertThat(response.status()).as(response.text()).isEqualTo(429);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("evidence");
        assertThat(problem.get("detail").asString()).contains("per customer");
        assertThat(jdbc.queryForObject("select count(*) from evidence where case_id = ?", Integer.class, third))
                .isZero();
    }

    @Test
    void casesOpenedPerOrderADayAreBounded() {
        // given three cases opened on one order today
        BillingOrder order = Fixtures.publishOrder(kafka, jdbc, customer, "en");
        for (int i = 0; i < 3; i++) {
            assertThat(contact(order).status()).isEqualTo(201);
        }

        // when a fourth is opened
        Api.Response fourth = contact(order);

        // then it is refused, naming the order
        assertThat(fourth.status()).as(fourth.text()).isEqualTo(429);
        assertThat(fourth.contentType()).startsWith("application/problem+json");
        assertThat(fourth.json().get("errors").get(0).get("field").asString()).isEqualTo("orderId");
        assertThat(jdbc.queryForObject("select count(*) from refund_case where order_id = ?", Integer.class,
                order.orderId())).isEqualTo(3);
    }

    private String openCase() {
        BillingOrder order = Fixtures.publishOrder(kafka, jdbc, customer, "en");
        return contact(order).json().get("caseId").asString();
    }

    private Api.Response contact(BillingOrder order) {
        return api.postJson(token, Api.newKey(), "/api/cases", contactJson(order.orderId()));
    }

    private Api.Response submit(String caseId, List<Api.FilePart> evidence) {
        return api.postMultipart(token, Api.newKey(), Api.submitPath(caseId), applicationJson(), evidence);
    }

    private long storedBytesOf(String customerId) {
        return jdbc.queryForObject("""
                select coalesce(sum(e.size_bytes), 0) from evidence e join refund_case c on c.case_id = e.case_id
                where c.customer_id = ?""", Long.class, customerId);
    }

    /** Starts an upload to the case declaring this many bytes: sends its head and none of its body. */
    private Socket uploadHead(String caseId, long declared) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        sendHead(socket, caseId, declared);
        return socket;
    }

    private void sendHead(Socket socket, String caseId, long declared) throws IOException {
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + Api.submitPath(caseId) + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n"
                + "Authorization: Bearer " + token + "\r\n"
                + "Idempotency-Key: " + Api.newKey() + "\r\n"
                + "Content-Type: multipart/form-data; boundary=b-declared\r\n"
                + "Content-Length: " + declared + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** The status line, headers and as much of the body as the server sends before it pauses. */
    private static String readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        int n = in.read(buffer);
        while (n > 0) {
            answer.write(buffer, 0, n);
            if (answer.toString(StandardCharsets.UTF_8).contains("}")) {
                break;
            }
            n = in.read(buffer);
        }
        return answer.toString(StandardCharsets.UTF_8);
    }
}
