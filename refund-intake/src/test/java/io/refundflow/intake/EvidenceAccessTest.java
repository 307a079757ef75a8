package io.refundflow.intake;

import static io.refundflow.intake.Fixtures.applicationJson;
import static io.refundflow.intake.Fixtures.contactJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.BillingOrder;
import io.refundflow.platform.security.DemoTokens;
import io.refundflow.testsupport.KafkaTestClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The reviewer opens the files a customer attached: ops and agents get the bytes as uploaded, the customer who
 * owns the case too, anyone else a 404; images are shown inline, other types are downloads, never sniffed.
 */
@IntakeTest
class EvidenceAccessTest {

    private static final byte[] CSV = "day,cpu\n1,0.5\n".getBytes(StandardCharsets.UTF_8);
    private static final KafkaTestClient kafka = new KafkaTestClient();

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;
    @Autowired
    JdbcTemplate jdbc;

    private Api api;
    private String owner;
    private String refundId;

    @AfterAll
    static void closeKafka() {
        kafka.close();
    }

    @BeforeEach
    void aSubmissionWithAScreenshotAndAUsageFile() {
        api = new Api(port);
        owner = "c-evidence-" + UUID.randomUUID();
        BillingOrder order = Fixtures.publishOrder(kafka, jdbc, owner, "en");
        String token = tokens.customer(owner);
        String caseId = api.postJson(token, Api.newKey(), "/api/cases", contactJson(order.orderId())).json()
                .get("caseId").asString();
        refundId = api.postMultipart(token, Api.newKey(), Api.submitPath(caseId), applicationJson(),
                List.of(new Api.FilePart("evidence", "screenshot.png", "image/png", Fixtures.PNG),
                        new Api.FilePart("evidence", "usage.csv", "text/csv", CSV)))
                .json().get("refundId").asString();
    }

    @Test
    void opsGetTheUploadedBytesOfAnImageShownInlineWithItsDigest() {
        // when
        Api.Download file = api.download(tokens.ops("ops-1"), path(refundId, sha256(Fixtures.PNG)));

        // then
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.bytes()).isEqualTo(Fixtures.PNG);
        assertThat(file.header("Content-Type")).isEqualTo("image/png");
        assertThat(file.header("Content-Disposition")).startsWith("inline").contains("screenshot.png");
        assertThat(file.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(file.header("Repr-Digest")).isEqualTo("sha-256=:" + Base64.getEncoder()
                .encodeToString(HexFormat.of().parseHex(sha256(Fixtures.PNG))) + ":");
    }

    @Test
    void aFileThatIsNotAnImageOrPdfIsADownload() {
        // when
        Api.Download file = api.download(tokens.agent("agent-1"), path(refundId, sha256(CSV)));

        // then
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.bytes()).isEqualTo(CSV);
        assertThat(file.header("Content-Disposition")).startsWith("attachment").contains("usage.csv");
        assertThat(file.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void theCustomerWhoOwnsTheCaseGetsTheirFile() {
        // when
        Api.Download file = api.download(tokens.customer(owner), path(refundId, sha256(CSV)));

        // then
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.bytes()).isEqualTo(CSV);
    }

    @Test
    void anotherCustomerGetsNotFoundAsIfTheFileDidNotExist() {
        // when
        Api.Download file = api.download(tokens.customer("c-other-" + UUID.randomUUID()),
                path(refundId, sha256(Fixtures.PNG)));
        Api.Download missing = api.download(tokens.ops("ops-1"), path(refundId, sha256(new byte[] {1})));

        // then
        assertThat(file.status()).isEqualTo(404);
        assertThat(new String(file.bytes(), StandardCharsets.UTF_8)).doesNotContain("screenshot");
        assertThat(missing.status()).isEqualTo(404);
    }

    @Test
    void aDigestThatIsNotSha256HexIsABadRequestNamingTheField() {
        // when
        Api.Download file = api.download(tokens.ops("ops-1"), path(refundId, "screenshot.png"));

        // then
        assertThat(file.status()).isEqualTo(400);
        assertThat(new String(file.bytes(), StandardCharsets.UTF_8)).contains("sha256");
    }

    private static String path(String refundId, String sha256) {
        return "/api/refunds/" + refundId + "/evidence/" + sha256;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
