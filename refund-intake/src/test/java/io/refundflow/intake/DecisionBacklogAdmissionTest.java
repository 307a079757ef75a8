package io.refundflow.intake;

import static io.refundflow.intake.Fixtures.applicationJson;
import static io.refundflow.intake.Fixtures.contactJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.Money;
import io.refundflow.platform.security.DemoTokens;
import io.refundflow.testsupport.KafkaTestClient;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Submissions are refused while too many refunds wait for their decision: with a bound of three, three refunds
 * submitted and undecided shut the door for the next submission (503, Retry-After, nothing accepted) and for nothing
 * else; a decision, or the window passing over a submission, opens it again. No evaluator runs here: a case stays
 * SUBMITTED until the test publishes its decision.
 */
@IntakeTest
@TestPropertySource(properties = {
        "refund.intake.admission.max-undecided=" + DecisionBacklogAdmissionTest.BOUND,
        "refund.intake.admission.undecided-window=1m",
        // every submission counts afresh, so that each step of a test sees the one before it; the sampling has its
        // own test (admission.DecisionBacklogTest)
        "refund.intake.admission.undecided-sample-interval=0s",
        "refund.intake.admission.retry-after=2s"})
class DecisionBacklogAdmissionTest {

    static final int BOUND = 3;
    private static final String ONE_CALL = "/api/submissions";
    /** {@link #ONE_CALL} with its 'm' percent-encoded: the same route to Spring MVC, which matches decoded paths. */
    private static final String ENCODED_ONE_CALL = "/api/sub%6Dissions";
    private static final KafkaTestClient kafka = new KafkaTestClient();

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;

    Api api;

    @BeforeEach
    void noOtherTestsRefundsWaitInTheWindow() {
        api = new Api(port);
        // the database is the run's, shared with the other test classes, whose submissions stay SUBMITTED (no
        // evaluator decides them): moved out of the window, they are as good as a request parked for hours
        jdbc.update("update refund_case set updated_at = updated_at - interval '1 day' where status = 'SUBMITTED'"
                + " and updated_at > now() - interval '1 day'");
    }

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    @Test
    void atTheBoundTheNextSubmissionIsAnswered503WithRetryAfterAndNothingIsAccepted() {
        // given as many refunds submitted and waiting for their decision as the bound
        List<Submitted> waiting = fillTheBacklog();

        // when another customer opens a case and submits in one call
        Customer next = customer();
        double refusedBefore = refusedForTheBacklog();
        Api.Response refused = oneCall(next);

        // then it is answered 503 at once with Retry-After, as a problem naming the backlog and the bound
        assertThat(refused.status()).as(refused.text()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isEqualTo("2");
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("type").asString()).endsWith("/overloaded");
        assertThat(refused.json().get("instance").asString()).isEqualTo(ONE_CALL);
        JsonNode error = refused.json().get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("request");
        assertThat(error.get("reason").asString())
                .isEqualTo(BOUND + " refunds are waiting for their decision; at most " + BOUND + " are taken at a time");
        // and nothing of it was accepted: no case on its order, no more refunds waiting than before
        assertThat(casesOn(next.order())).isZero();
        assertThat(waiting).hasSize(BOUND);
        // and the refusal is counted apart from the others, beside the backlog it saw
        assertThat(refusedForTheBacklog()).isEqualTo(refusedBefore + 1);
        assertThat(meters.get("refund.intake.admission.undecided").gauge().value()).isEqualTo(BOUND);
    }

    private double refusedForTheBacklog() {
        return meters.get("refund.intake.admission.refused").tag("limit", "undecided").counter().count();
    }

    @Test
    void atTheBoundTheSubmitOfTheTwoCallFormIsRefusedWhileContactReadsAndEvidencePass() {
        // given as many refunds waiting for their decision as the bound
        fillTheBacklog();
        Customer next = customer();

        // when a customer opens a case (the contact call), reads it, adds evidence to it and submits on it
        String caseId = openedByContact(next);
        Api.Response read = api.get(next.token(), "/api/cases/" + caseId);
        Api.Response evidence = api.postMultipart(next.token(), Api.newKey(), Api.evidencePath(caseId), null,
                List.of(new Api.FilePart("evidence", "screenshot.png", "image/png", Fixtures.PNG)));
        Api.Response submitted = api.postMultipart(next.token(), Api.newKey(), Api.submitPath(caseId),
                applicationJson(), List.of());

        // then the read is served, and the evidence meets its own rule (no reviewer asked for any), not the backlog
        assertThat(read.status()).as(read.text()).isEqualTo(200);
        assertThat(evidence.status()).as(evidence.text()).isEqualTo(409);
        // and only the submit is refused, 503 with Retry-After, leaving the case as it was
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(503);
        assertThat(submitted.header("Retry-After")).isEqualTo("2");
        assertThat(submitted.json().get("errors").get(0).get("field").asString()).isEqualTo("request");
        assertThat(api.get(next.token(), "/api/cases/" + caseId).json().get("status").asString())
                .isEqualTo("CONTACTED");
        assertThat(jdbc.queryForObject("select count(*) from submission where case_id = ?", Integer.class, caseId))
                .isZero();
    }

