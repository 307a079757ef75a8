package io.refundflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.testsupport.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every service's API refuses invalid input with the one problem shape (docs/architecture.md, "Problems"): the
 * RFC 9457 members, type {@code invalid-request} and the inputs at fault in {@code errors: [{field, reason}]}, so
 * that a client reads all of them alike. One invalid request to each, each service in its own process.
 */
class OneProblemShapeTest {

    private static final String INVALID_REQUEST = "https://refundflow.io/problems/invalid-request";
    private static final Set<String> MEMBERS = Set.of("type", "title", "status", "detail", "instance", "errors");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static RunningSystem system;
    /** The dashboard is started here only: no other end-to-end test needs it. */
    private static ServiceProcess dashboard;

    @BeforeAll
    static void startSystem() {
        system = RunningSystem.get();
        dashboard = ServiceProcess.start("ops-dashboard", Map.of(
                "refund.security.development-mode", "false",
                "refund.security.jwt.secret", RunningSystem.JWT_SECRET,
                "logging.structured.format.console", "",
                "refund.dashboard.evaluator-url", system.evaluator.baseUrl(),
                "refund.dashboard.intake-url", system.intake.baseUrl(),
                "refund.dashboard.notifier-url", system.notifier.baseUrl())).awaitHealthy();
    }

    @AfterAll
    static void stopDashboard() {
        dashboard.close();
    }

    /** One invalid request per API, and the input it must name. */
    static Stream<Arguments> invalidRequests() {
        String customer = "c-shape-" + UUID.randomUUID().toString().substring(0, 8);
        return Stream.of(
                Arguments.of("refund-intake: an unknown channel in the body",
                        (Function<RunningSystem, HttpRequest>) s -> HttpRequest.newBuilder(
                                URI.create(s.intake.baseUrl() + "/api/cases"))
                                .header("Authorization", "Bearer " + s.tokens.customer(customer))
                                .header("Idempotency-Key", UUID.randomUUID().toString())
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"orderId\":\"o-shape\","
                                        + "\"channel\":\"CARRIER_PIGEON\",\"description\":\"a shape\"}"))
                                .build(),
                        "/api/cases", "channel"),
                Arguments.of("policy-evaluator: an unknown ground in a query parameter",
                        (Function<RunningSystem, HttpRequest>) s -> get(s.evaluator.baseUrl()
                                + "/api/reviews?ground=BORED", s.tokens.ops("ops-shape")),
                        "/api/reviews", "ground"),
                Arguments.of("notifier: a malformed decision event id in the path",
                        (Function<RunningSystem, HttpRequest>) s -> HttpRequest.newBuilder(
                                URI.create(s.notifier.baseUrl() + "/api/unconfirmed-emails/-x/resend"))
                                .header("Authorization", "Bearer " + s.tokens.ops("ops-shape"))
                                .POST(HttpRequest.BodyPublishers.noBody()).build(),
                        "/api/unconfirmed-emails/-x/resend", "decisionEventId"),
                Arguments.of("ops-dashboard: a missing query parameter",
                        (Function<RunningSystem, HttpRequest>) s -> get(dashboard.baseUrl() + "/api/trail",
                                s.tokens.ops("ops-shape")),
                        "/api/trail", "q"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRequests")
    void invalidInputIsAnsweredWithTheOneProblemShape(String api, Function<RunningSystem, HttpRequest> request,
            String path, String field) throws Exception {
        // when
        HttpResponse<String> answer = HTTP.send(request.apply(system), HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(names(problem)).as(answer.body()).containsExactlyInAnyOrderElementsOf(MEMBERS);
        assertThat(problem.get("type").asString()).isEqualTo(INVALID_REQUEST);
        assertThat(problem.get("title").asString()).isEqualTo("Invalid request");
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("instance").asString()).isEqualTo(path);
        assertThat(problem.get("detail").asString()).contains(field);
        JsonNode error = problem.get("errors").get(0);
        assertThat(names(error)).containsExactlyInAnyOrder("field", "reason");
        assertThat(error.get("field").asString()).isEqualTo(field);
        assertThat(error.get("reason").asString()).isNotBlank();
    }

    private static HttpRequest get(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET().build();
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.propertyNames().forEach(names::add);
        return names;
    }
}
