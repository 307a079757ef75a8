package io.refundflow.notifier;

import static io.refundflow.notifier.Decisions.EVIDENCE_NOT_PROVIDED;
import static io.refundflow.notifier.Decisions.EVIDENCE_REQUESTED;
import static io.refundflow.notifier.Decisions.REASON;
import static io.refundflow.notifier.Decisions.REMEDY;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.DecisionHeader;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.EventType;
import io.refundflow.events.EvidenceRequested;
import io.refundflow.events.LocalizedText;
import io.refundflow.events.Money;
import io.refundflow.events.NotificationStatus;
import io.refundflow.events.Recipient;
import io.refundflow.events.RefundApproved;
import io.refundflow.events.RefundDecision;
import io.refundflow.events.RefundNotified;
import io.refundflow.events.RefundRejected;
import io.refundflow.events.ReviewOverdue;
import io.refundflow.events.Topics;
import io.refundflow.platform.ops.OpsMailbox;
import io.refundflow.testsupport.KafkaTestClient;
import io.refundflow.testsupport.RealInfrastructure;
import io.refundflow.testsupport.SmtpServer;
import io.refundflow.testsupport.WithRealInfrastructure;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * What the customer reads: one email per decision, in the customer's language, about that refund only; and what
 * the ops mailbox reads about a review past its due time.
 */
@SpringBootTest
@WithRealInfrastructure
@ActiveProfiles("test")
class DecisionEmailTest {

    private static final KafkaTestClient kafka = new KafkaTestClient();
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** How long no second email may follow the first for "one email" to hold. */
    private static final Duration SETTLE = Duration.ofSeconds(2);
    private static final Money CNY_100 = Money.of("100.00", "CNY");
    private static final Money USD_41_10 = Money.of("41.1", "USD");
    private static final String ASKED_IN_ENGLISH = "Please add the usage records of your server for November (CSV)";
    private static final String ASKED_IN_CHINESE = "请补充 11 月的服务器使用记录（CSV 文件）";

    private final SmtpServer smtp = RealInfrastructure.get().smtp();

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    OpsMailbox opsMailbox;

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    static Stream<Arguments> outcomes() {
        return Stream.of(
                outcome("approved", "en", (id, to) -> Decisions.approved(id, to, CNY_100),
                        "has been approved", List.of("100.00 CNY", REASON.en(), "3-5 business days",
                                "November 10, 2026")),
                outcome("approved", "zh", (id, to) -> Decisions.approved(id, to, CNY_100),
                        "已批准", List.of("100.00 CNY", REASON.zh(), "3-5 个工作日", "2026年11月10日")),
                outcome("rejected", "en", Decisions::rejected,
                        "was not approved", List.of(REASON.en(), "What you can do", REMEDY.en())),
                outcome("rejected", "zh", Decisions::rejected,
                        "未获批准", List.of(REASON.zh(), "您可以这样做", REMEDY.zh())),
                outcome("under manual review", "en", (id, to) -> Decisions.manualReview(id, to, USD_41_10),
                        "is being reviewed", List.of("reviewing it by hand", "41.10 USD", REASON.en())),
                outcome("under manual review", "zh", (id, to) -> Decisions.manualReview(id, to, USD_41_10),
                        "正在人工审核", List.of("人工审核", "41.10 USD", REASON.zh())),
                outcome("reviewed and approved", "en", (id, to) -> Decisions.reviewed(id, to, true, USD_41_10),
                        "approved after review", List.of("41.10 USD", "3-5 business days", "November 10, 2026")),
                outcome("reviewed and approved", "zh", (id, to) -> Decisions.reviewed(id, to, true, USD_41_10),
                        "经审核已批准", List.of("41.10 USD", "3-5 个工作日", "2026年11月10日")),
                outcome("reviewed and rejected", "en", (id, to) -> Decisions.reviewed(id, to, false, null),
                        "not approved after review", List.of("cannot approve it", REASON.en())),
                outcome("reviewed and rejected", "zh", (id, to) -> Decisions.reviewed(id, to, false, null),
                        "经审核未获批准", List.of("很抱歉未能批准", REASON.zh())),
                outcome("evidence requested", "en", (id, to) -> Decisions.evidenceRequested(id, to, ASKED_IN_ENGLISH),
                        "need more evidence", List.of("needs more evidence from you", EVIDENCE_REQUESTED.en(),
                                ASKED_IN_ENGLISH, "to your existing case", "November 10, 2026, 08:00 (UTC)",
                                "will be rejected")),
                outcome("evidence requested", "zh", (id, to) -> Decisions.evidenceRequested(id, to, ASKED_IN_CHINESE),
                        "需要补充材料", List.of("需要您补充更多材料", EVIDENCE_REQUESTED.zh(), ASKED_IN_CHINESE,
                                "补充到您原有的案件", "2026年11月10日 08:00（UTC 时间）", "将被拒绝")));
    }

