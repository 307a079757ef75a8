package io.refundflow.intake;

import static io.refundflow.intake.Fixtures.applicationJson;
import static io.refundflow.intake.Fixtures.contactJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.refundflow.events.BillingOrder;
import io.refundflow.events.DecisionHeader;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.LocalizedText;
import io.refundflow.events.ManualReviewRequired;
import io.refundflow.events.Money;
import io.refundflow.events.NotificationStatus;
import io.refundflow.events.Recipient;
import io.refundflow.events.RefundApproved;
import io.refundflow.events.RefundNotified;
import io.refundflow.events.RefundRejected;
import io.refundflow.events.RefundReviewed;
import io.refundflow.platform.security.DemoTokens;
import io.refundflow.testsupport.KafkaTestClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** The case's status and timeline follow the decision and notification topics. */
@IntakeTest
class StatusTimelineTest {

    private static final KafkaTestClient kafka = new KafkaTestClient();
    private static final Clock CLOCK = Clock.systemUTC();
    private static final LocalizedText REASON = new LocalizedText("inside the 5-day guarantee", "在5天保障期内");

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;
    @Autowired
    JdbcTemplate jdbc;

    Api api;
    String token;

    @BeforeEach
    void client() {
        api = new Api(port);
        token = tokens.customer("c-1");
    }

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    @Test
    void anApprovalShowsAsApprovedWithTheRefundAmountAndTheNotificationAsNotified() {
        Submitted submitted = submitted("en");

        kafka.publish(EventEnvelope.of("policy-evaluator", new RefundApproved(
                new DecisionHeader(submitted.refundId(), submitted.caseNumber(),
                submitted.orderId(), recipient(), CLOCK.instant(), "2026.11", "saas-guarantee", "WITHIN_GUARANTEE",
                REASON), Money.of("199.00", "CNY")), CLOCK));
        JsonNode approved = awaitCase(submitted.caseId(), c -> "APPROVED".equals(c.get("status").asString()));

        JsonNode reviewed = approved.get("timeline").get(2);
        assertThat(reviewed.get("step").asString()).isEqualTo("REVIEWED");
        assertThat(reviewed.get("done").asBoolean()).isTrue();
        assertThat(reviewed.get("outcome").asString()).isEqualTo("APPROVED");
        assertThat(reviewed.get("refundAmount").get("amount").asString()).isEqualTo("199.00");
        assertThat(reviewed.get("refundAmount").get("currency").asString()).isEqualTo("CNY");
        assertThat(reviewed.get("reason").asString()).isEqualTo("inside the 5-day guarantee");
        assertThat(approved.get("timeline").get(3).get("done").asBoolean()).isFalse();

        kafka.publish(EventEnvelope.of("notifier", new RefundNotified(submitted.refundId(), "decision-1",
                "io.refundflow.refund.approved.v1", NotificationStatus.SENT, "EMAIL", CLOCK.instant(), null), CLOCK));
        JsonNode notified = awaitCase(submitted.caseId(), c -> c.get("timeline").get(3).get("done").asBoolean());

        assertThat(notified.get("timeline").get(3).get("step").asString()).isEqualTo("NOTIFIED");
        assertThat(notified.get("timeline").get(3).get("outcome").asString()).isEqualTo("SENT");
        assertThat(notified.get("status").asString()).isEqualTo("APPROVED");
    }

    @Test
    void aFailedEmailShowsTheCustomerAPlainReasonAndNotTheMailServersReply() {
        // given an approved application
        Submitted submitted = submitted("en");
        kafka.publish(EventEnvelope.of("policy-evaluator", new RefundApproved(
                new DecisionHeader(submitted.refundId(), submitted.caseNumber(),
                submitted.orderId(), recipient(), CLOCK.instant(), "2026.11", "saas-guarantee", "WITHIN_GUARANTEE",
                REASON), Money.of("199.00", "CNY")), CLOCK));
        awaitCase(submitted.caseId(), c -> "APPROVED".equals(c.get("status").asString()));

        // when the email could not be sent and the notifier passes on the mail server's reply
        String serverReply = "550 5.1.1 <billing-contact@corp.example>: Recipient address rejected by mx1.internal.example";
        kafka.publish(EventEnvelope.of("notifier", new RefundNotified(submitted.refundId(), "decision-1",
                "io.refundflow.refund.approved.v1", NotificationStatus.FAILED, "EMAIL", CLOCK.instant(), serverReply),
                CLOCK));
        JsonNode notified = awaitCase(submitted.caseId(), c -> c.get("timeline").get(3).get("done").asBoolean());

        // then the customer reads a plain sentence, without the server, the address or the code
        JsonNode step = notified.get("timeline").get(3);
        assertThat(step.get("outcome").asString()).isEqualTo("FAILED");
        assertThat(step.get("detail").asString()).isEqualTo("We could not send you an email. The result is shown on this page.");
        assertThat(notified.toString()).doesNotContain("internal.example").doesNotContain("corp.example")
                .doesNotContain("Recipient address rejected");
    }

