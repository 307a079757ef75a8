package io.refundflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.BillingOrder;
import io.refundflow.platform.security.DemoTokens;
import io.refundflow.testsupport.KafkaTestClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Whether a caller may touch the case is decided before the upload's body is read. */
@IntakeTest
class SubmissionAccessTest {

    /** Within the test profile's request limit, so the service would read all of it if it did not check first. */
    private static final int DECLARED_BODY_BYTES = 2_500_000;
    private static final Duration PATIENCE = Duration.ofSeconds(15);
    private static final KafkaTestClient kafka = new KafkaTestClient();

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;
    @Autowired
    JdbcTemplate jdbc;

    @AfterAll
    static void closeKafka() {
        kafka.close();
    }

    @Test
    void anotherCustomersLargeUploadIsAnsweredNotFoundBeforeItsBodyIsSent() throws IOException {
        // given a case of one customer
        String caseId = aCaseOfItsOwner();

        // when another customer starts a 2.5 MB upload to it and sends only the headers and the first part
        String boundary = "b-" + UUID.randomUUID();
        byte[] start = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"application\"\r\n"
                + "Content-Type: application/json\r\n\r\n" + Fixtures.applicationJson() + "\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"evidence\"; filename=\"big.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        String statusLine = statusLineOfAnotherCustomersUpload(Api.submitPath(caseId), boundary, start);

        // then the answer came while almost all of the body was still unsent: the service did not wait for it
        assertThat(start.length).isLessThan(DECLARED_BODY_BYTES / 100);
        assertThat(statusLine).startsWith("HTTP/1.1 404");
    }

    @Test
    void anotherCustomersLargeEvidenceIsAnsweredNotFoundBeforeItsBodyIsSent() throws IOException {
        // given a case of one customer
        String caseId = aCaseOfItsOwner();

        // when another customer starts adding 2.5 MB of evidence to it and sends only the headers of the file
        String boundary = "b-" + UUID.randomUUID();
        byte[] start = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"evidence\"; filename=\"big.txt\""
                + "\r\nContent-Type: text/plain\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        String statusLine = statusLineOfAnotherCustomersUpload(Api.evidencePath(caseId), boundary, start);

        // then
        assertThat(start.length).isLessThan(DECLARED_BODY_BYTES / 100);
        assertThat(statusLine).startsWith("HTTP/1.1 404");
    }

    private String aCaseOfItsOwner() {
        String owner = "c-owner-" + UUID.randomUUID();
        BillingOrder order = Fixtures.publishOrder(kafka, jdbc, owner, "en");
        return new Api(port).postJson(tokens.customer(owner), Api.newKey(), "/api/cases",
                Fixtures.contactJson(order.orderId())).json().get("caseId").asString();
    }

    /** Sends the request's headers and the start of its body as another customer; returns the answer's first line. */
    private String statusLineOfAnotherCustomersUpload(String path, String boundary, byte[] start) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) PATIENCE.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                    + "Authorization: Bearer " + tokens.customer("c-other-" + UUID.randomUUID()) + "\r\n"
                    + "Idempotency-Key: " + Api.newKey() + "\r\n"
                    + "Content-Type: multipart/form-data; boundary=" + boundary + "\r\n"
                    + "Content-Length: " + DECLARED_BODY_BYTES + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(start);
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        }
    }
}
