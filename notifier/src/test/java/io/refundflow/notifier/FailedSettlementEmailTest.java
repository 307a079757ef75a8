package io.refundflow.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.refundflow.events.BillingRefund;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.EventType;
import io.refundflow.events.Money;
import io.refundflow.events.NotificationStatus;
import io.refundflow.events.Recipient;
import io.refundflow.events.RefundApproved;
import io.refundflow.events.RefundNotified;
import io.refundflow.events.SettlementStatus;
import io.refundflow.events.Topics;
import io.refundflow.testsupport.KafkaTestClient;
import io.refundflow.testsupport.RealInfrastructure;
import io.refundflow.testsupport.SmtpServer;
import io.refundflow.testsupport.WithRealInfrastructure;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/** When billing cannot pay back an approved refund, the customer is told by a short email; otherwise not. */
@SpringBootTest
@WithRealInfrastructure
@ActiveProfiles("test")
class FailedSettlementEmailTest {

    private static final KafkaTestClient kafka = new KafkaTestClient();
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Money CNY_199 = Money.of("199.00", "CNY");
    private static final Instant FAILED_AT = Instant.parse("2026-11-05T10:00:00Z");
    private static final String BILLING_REASON = "the card used for the payment has been closed";

    private final SmtpServer smtp = RealInfrastructure.get().smtp();

    @Autowired
    JdbcTemplate jdbc;

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    @Test
    void aFailedSettlementOfAnApprovedRefundIsEmailedToTheOrdersCustomerWithBillingsReason() throws Exception {
        // given a customer who was emailed the approval
        Recipient customer = Decisions.customer("en");
        RefundApproved approval = approvalEmailed(customer);

        // when billing reports that it could not pay it back
        EventEnvelope<?> failed = settlement(approval, SettlementStatus.FAILED, BILLING_REASON);
        kafka.publish(failed);

        // then the customer gets a second email: what failed, why, and what happens next
        MimeMessage email = smtp.awaitMessagesTo(customer.email(), 2, PATIENCE).get(1);
        assertThat(email.getAllRecipients()).containsExactly(new InternetAddress(customer.email()));
        assertThat(Emails.messageId(email)).isEqualTo("<" + failed.id() + "@refundflow.notifier>");
        assertThat(Emails.subject(email)).contains("could not pay back").contains(approval.header().caseNumber())
                .doesNotContain(approval.refundId());
        for (String body : List.of(Emails.text(email), Emails.html(email))) {
            assertThat(body).contains("199.00 CNY", approval.header().orderId(), BILLING_REASON, "requested again",
                    "November 5, 2026");
        }

        // and it is announced like every email
        List<EventEnvelope<?>> notifications = kafka.awaitEvents(Topics.NOTIFICATIONS, approval.refundId(), 2,
                PATIENCE);
        RefundNotified notified = notifications.stream().map(n -> (RefundNotified) n.data())
                .filter(n -> n.decisionEventId().equals(failed.id())).findFirst().orElseThrow();
        assertThat(notified.status()).isEqualTo(NotificationStatus.SENT);
        assertThat(notified.decisionType()).isEqualTo(EventType.BILLING_REFUND.ceType());
    }

    @Test
    void theFailedSettlementEmailIsInTheLanguageOfTheApproval() {
        // given
        Recipient customer = Decisions.customer("zh");
        RefundApproved approval = approvalEmailed(customer);

        // when
        kafka.publish(settlement(approval, SettlementStatus.FAILED, "银行卡已注销"));

        // then
        MimeMessage email = smtp.awaitMessagesTo(customer.email(), 2, PATIENCE).get(1);
        assertThat(Emails.subject(email)).contains("未能退回");
        assertThat(Emails.text(email)).contains("银行卡已注销", "再次申请");
    }