    @Test
    void aFailedEmailIsExplainedInTheCustomersLanguage() {
        Submitted submitted = submitted("zh");

        kafka.publish(EventEnvelope.of("notifier", new RefundNotified(submitted.refundId(), "decision-1",
                "io.refundflow.refund.approved.v1", NotificationStatus.FAILED, "EMAIL", CLOCK.instant(),
                "421 mx1.internal.example service not available"), CLOCK));
        JsonNode notified = awaitCase(submitted.caseId(), c -> c.get("timeline").get(3).get("done").asBoolean());

        assertThat(notified.get("timeline").get(3).get("detail").asString()).isEqualTo("我们未能向您发送电子邮件。结果显示在此页面上。");
    }

    @Test
    void aManualReviewShowsAsUnderReviewUntilTheReviewerDecides() {
        Submitted submitted = submitted("zh");

        kafka.publish(EventEnvelope.of("policy-evaluator", new ManualReviewRequired(
                new DecisionHeader(submitted.refundId(),
                submitted.caseNumber(), submitted.orderId(), recipient(), CLOCK.instant(), "2026.11", "server-claim",
                "EVIDENCE_CHECK", REASON), Money.of("50.00", "CNY")), CLOCK));
        JsonNode underReview = awaitCase(submitted.caseId(), c -> "UNDER_REVIEW".equals(c.get("status").asString()));
        assertThat(underReview.get("timeline").get(2).get("reason").asString()).as("in the customer's language")
                .isEqualTo("在5天保障期内");

        kafka.publish(EventEnvelope.of("policy-evaluator", new RefundReviewed(new DecisionHeader(submitted.refundId(),
                submitted.caseNumber(), submitted.orderId(), recipient(), CLOCK.instant(), "2026.11", "manual",
                "REVIEWED", REASON), true, Money.of("45.50", "CNY"), "ops-1", null, false), CLOCK));
        JsonNode approved = awaitCase(submitted.caseId(), c -> "APPROVED".equals(c.get("status").asString()));

        assertThat(approved.get("timeline").get(2).get("refundAmount").get("amount").asString()).isEqualTo("45.50");
        assertThat(approved.get("history")).extracting(step -> step.get("outcome").asString(null))
                .contains("UNDER_REVIEW", "APPROVED");
    }

    @Test
    void anApprovedExchangeShowsAsExchangeApprovedWithNoAmount() {
        // given an exchange a person reviews
        Submitted submitted = submitted("zh");
        kafka.publish(EventEnvelope.of("policy-evaluator", new ManualReviewRequired(
                new DecisionHeader(submitted.refundId(),
                submitted.caseNumber(), submitted.orderId(), recipient(), CLOCK.instant(), "2026.11",
                "exchange.manual-review", "EXCHANGE_REVIEW", REASON), null), CLOCK));
        awaitCase(submitted.caseId(), c -> "UNDER_REVIEW".equals(c.get("status").asString()));

        // when the reviewer approves the exchange
        kafka.publish(EventEnvelope.of("policy-evaluator", new RefundReviewed(new DecisionHeader(submitted.refundId(),
                submitted.caseNumber(), submitted.orderId(), recipient(), CLOCK.instant(), "2026.11",
                "exchange.manual-review", RefundReviewed.EXCHANGE_APPROVED, REASON), true, null, "ops-1", null, true),
                CLOCK));
        JsonNode decided = awaitCase(submitted.caseId(), c -> !"UNDER_REVIEW".equals(c.get("status").asString()));

        // then the case says the exchange was approved, with no amount: nothing is paid back
        assertThat(decided.get("status").asString()).isEqualTo("EXCHANGE_APPROVED");
        JsonNode reviewed = decided.get("timeline").get(2);
        assertThat(reviewed.get("outcome").asString()).isEqualTo("EXCHANGE_APPROVED");
        assertThat(reviewed.hasNonNull("refundAmount")).as("an exchange has no refund amount").isFalse();
        assertThat(reviewed.get("reason").asString()).isEqualTo("在5天保障期内");
        assertThat(decided.get("history")).extracting(step -> step.get("outcome").asString(null))
                .contains("UNDER_REVIEW", "EXCHANGE_APPROVED");
    }

