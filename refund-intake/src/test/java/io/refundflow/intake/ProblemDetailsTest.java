package io.refundflow.intake;

import static io.refundflow.intake.Fixtures.applicationJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.BillingOrder;
import io.refundflow.platform.security.DemoTokens;
import io.refundflow.testsupport.KafkaTestClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** Every class of bad input gets its 4xx with an RFC 9457 body naming the field and the reason. */
@IntakeTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProblemDetailsTest {

    private static final KafkaTestClient kafka = new KafkaTestClient();

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;
    @Autowired
    JdbcTemplate jdbc;

    Api api;
    String customer;
    String orderId;
    String caseId;

    @BeforeAll
    void aCustomerWithAnOpenCase() {
        api = new Api(port);
        customer = tokens.customer("c-1");
        BillingOrder order = Fixtures.publishOrder(kafka, jdbc, "c-1", "en");
        orderId = order.orderId();
        caseId = api.postJson(customer, Api.newKey(), "/api/cases", Fixtures.contactJson(orderId)).json()
                .get("caseId").asString();
    }

    @AfterAll
    void closeClient() {
        kafka.close();
    }

    /** One bad request, the answer it must get, and the field the answer must name (null: none). */
    record BadInput(String name, Function<ProblemDetailsTest, Api.Response> call, int status, String field,
            String reasonFragment) {
        @Override
        public String toString() {
            return name;
        }
    }

    Stream<Arguments> badInputs() {
        return Stream.of(
                new BadInput("malformed JSON", t -> t.contact("{\"orderId\": \"o-1\", "), 400, "body", "malformed JSON"),
                new BadInput("wrong type", t -> t.contact("""
                        {"orderId": "%s", "channel": "WEB", "description": {"text": "x"}}""".formatted(t.orderId)),
                        400, "description", "wrong type"),
                new BadInput("unknown enum value", t -> t.contact("""
                        {"orderId": "%s", "channel": "FAX", "description": "x"}""".formatted(t.orderId)),
                        400, "channel", "WEB, PHONE, CHAT, EMAIL"),
                new BadInput("missing and blank fields", t -> t.contact("""
                        {"channel": "WEB", "description": " "}"""), 400, "orderId", "must not be blank"),
                new BadInput("NUL character in a text field", t -> t.contact("""
                        {"orderId": "%s", "channel": "WEB", "description": "refund\\u0000please"}"""
                        .formatted(t.orderId)), 400, "description", "control characters"),
                new BadInput("unsupported content type", t -> t.api.post(t.customer, Api.newKey(), "/api/cases",
                        "text/plain", "orderId=o-1".getBytes()), 415, "Content-Type", "text/plain"),
                new BadInput("missing Idempotency-Key", t -> t.api.postJson(t.customer, null, "/api/cases",
                        Fixtures.contactJson(t.orderId)), 400, "Idempotency-Key", "required"),
                new BadInput("unknown enum value in the application part", t -> t.submit("""
                        {"ground": "BORED", "kind": "REFUND", "contactEmail": "a@example.com"}""", List.of()),
                        400, "application.ground", "UNSATISFIED, QUALITY_ISSUE, NOT_AS_PROMISED, FORCE_MAJEURE"),
                new BadInput("control character in the application part", t -> t.submit("""
                        {"ground": "UNSATISFIED", "kind": "REFUND", "contactEmail": "a@example.com",
                         "description": "bell\\u0007"}""", List.of()),
                        400, "application.description", "control characters"),
                new BadInput("malformed JSON in the application part", t -> t.submit("{\"ground\": ", List.of()),
                        400, "application", "malformed JSON"),
                new BadInput("missing application part", t -> t.submit(null,
                        List.of(new Api.FilePart("evidence", "shot.png", "image/png", Fixtures.PNG))),
                        400, "application", "required part missing"),
                new BadInput("evidence over the per-file limit", t -> t.submit(applicationJson(),
                        List.of(new Api.FilePart("evidence", "big.txt", "text/plain", text(100 * 1024)))),
                        413, "evidence[0] (big.txt)", "per file"),
                new BadInput("evidence over the per-case limit", t -> t.submit(applicationJson(),
                        List.of(new Api.FilePart("evidence", "a.csv", "text/csv", Fixtures.csv(60 * 1024)),
                                new Api.FilePart("evidence", "b.csv", "text/csv", Fixtures.csv(60 * 1024)))),
                        413, "evidence", "per case"),
                new BadInput("upload over the server's request limit", t -> t.submit(applicationJson(),
                        List.of(new Api.FilePart("evidence", "huge.txt", "text/plain", text(2_500_000)))),
                        413, "Content-Length", "per upload"),
                new BadInput("evidence of a type not allowed, whatever its name", t -> t.submit(applicationJson(),
                        List.of(new Api.FilePart("evidence", "setup.png", "image/png", Fixtures.EXE))),
                        415, "evidence[0] (setup.png)", "not accepted"),
                new BadInput("no token", t -> t.api.get(null, "/api/cases"), 401, null, "bearer token"),
                new BadInput("malformed token", t -> t.api.get("not.a.token", "/api/cases"), 401, null,
                        "Authorization"),
                new BadInput("token signed with another key", t -> t.api.get(new DemoTokens(
                        "someone-elses-secret-of-at-least-32-bytes".getBytes(StandardCharsets.UTF_8), null,
                        Duration.ofMinutes(5), Clock.systemUTC()).customer("c-1"), "/api/cases"), 401, null,
                        "Authorization"),
                new BadInput("expired token", t -> t.api.get(t.tokens.mint("c-1", List.of("customer"),
                        Duration.ofSeconds(-120)), "/api/cases"), 401, null, "Authorization"),
                new BadInput("role that may not open cases", t -> t.api.postJson(t.tokens.ops("ops-1"), Api.newKey(),
                        "/api/cases", Fixtures.contactJson(t.orderId)), 403, null, "role"),
                new BadInput("customer acting for another customer", t -> t.contact("""
                        {"orderId": "%s", "channel": "WEB", "description": "x", "customerId": "c-2"}"""
                        .formatted(t.orderId)), 403, "customerId", "only agents"),
                new BadInput("unknown case", t -> t.api.get(t.customer, "/api/cases/no-such-case"), 404, null,
                        "not found"),
                new BadInput("submit on an unknown case", t -> t.api.postMultipart(t.customer, Api.newKey(),
                        Api.submitPath("no-such-case"), applicationJson(), List.of()), 404, null, "not found"),
                new BadInput("unknown path", t -> t.api.get(t.customer, "/api/nothing-here"), 404, null, null),
                new BadInput("page that is not a number", t -> t.api.get(t.customer, "/api/cases?page=abc"), 400,
                        "page", "not a valid integer"),
                new BadInput("page size out of range", t -> t.api.get(t.customer, "/api/cases?size=0"), 400,
                        "size", "greater than or equal to 1"),
                new BadInput("method not allowed", t -> t.api.post(t.customer, Api.newKey(),
                        "/api/cases/" + t.caseId, "application/json", "{}".getBytes()), 405, null, null))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputIsAnsweredWithItsProblemDetails(BadInput input) {
        Api.Response response = input.call().apply(this);

        assertThat(response.status()).as(response.text()).isEqualTo(input.status());
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("status").asInt()).isEqualTo(input.status());
        assertThat(problem.get("type").asString()).startsWith("https://refundflow.io/problems/");
        assertThat(problem.has("title")).isTrue();
        assertThat(problem.has("trace") || problem.has("exception") || problem.has("stackTrace")).isFalse();
        assertThat(response.text()).doesNotContain("at io.refundflow").doesNotContain("Exception:");
        if (input.field() != null) {
            List<String> fields = new ArrayList<>();
            problem.get("errors").forEach(error -> fields.add(error.get("field").asString()));
            assertThat(fields).contains(input.field());
        }
        if (input.reasonFragment() != null) {
            assertThat(problem.get("detail").asString()).containsIgnoringCase(input.reasonFragment());
        }
    }

    private Api.Response contact(String json) {
        return api.postJson(customer, Api.newKey(), "/api/cases", json);
    }

    private Api.Response submit(String applicationJson, List<Api.FilePart> files) {
        return api.postMultipart(customer, Api.newKey(), Api.submitPath(caseId), applicationJson, files);
    }

    private static byte[] text(int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) 'a');
        return bytes;
    }
}
