package io.refundflow.platform.web.problems;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ProblemDetailsTest {

    @Test
    void invalidInputIsOneTypeUnderTheProjectBaseNamingEachInputInErrors() {
        // when
        ProblemDetail problem = ProblemDetails.invalid(List.of(new InvalidField("amount", "must be positive")));

        // then
        assertThat(problem.getType()).hasToString("https://refundflow.io/problems/invalid-request");
        assertThat(problem.getTitle()).isEqualTo("Invalid request");
        assertThat(problem.getStatus()).isEqualTo(400);
        assertThat(problem.getDetail()).isEqualTo("amount: must be positive");
        assertThat(problem.getProperties()).containsExactly(Map.entry("errors",
                List.of(new InvalidField("amount", "must be positive"))));
    }

    @Test
    void aProblemWithoutErrorsCarriesNoSuchProperty() {
        // when
        ProblemDetail notAboutInput = ProblemDetails.of(HttpStatus.NOT_FOUND, "not-found", "Not found",
                "case 7 not found");
        ProblemDetail withoutErrors = ProblemDetails.withErrors(HttpStatus.NOT_FOUND, "not-found", "Not found",
                "case 7 not found", List.of());

        // then
        assertThat(notAboutInput.getProperties()).isNull();
        assertThat(withoutErrors.getProperties()).isNull();
    }

    @Test
    void aProblemListingErrorsKeepsEachFieldAndReason() {
        // when
        ProblemDetail problem = ProblemDetails.withErrors(HttpStatus.BAD_REQUEST, "invalid-request",
                "Invalid request", "a: missing; b: too long",
                List.of(new InvalidField("a", "missing"), new InvalidField("b", "too long")));

        // then
        assertThat(problem.getProperties()).containsExactly(Map.entry("errors",
                List.of(new InvalidField("a", "missing"), new InvalidField("b", "too long"))));
    }

    @Test
    void aResponseAnswersWithTheProblemsStatusAsProblemJsonAtTheRequestPath() {
        // given
        ProblemDetail problem = ProblemDetails.of(HttpStatus.CONFLICT, "already-replayed", "Already replayed",
                "id: replayed before");

        // when
        ResponseEntity<ProblemDetail> response = ProblemDetails.response(problem, "/api/dead-letters/3/replay");

        // then
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().getInstance()).hasToString("/api/dead-letters/3/replay");
    }

    @Test
    void aWrittenProblemIsTheSameJsonAControllerWouldAnswer() throws Exception {
        // given
        MockHttpServletResponse response = new MockHttpServletResponse();

        // when
        ProblemDetails.write(response, HttpStatus.FORBIDDEN, "csrf", "Forbidden", "X-CSRF-Token: missing",
                "/api/session", List.of(new InvalidField("X-CSRF-Token", "missing")));

        // then
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JsonNode body = JsonMapper.builder().build().readTree(response.getContentAsByteArray());
        assertThat(body.get("type").asString()).isEqualTo("https://refundflow.io/problems/csrf");
        assertThat(body.get("title").asString()).isEqualTo("Forbidden");
        assertThat(body.get("status").asInt()).isEqualTo(403);
        assertThat(body.get("detail").asString()).isEqualTo("X-CSRF-Token: missing");
        assertThat(body.get("instance").asString()).isEqualTo("/api/session");
        assertThat(body.get("errors").get(0).get("field").asString()).isEqualTo("X-CSRF-Token");
        assertThat(body.get("errors").get(0).get("reason").asString()).isEqualTo("missing");
    }

    @Test
    void aRenderedProblemWritesTheSameBytesAsWriteAtAnyInstance() throws Exception {
        // given a problem rendered once
        List<InvalidField> errors = List.of(new InvalidField("request", "at its limit"));
        ProblemDetails.Rendered rendered = ProblemDetails.render(HttpStatus.SERVICE_UNAVAILABLE, "overloaded",
                "Service overloaded", "request: at its limit", errors);

        for (String instance : List.of("/api/submissions", "/api/cases/\"7\"\\x/submissions", "/api/f\u00e4lle\u0001")) {
            // when it answers a request, and write answers the same problem
            MockHttpServletResponse answered = new MockHttpServletResponse();
            rendered.write(answered, instance);
            MockHttpServletResponse written = new MockHttpServletResponse();
            ProblemDetails.write(written, HttpStatus.SERVICE_UNAVAILABLE, "overloaded", "Service overloaded",
                    "request: at its limit", instance, errors);

            // then the two are the same answer, naming the instance
            assertThat(answered.getContentAsByteArray()).as(instance).isEqualTo(written.getContentAsByteArray());
            assertThat(answered.getStatus()).isEqualTo(503);
            assertThat(answered.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            assertThat(JsonMapper.builder().build().readTree(answered.getContentAsByteArray()).get("instance")
                    .asString()).isEqualTo(instance);
        }
    }
}