    @Test
    void aCaseRejectedWithARemedyCanBeSubmittedAgainUnderANewRefundId() {
        Submitted submitted = submitted("en");
        kafka.publish(EventEnvelope.of("policy-evaluator", new RefundRejected(new DecisionHeader(submitted.refundId(),
                submitted.caseNumber(), submitted.orderId(), recipient(), CLOCK.instant(), "2026.11", "image-in-use",
                "IMAGE_IN_USE", new LocalizedText("the image is in use", "镜像正在使用")),
                new LocalizedText("stop the server, then apply again", "停止服务器后重新申请")), CLOCK));
        JsonNode rejected = awaitCase(submitted.caseId(), c -> "REJECTED".equals(c.get("status").asString()));
        assertThat(rejected.get("resubmittable").asBoolean()).isTrue();
        assertThat(rejected.get("timeline").get(2).get("remedy").asString())
                .isEqualTo("stop the server, then apply again");

        Api.Response resubmitted = api.postMultipart(token, Api.newKey(), Api.submitPath(submitted.caseId()),
                applicationJson(), List.of());

        assertThat(resubmitted.status()).isEqualTo(202);
        JsonNode again = resubmitted.json();
        assertThat(again.get("status").asString()).isEqualTo("SUBMITTED");
        assertThat(again.get("refundId").asString()).isNotEqualTo(submitted.refundId());
        assertThat(again.get("caseNumber").asString()).isEqualTo(submitted.caseNumber());
        assertThat(again.get("timeline").get(2).get("done").asBoolean()).as("the new request is not reviewed yet")
                .isFalse();
    }

    @Test
    void aCaseRejectedWithoutARemedyCannotBeSubmittedAgain() {
        Submitted submitted = submitted("en");
        kafka.publish(EventEnvelope.of("policy-evaluator", new RefundRejected(new DecisionHeader(submitted.refundId(),
                submitted.caseNumber(), submitted.orderId(), recipient(), CLOCK.instant(), "2026.11", "api-download",
                "NOT_REFUNDABLE", new LocalizedText("not refundable", "不可退款")), null), CLOCK));
        awaitCase(submitted.caseId(), c -> "REJECTED".equals(c.get("status").asString()));

        Api.Response response = api.postMultipart(token, Api.newKey(), Api.submitPath(submitted.caseId()),
                applicationJson(), List.of());

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().get("detail").asString()).contains("without a remedy");
    }

    private record Submitted(String caseId, String caseNumber, String orderId, String refundId) {
    }

    private Submitted submitted(String locale) {
        BillingOrder order = Fixtures.publishOrder(kafka, jdbc, "c-1", locale);
        JsonNode opened = api.postJson(token, Api.newKey(), "/api/cases", contactJson(order.orderId())).json();
        String caseId = opened.get("caseId").asString();
        JsonNode submitted = api.postMultipart(token, Api.newKey(), Api.submitPath(caseId), applicationJson(),
                List.of()).json();
        return new Submitted(caseId, opened.get("caseNumber").asString(), order.orderId(),
                submitted.get("refundId").asString());
    }

    private JsonNode awaitCase(String caseId, Predicate<JsonNode> condition) {
        JsonNode[] latest = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            latest[0] = api.get(token, "/api/cases/" + caseId).json();
            return condition.test(latest[0]);
        });
        return latest[0];
    }

    private static Recipient recipient() {
        return new Recipient("c-1", "c-1@example.com", "en");
    }
}
