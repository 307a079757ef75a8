package io.refundflow.intake;

import static io.refundflow.intake.Fixtures.applicationJson;
import static io.refundflow.intake.Fixtures.contactJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.BillingOrder;
import io.refundflow.events.Evidence;
import io.refundflow.events.RefundRequested;
import io.refundflow.events.Topics;
import io.refundflow.platform.security.DemoTokens;
import io.refundflow.testsupport.KafkaTestClient;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A file counts as evidence only if it is what its type says: an image decodes, a PDF parses, a CSV has a header
 * and a row. Anything else is refused, naming the file, so it can never unlock a decision that needs evidence.
 */
@IntakeTest
class EvidenceValidityTest {

    private static final KafkaTestClient kafka = new KafkaTestClient();

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;
    @Autowired
    JdbcTemplate jdbc;

    Api api;
    String token;
    String caseId;

    @BeforeEach
    void aCaseReadyToSubmit() {
        api = new Api(port);
        String customer = "c-validity-" + UUID.randomUUID();
        token = tokens.customer(customer);
        BillingOrder order = Fixtures.publishOrder(kafka, jdbc, customer, "en");
        caseId = api.postJson(token, Api.newKey(), "/api/cases", contactJson(order.orderId())).json().get("caseId")
                .asString();
    }

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    /** A file that claims a type it does not have. */
    record Fake(String name, String fileName, String claimedType, byte[] bytes) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> fakes() {
        byte[] brokenPng = Arrays.copyOf(Fixtures.PNG, Fixtures.PNG.length + 64);
        Arrays.fill(brokenPng, 16, brokenPng.length, (byte) 0x5A);
        return Stream.of(
                new Fake("a one-byte image", "photo.png", "image/png", new byte[] {'x'}),
                new Fake("a PNG signature over bytes that do not decode", "screen.png", "image/png", brokenPng),
                new Fake("a JPEG marker over bytes that do not decode", "photo.jpg", "image/jpeg",
                        new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0,
                                1, 1, 0, 0, 1, 0, 1, 0, 0}),
                new Fake("a PDF header with nothing behind it", "invoice.pdf", "application/pdf",
                        "%PDF-1.7\nthis is not a document\n".getBytes(StandardCharsets.US_ASCII)),
                new Fake("a CSV header without a row", "usage.csv", "text/csv",
                        "day,cpu\n".getBytes(StandardCharsets.US_ASCII)),
                new Fake("plain text that is no CSV", "notes.txt", "text/plain",
                        "please refund me".getBytes(StandardCharsets.US_ASCII)))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fakes")
    void aFileThatIsNotWhatItsTypeSaysIsRefusedAndNeverCountsAsEvidence(Fake fake) {
        // when a submission carries a real CSV and the fake
        Api.Response response = api.postMultipart(token, Api.newKey(), Api.submitPath(caseId), applicationJson(),
                List.of(new Api.FilePart("evidence", "usage-real.csv", "text/csv", Fixtures.csv(200)),
                        new Api.FilePart("evidence", fake.fileName(), fake.claimedType(), fake.bytes())));

        // then it is refused naming the fake, and no request (that a rule could approve on its evidence) exists
        assertThat(response.status()).as(response.text()).isIn(400, 415);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode error = response.json().get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("evidence[1] (" + fake.fileName() + ")");
        assertThat(jdbc.queryForObject("select count(*) from submission where case_id = ?", Integer.class, caseId))
                .isZero();
        assertThat(jdbc.queryForObject("select count(*) from evidence where case_id = ?", Integer.class, caseId))
                .isZero();
    }

    @Test
    void filesThatAreWhatTheirTypeSaysCountAsEvidenceOfThatType() throws IOException {
        // given an image that decodes, a PDF that parses and a CSV with a header and a row
        byte[] png = image("png");
        byte[] jpeg = image("jpeg");
        byte[] pdf = Fixtures.pdf();
        byte[] csv = "day,cpu\n1,0.5\n".getBytes(StandardCharsets.US_ASCII);

        // when they are submitted
        Api.Response response = api.postMultipart(token, Api.newKey(), Api.submitPath(caseId), applicationJson(),
                List.of(new Api.FilePart("evidence", "screen.png", "image/png", png),
                        new Api.FilePart("evidence", "photo.jpg", "image/jpeg", jpeg),
                        new Api.FilePart("evidence", "invoice.pdf", "application/pdf", pdf),
                        new Api.FilePart("evidence", "usage.csv", "text/csv", csv)));

        // then all four are the request's evidence, each with the type its bytes proved
        assertThat(response.status()).as(response.text()).isEqualTo(202);
        String refundId = response.json().get("refundId").asString();
        RefundRequested request = (RefundRequested) kafka.awaitEvents(Topics.REQUESTS, refundId, 1,
                Duration.ofSeconds(30)).get(0).data();
        assertThat(request.evidence()).extracting(Evidence::contentType)
                .containsExactly("image/png", "image/jpeg", "application/pdf", "text/csv");
    }

    private static byte[] image(String format) throws IOException {
        BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 4, 0xFF8800);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }
}