    @Test
    void atTheBoundAPercentEncodedSpellingOfEitherSubmissionIsRefusedToo() {
        // given as many refunds waiting for their decision as the bound, and a customer's case opened by contact
        fillTheBacklog();
        Customer next = customer();
        String caseId = openedByContact(next);

        // when both submissions are sent to a spelling of their path that Spring MVC routes to the same controller
        Api.Response oneCall = api.postJson(next.token(), Api.newKey(), ENCODED_ONE_CALL,
                OpenAndSubmitTest.requestJson(next.order().orderId(), "UNSATISFIED"));
        Api.Response submit = api.postMultipart(next.token(), Api.newKey(),
                "/api/cases/" + caseId + "/sub%6Dissions", applicationJson(), List.of());

        // then both are refused for the backlog as the plain spellings are, and nothing is accepted
        assertThat(oneCall.status()).as(oneCall.text()).isEqualTo(503);
        assertThat(oneCall.json().get("instance").asString()).isEqualTo(ENCODED_ONE_CALL);
        assertThat(submit.status()).as(submit.text()).isEqualTo(503);
        assertThat(submit.header("Retry-After")).isEqualTo("2");
        assertThat(jdbc.queryForObject("select count(*) from submission where case_id = ?", Integer.class, caseId))
                .isZero();
        assertThat(casesOn(next.order())).isEqualTo(1);
    }

    @Test
    void aSubmissionOlderThanTheWindowDoesNotCount() {
        // given the bound reached, and then one of those submissions left waiting longer than the window
        List<Submitted> waiting = fillTheBacklog();
        jdbc.update("update refund_case set updated_at = updated_at - interval '2 minutes' where case_id = ?",
                waiting.get(0).caseId());

        // when another customer submits
        Customer next = customer();
        Api.Response answer = oneCall(next);

        // then it is accepted: only the recent submissions are load
        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        assertThat(casesOn(next.order())).isEqualTo(1);
    }

    @Test
    void onceADecisionArrivesSubmissionsAreAcceptedAgain() {
        // given the bound reached and a submission refused
        List<Submitted> waiting = fillTheBacklog();
        Customer refused = customer();
        assertThat(oneCall(refused).status()).isEqualTo(503);

        // when the review step decides one of the waiting refunds (the case leaves SUBMITTED)
        Submitted decided = waiting.get(0);
        new CaseFlow(api, decided.customer().token(), kafka).approved(decided.flow(), Money.of("10.00", "CNY"));

        // then the refused customer's retry is accepted
        Api.Response retried = oneCall(refused);
        assertThat(retried.status()).as(retried.text()).isEqualTo(201);
        assertThat(casesOn(refused.order())).isEqualTo(1);
    }

    private record Customer(String token, BillingOrder order) {
    }

    private record Submitted(Customer customer, CaseFlow.Submitted flow) {
        String caseId() {
            return flow.caseId();
        }
    }

    /** Refunds submitted by as many customers as the bound, each accepted and waiting for its decision. */
    private List<Submitted> fillTheBacklog() {
        return java.util.stream.IntStream.range(0, BOUND).mapToObj(i -> {
            Customer c = customer();
            Api.Response answer = oneCall(c);
            assertThat(answer.status()).as(answer.text()).isEqualTo(201);
            JsonNode receipt = answer.json();
            return new Submitted(c, new CaseFlow.Submitted(receipt.get("caseId").asString(),
                    receipt.get("caseNumber").asString(), c.order().orderId(), receipt.get("refundId").asString()));
        }).toList();
    }

    private Api.Response oneCall(Customer c) {
        return api.postJson(c.token(), Api.newKey(), ONE_CALL,
                OpenAndSubmitTest.requestJson(c.order().orderId(), "UNSATISFIED"));
    }

    /** The case the customer's contact call opened: served at the bound, as the rest needs its case. */
    private String openedByContact(Customer c) {
        Api.Response opened = api.postJson(c.token(), Api.newKey(), "/api/cases", contactJson(c.order().orderId()));
        assertThat(opened.status()).as(opened.text()).isEqualTo(201);
        return opened.json().get("caseId").asString();
    }

    private Customer customer() {
        String id = "c-backlog-" + UUID.randomUUID();
        return new Customer(tokens.customer(id), Fixtures.publishOrder(kafka, jdbc, id, "en"));
    }

    private int casesOn(BillingOrder order) {
        return jdbc.queryForObject("select count(*) from refund_case where order_id = ?", Integer.class,
                order.orderId());
    }
}