    @Test
    void anExecutedSettlementNeedsNoEmail() {
        // given
        Recipient customer = Decisions.customer("en");
        RefundApproved approval = approvalEmailed(customer);

        // when billing executed it, and then reports another refund of the order (the same key, so read after it)
        EventEnvelope<?> executed = settlement(approval, SettlementStatus.EXECUTED, null);
        kafka.publish(executed);
        EventEnvelope<?> later = EventEnvelope.of("billing", new BillingRefund(Decisions.refundId(),
                approval.header().orderId(), approval.refundAmount(), SettlementStatus.FAILED, "card closed",
                FAILED_AT),
                Clock.systemUTC());
        kafka.publish(later);

        // then nothing is written for the executed one, not even its dedupe record: no commit for billing's
        // ordinary traffic
        awaitConsumed(later);
        assertThat(emailsFor(executed)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from processed_event where event_id = ?", Integer.class,
                executed.id())).isZero();
        assertThat(smtp.messagesTo(customer.email())).hasSize(1);
    }

    @Test
    void aRedeliveredFailedSettlementIsEmailedOnce() {
        // given
        Recipient customer = Decisions.customer("en");
        RefundApproved approval = approvalEmailed(customer);
        EventEnvelope<?> failed = settlement(approval, SettlementStatus.FAILED, BILLING_REASON);

        // when billing's event arrives twice
        kafka.publish(failed);
        kafka.publish(failed);

        // then
        smtp.awaitMessagesTo(customer.email(), 2, PATIENCE);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> smtp.messagesTo(customer.email()).size() == 2);
        assertThat(emailsFor(failed)).isOne();
    }

    @Test
    void aFailedSettlementOfARefundNeverAnnouncedAsApprovedIsNotEmailed() {
        // given an order whose customer was emailed nothing (a refund billing made by hand, say)
        Recipient customer = Decisions.customer("en");
        String refundId = Decisions.refundId();
        BillingCopy.holds(kafka, jdbc, "o-" + refundId, customer, CNY_199);

        // when
        EventEnvelope<?> failed = EventEnvelope.of("billing", new BillingRefund("billing-" + refundId,
                "o-" + refundId, CNY_199, SettlementStatus.FAILED, BILLING_REASON, FAILED_AT), Clock.systemUTC());
        kafka.publish(failed);

        // then
        awaitConsumed(failed);
        assertThat(emailsFor(failed)).isZero();
        assertThat(smtp.messagesTo(customer.email())).isEmpty();
    }

    @Test
    void aFailedSettlementNamingTheRefundOnAnotherOrderIsNotEmailed() {
        // given an approved refund, and another order of the same customer
        Recipient customer = Decisions.customer("en");
        RefundApproved approval = approvalEmailed(customer);
        String otherOrder = "o-other-" + approval.refundId();
        BillingCopy.holds(kafka, jdbc, otherOrder, customer, CNY_199);

        // when billing reports the refund as failed on the other order
        EventEnvelope<?> failed = EventEnvelope.of("billing", new BillingRefund(approval.refundId(), otherOrder,
                CNY_199, SettlementStatus.FAILED, BILLING_REASON, FAILED_AT), Clock.systemUTC());
        kafka.publish(failed);

        // then
        awaitConsumed(failed);
        assertThat(emailsFor(failed)).isZero();
        assertThat(smtp.messagesTo(customer.email())).hasSize(1);
    }

    private RefundApproved approvalEmailed(Recipient customer) {
        RefundApproved approval = Decisions.approved(Decisions.refundId(), customer, CNY_199);
        BillingCopy.holdsOrderOf(kafka, jdbc, approval);
        kafka.publish(Decisions.event(approval));
        smtp.awaitMessagesTo(customer.email(), 1, PATIENCE);
        return approval;
    }

    private static EventEnvelope<?> settlement(RefundApproved approval, SettlementStatus status, String reason) {
        return EventEnvelope.of("billing", new BillingRefund(approval.refundId(), approval.header().orderId(),
                approval.refundAmount(), status, reason, FAILED_AT), Clock.systemUTC());
    }

    private void awaitConsumed(EventEnvelope<?> event) {
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                "select count(*) from processed_event where event_id = ?", Integer.class, event.id()) == 1);
    }

    private int emailsFor(EventEnvelope<?> event) {
        return jdbc.queryForObject("select count(*) from email_delivery where decision_event_id = ?", Integer.class,
                event.id());
    }
}
