package io.refundflow.platform.web.problems;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

class UnexpectedFailuresTest {

    private final MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/cases/c-1/submission");

    @Test
    void aDatabaseOutageIsA503WithRetryAfterSayingNothingWasAccepted() {
        // given
        Exception outage = new DataAccessResourceFailureException("pool exhausted",
                new SQLTransientConnectionException("Connection is not available"));

        // when
        ResponseEntity<ProblemDetail> answer = UnexpectedFailures.answer(outage, request, Duration.ofSeconds(5),
                "unused for an outage");

        // then
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getBody().getType()).hasToString("https://refundflow.io/problems/service-unavailable");
        assertThat(answer.getBody().getDetail()).contains("NOT accepted");
        assertThat(answer.getBody().getInstance()).hasToString("/api/cases/c-1/submission");
    }

    @Test
    void anyOtherFailureIsA500ThatTellsTheClientOnlyWhatTheServiceChose() {
        // given
        Exception bug = new IllegalStateException("secret internals: table intake.refund_case");

        // when
        ResponseEntity<ProblemDetail> answer = UnexpectedFailures.answer(bug, request, Duration.ofSeconds(5),
                "the request could not be completed; it has been logged");

        // then
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(answer.getBody().getType()).hasToString("https://refundflow.io/problems/internal-error");
        assertThat(answer.getBody().getTitle()).isEqualTo("Internal error");
        assertThat(answer.getBody().getDetail()).isEqualTo("the request could not be completed; it has been logged");
        assertThat(answer.getHeaders().containsHeader(HttpHeaders.RETRY_AFTER)).isFalse();
    }
}