    private static Arguments outcome(String name, String locale, BiFunction<String, Recipient, RefundDecision> decision,
            String subject, List<String> body) {
        return Arguments.of(name, locale, decision, subject, body);
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("outcomes")
    void eachOutcomeIsEmailedToTheCustomerInTheirLanguage(String name, String locale,
            BiFunction<String, Recipient, RefundDecision> decisionFor, String subjectPhrase, List<String> bodyPhrases)
            throws Exception {
        // given a decision for a customer whose billing record says they read this language
        Recipient customer = Decisions.customer(locale);
        RefundDecision decision = decisionFor.apply(Decisions.refundId(), customer);
        BillingCopy.holdsOrderOf(kafka, jdbc, decision);

        // when the evaluator publishes it
        kafka.publish(Decisions.event(decision));

        // then exactly that customer gets one email, and no second one follows, text and HTML, naming the case
        MimeMessage email = smtp.awaitOnlyMessagesTo(customer.email(), 1, SETTLE, PATIENCE).get(0);
        assertThat(email.getAllRecipients()).containsExactly(new InternetAddress(customer.email()));
        assertThat(Emails.subject(email))
                .contains(subjectPhrase)
                .contains(decision.header().caseNumber());
        assertThat(Emails.isAlternative(email)).isTrue();
        for (String body : List.of(Emails.text(email), Emails.html(email))) {
            assertThat(body).contains(decision.header().caseNumber()).contains(bodyPhrases);
        }
    }

    static Stream<Arguments> exchangeWording() {
        return Stream.of(
                Arguments.of("en", "exchange has been approved", List.of("arrange the replacement",
                        "No money is refunded", Decisions.EXCHANGE.en()), List.of("refund has been approved",
                        "Refund amount", "business days", "CNY", "USD")),
                Arguments.of("zh", "换货申请经审核已批准", List.of("安排更换", "不退还任何款项", Decisions.EXCHANGE.zh()),
                        List.of("退款申请经审核已批准", "退款金额", "工作日", "CNY", "USD")));
    }

    @ParameterizedTest(name = "in {0}")
    @MethodSource("exchangeWording")
    void anApprovedExchangeIsEmailedAsAnExchangeThatRefundsNoMoney(String locale, String subjectPhrase,
            List<String> bodyPhrases, List<String> moneyWords) {
        // given a reviewer approved the customer's exchange: the replacement is arranged, nothing is paid
        Recipient customer = Decisions.customer(locale);
        RefundDecision exchange = Decisions.exchangeApproved(Decisions.refundId(), customer);
        BillingCopy.holdsOrderOf(kafka, jdbc, exchange);

        // when the evaluator publishes it
        kafka.publish(Decisions.event(exchange));

        // then the customer reads that the exchange is approved and will be arranged, with no amount and no
        // promise of money
        MimeMessage email = smtp.awaitMessagesTo(customer.email(), 1, PATIENCE).get(0);
        assertThat(Emails.subject(email)).contains(subjectPhrase).contains(exchange.header().caseNumber());
        for (String body : List.of(Emails.text(email), Emails.html(email))) {
            assertThat(body).contains(exchange.header().caseNumber()).contains(bodyPhrases);
        }
        for (String content : List.of(Emails.subject(email), Emails.text(email), Emails.html(email))) {
            assertThat(content).doesNotContain(moneyWords);
        }
    }

    @Test
    void aPartnersRefundIdAppearsNowhereInTheCustomersEmailAndItsMarkupIsEscaped() {
        // given a partner chose the refund id, and the decision carries a reason with markup in it
        Recipient customer = Decisions.customer("en");
        String partnerWords = "URGENT-call-4001234567-payout-" + UUID.randomUUID().toString().substring(0, 8);
        RefundApproved approved = Decisions.approved(partnerWords, customer, CNY_100);
        DecisionHeader header = approved.header();
        RefundApproved decision = new RefundApproved(new DecisionHeader(header.refundId(), header.caseNumber(),
                "o-" + UUID.randomUUID(), customer, header.decidedAt(), header.policyVersion(), header.ruleId(),
                header.reasonCode(),
                new LocalizedText("<a href=\"http://payout.example\">claim</a> & call", "<b>请致电</b>")),
                approved.refundAmount());
        BillingCopy.holdsOrderOf(kafka, jdbc, decision);

        // when the evaluator publishes the decision
        kafka.publish(Decisions.event(decision));

        // then the email names the case intake assigned, never the partner's refund id
        MimeMessage email = smtp.awaitMessagesTo(customer.email(), 1, PATIENCE).get(0);
        for (String content : List.of(Emails.subject(email), Emails.text(email), Emails.html(email))) {
            assertThat(content).contains(header.caseNumber()).doesNotContain("URGENT").doesNotContain("4001234567");
        }
        // and the HTML part shows the reason as text, not as markup
        assertThat(Emails.html(email)).contains("&lt;a href=&quot;http://payout.example&quot;&gt;claim&lt;/a&gt; &amp; call")
                .doesNotContain("<a href=\"http://payout.example");
    }

    @Test
    void aDecisionWithoutCaseNumberNamesTheOrderAndNeverTheRefundId() {
        // given a decision no case number came with
        Recipient customer = Decisions.customer("zh");
        RefundRejected named = Decisions.rejected(Decisions.refundId(), customer);
        DecisionHeader header = named.header();
        RefundRejected withoutCase = new RefundRejected(new DecisionHeader(header.refundId(), null,
                "o-" + UUID.randomUUID(), customer, header.decidedAt(), header.policyVersion(), header.ruleId(),
                header.reasonCode(), header.reason()), named.remedy());
        BillingCopy.holdsOrderOf(kafka, jdbc, withoutCase);

        // when
        kafka.publish(Decisions.event(withoutCase));

        // then the customer reads about their request on that order
        MimeMessage email = smtp.awaitMessagesTo(customer.email(), 1, PATIENCE).get(0);
        assertThat(Emails.subject(email)).contains("订单 " + withoutCase.header().orderId() + " 的申请");
        for (String content : List.of(Emails.subject(email), Emails.text(email), Emails.html(email))) {
            assertThat(content).contains(withoutCase.header().orderId()).doesNotContain(withoutCase.refundId())
                    .doesNotContain("null");
        }
    }

    @Test
    void anEvidenceRequestLeftUnansweredEndsInARejectionEmailForTheSameCase() {
        // given the customer was asked for evidence and emailed about it
        Recipient customer = Decisions.customer("zh");
        EvidenceRequested request = Decisions.evidenceRequested(Decisions.refundId(), customer, ASKED_IN_CHINESE);
        BillingCopy.holdsOrderOf(kafka, jdbc, request);
        kafka.publish(Decisions.event(request));
        smtp.awaitMessagesTo(customer.email(), 1, PATIENCE);

        // when no files came by the deadline and the refund is rejected for it
        kafka.publish(Decisions.event(Decisions.evidenceNotProvided(request)));

        // then a second email tells the customer the request was rejected after review, and why
        List<MimeMessage> emails = smtp.awaitMessagesTo(customer.email(), 2, PATIENCE);
        assertThat(emails).extracting(Emails::subject).satisfiesExactly(
                first -> assertThat(first).contains("需要补充材料"),
                second -> assertThat(second).contains("经审核未获批准").contains(request.header().caseNumber()));
        for (String body : List.of(Emails.text(emails.get(1)), Emails.html(emails.get(1)))) {
            assertThat(body).contains("很抱歉未能批准").contains(EVIDENCE_NOT_PROVIDED.zh())
                    .contains(request.header().caseNumber());
        }
    }

    @Test
    void anOverdueReviewIsEmailedToTheOpsMailboxWithTheDueTimeAndWhoHoldsIt() throws Exception {
        // given a review claimed by ops-7, due at 07:45 UTC, escalated to the ops mailbox as the evaluator does
        OpsMailbox ops = opsMailbox;
        ReviewOverdue overdue = Decisions.reviewOverdue(Decisions.refundId(),
                new Recipient(ops.id(), ops.email(), "en"), "CLAIMED", "ops-7");
        EventEnvelope<?> event = Decisions.event(overdue);

        // when
        kafka.publish(event);

        // then the ops mailbox (and only it) gets an email saying it is overdue, since when, and who holds it
        MimeMessage email = Emails.awaitEmailFor(smtp, ops.email(), event, PATIENCE);
        assertThat(email.getAllRecipients()).containsExactly(new InternetAddress(ops.email()));
        assertThat(Emails.subject(email)).contains("overdue").contains(overdue.header().caseNumber());
        for (String body : List.of(Emails.text(email), Emails.html(email))) {
            assertThat(body).contains("was due at November 3, 2026, 07:45 (UTC)")
                    .contains("Claimed by a reviewer").contains("ops-7")
                    .contains("Manual review tab")
                    .doesNotContain("Refund amount");
        }
    }

    @Test
    void theMessageIdIsDerivedFromTheDecisionEventId() {
        // given
        Recipient customer = Decisions.customer("en");
        RefundDecision decision = Decisions.approved(Decisions.refundId(), customer, CNY_100);
        BillingCopy.holdsOrderOf(kafka, jdbc, decision);
        EventEnvelope<?> event = Decisions.event(decision);

        // when
        kafka.publish(event);

        // then
        MimeMessage email = smtp.awaitMessagesTo(customer.email(), 1, PATIENCE).get(0);
        assertThat(Emails.messageId(email)).isEqualTo("<" + event.id() + "@refundflow.notifier>");
    }

    @Test
    void eachEmailCarriesOnlyItsOwnCustomersRefund() {
        // given two customers' decisions, published back to back
        Recipient alice = Decisions.customer("en");
        Recipient bob = Decisions.customer("zh");
        RefundDecision forAlice = Decisions.approved(Decisions.refundId(), alice, Money.of("12.34", "CNY"));
        RefundDecision forBob = Decisions.approved(Decisions.refundId(), bob, Money.of("56.78", "USD"));
        BillingCopy.holdsOrderOf(kafka, jdbc, forAlice);
        BillingCopy.holdsOrderOf(kafka, jdbc, forBob);

        // when
        kafka.publish(Decisions.event(forAlice));
        kafka.publish(Decisions.event(forBob));

        // then each email names only its own refund, case, order and amount
        MimeMessage toAlice = smtp.awaitMessagesTo(alice.email(), 1, PATIENCE).get(0);
        MimeMessage toBob = smtp.awaitMessagesTo(bob.email(), 1, PATIENCE).get(0);
        assertOnlyAbout(toAlice, forAlice, forBob, "12.34 CNY", "56.78 USD");
        assertOnlyAbout(toBob, forBob, forAlice, "56.78 USD", "12.34 CNY");
    }

    @Test
    void aSentEmailIsAnnouncedOnTheNotificationsTopic() {
        // given
        Recipient customer = Decisions.customer("zh");
        RefundDecision decision = Decisions.rejected(Decisions.refundId(), customer);
        BillingCopy.holdsOrderOf(kafka, jdbc, decision);
        EventEnvelope<?> event = Decisions.event(decision);

        // when
        kafka.publish(event);

        // then intake and the dashboard learn that it was sent, and when
        smtp.awaitMessagesTo(customer.email(), 1, PATIENCE);
        RefundNotified notified = (RefundNotified) kafka.awaitEvents(Topics.NOTIFICATIONS, event.subject(), 1,
                PATIENCE).get(0).data();
        assertThat(notified.status()).isEqualTo(NotificationStatus.SENT);
        assertThat(notified.decisionEventId()).isEqualTo(event.id());
        assertThat(notified.decisionType()).isEqualTo(EventType.REFUND_REJECTED.ceType());
        assertThat(notified.channel()).isEqualTo("EMAIL");
        assertThat(notified.occurredAt()).isNotNull();
        assertThat(notified.detail()).isNull();
    }

    private static void assertOnlyAbout(MimeMessage email, RefundDecision own, RefundDecision other,
            String ownAmount, String otherAmount) {
        for (String content : List.of(Emails.subject(email), Emails.text(email), Emails.html(email))) {
            DecisionHeader others = other.header();
            assertThat(content).contains(own.header().caseNumber())
                    .doesNotContain(others.refundId(), others.caseNumber(), others.orderId(), otherAmount,
                            others.recipient().email(), others.recipient().customerId());
        }
        assertThat(Emails.text(email)).contains(ownAmount);
    }
}
