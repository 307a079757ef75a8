package io.refundflow.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.BillingOrder;
import io.refundflow.events.DecisionHeader;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.EvidenceRequested;
import io.refundflow.events.ManualReviewRequired;
import io.refundflow.events.Money;
import io.refundflow.events.Recipient;
import io.refundflow.events.RefundApproved;
import io.refundflow.events.ReviewOverdue;
import io.refundflow.events.Topics;
import io.refundflow.platform.ops.OpsMailbox;
import io.refundflow.testsupport.KafkaTestClient;
import io.refundflow.testsupport.RealInfrastructure;
import io.refundflow.testsupport.SmtpServer;
import io.refundflow.testsupport.WithRealInfrastructure;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The notifier mails only the address billing holds for the order's customer, whatever a decision names (and
 * only billing can change that address), and an overdue review only to the configured ops mailbox.
 */
@SpringBootTest
@WithRealInfrastructure
@ActiveProfiles("test")
class TrustedRecipientTest {

    private static final KafkaTestClient kafka = new KafkaTestClient();
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Money CNY_199 = Money.of("199.00", "CNY");

    private final SmtpServer smtp = RealInfrastructure.get().smtp();

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    OpsMailbox opsMailbox;

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    @Test
    void aForgedApprovalNamingAnOutsideAddressMailsNobodyAndIsDeadLetteredWithTheCause() {
        // given billing holds the order for its owner
        Recipient owner = Decisions.customer("en");
        String refundId = Decisions.refundId();
        RefundApproved genuine = Decisions.approved(refundId, owner, CNY_199);
        BillingCopy.holdsOrderOf(kafka, jdbc, genuine);
        Recipient outsider = new Recipient(owner.customerId(), "phish-" + refundId + "@attacker.example", "en");
        DecisionHeader header = genuine.header();
        RefundApproved forged = new RefundApproved(new DecisionHeader(refundId, header.caseNumber(), header.orderId(),
                outsider, header.decidedAt(), header.policyVersion(), header.ruleId(), header.reasonCode(),
                header.reason()), genuine.refundAmount());
        EventEnvelope<?> event = Decisions.event(forged);

        // when an outsider publishes an approval for that order naming another address
        kafka.publish(event);

        // then it is dead-lettered, saying whose address it named
        ConsumerRecord<String, byte[]> deadLetter = kafka.await(Topics.deadLetter(Topics.DECISIONS),
                KafkaTestClient.withKey(refundId), 1, PATIENCE).get(0);
        assertThat(KafkaTestClient.header(deadLetter, "ce_id")).isEqualTo(event.id());
        assertThat(KafkaTestClient.header(deadLetter, "kafka_dlt-exception-message"))
                .contains("recipient").contains(outsider.email()).contains(genuine.header().orderId());

        // and nobody was emailed, nothing was recorded to send
        assertThat(smtp.messagesTo(outsider.email())).isEmpty();
        assertThat(smtp.messagesTo(owner.email())).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from email_delivery where refund_id = ?", Integer.class,
                refundId)).isZero();
    }

    @Test
    void aBillingOrderFromAnotherProducerIsDeadLetteredNamingItsSourceAndTheOwnerStaysTheAddressee() {
        // given billing holds the order for its owner
        Recipient owner = Decisions.customer("en");
        RefundApproved decision = Decisions.approved(Decisions.refundId(), owner, CNY_199);
        BillingOrder held = BillingCopy.holdsOrderOf(kafka, jdbc, decision);
        String attacker = "phish-" + decision.refundId() + "@attacker.example";
        BillingOrder forged = new BillingOrder(held.orderId(), held.customerId(), attacker, held.customerLocale(),
                held.productKind(), held.billingMode(), held.paidAmount(), held.paidAt(), held.termStart(),
                held.termEnd(), held.serviceStatus(), held.imageUsage(), held.refunded());

        // when someone but billing republishes the order with another address, and the decision follows
        kafka.publish(EventEnvelope.of("partner-shop", forged, Clock.systemUTC()));
        ConsumerRecord<String, byte[]> deadLetter = kafka.await(Topics.deadLetter(Topics.BILLING_ORDERS),
                KafkaTestClient.withKey(held.orderId()), 1, PATIENCE).get(0);
        kafka.publish(Decisions.event(decision));

        // then the forgery is dead-lettered naming its source, the copy is unchanged and the owner is mailed
        assertThat(KafkaTestClient.header(deadLetter, "kafka_dlt-exception-message")).isEqualTo("header ce_source:"
                + " 'partner-shop' is not an expected producer of billing.orders (expected [billing])");
        assertThat(jdbc.queryForObject("select customer_email from billing_order where order_id = ?", String.class,
                held.orderId())).isEqualTo(owner.email());
        smtp.awaitMessagesTo(owner.email(), 1, PATIENCE);
        assertThat(smtp.messagesTo(attacker)).isEmpty();
    }

    @Test
    void aDecisionNamingAnotherCustomerOfTheOrderIsDeadLettered() {
        // given billing holds the order for its owner
        Recipient owner = Decisions.customer("en");
        String refundId = Decisions.refundId();
        BillingCopy.holdsOrderOf(kafka, jdbc, Decisions.rejected(refundId, owner));
        Recipient someoneElse = Decisions.customer("en");
        RefundApproved forged = new RefundApproved(new DecisionHeader(refundId, null, "o-" + refundId, someoneElse,
                Decisions.DECIDED_AT, "2026.11-1", "saas.guarantee", "GUARANTEE_FULL_REFUND", Decisions.REASON),
                CNY_199);

        // when
        kafka.publish(Decisions.event(forged));

        // then
        ConsumerRecord<String, byte[]> deadLetter = kafka.await(Topics.deadLetter(Topics.DECISIONS),
                KafkaTestClient.withKey(refundId), 1, PATIENCE).get(0);
        assertThat(KafkaTestClient.header(deadLetter, "kafka_dlt-exception-message"))
                .contains(someoneElse.customerId()).contains(owner.customerId());
        assertThat(smtp.messagesTo(someoneElse.email())).isEmpty();
    }

    @Test
    void aDecisionForAnOrderBillingNeverSentIsDeadLetteredAndMailsNobody() {
        // given an order the billing copy does not hold
        Recipient claimed = Decisions.customer("en");
        String refundId = Decisions.refundId();

        // when an approval names an address for it
        kafka.publish(Decisions.event(Decisions.approved(refundId, claimed, CNY_199)));

        // then, once the retry budget for a late billing order is spent, it is dead-lettered with the cause
        ConsumerRecord<String, byte[]> deadLetter = kafka.await(Topics.deadLetter(Topics.DECISIONS),
                KafkaTestClient.withKey(refundId), 1, PATIENCE).get(0);
        assertThat(KafkaTestClient.header(deadLetter, "kafka_dlt-exception-message"))
                .contains("not in the billing copy").contains(claimed.email());
        assertThat(smtp.messagesTo(claimed.email())).isEmpty();
    }

    @Test
    void theEmailGoesToTheAddressAsBillingHoldsItInTheLanguageTheDecisionNames() throws Exception {
        // given billing holds the order for a customer whose billing language is Chinese
        Recipient owner = Decisions.customer("zh");
        RefundApproved genuine = Decisions.approved(Decisions.refundId(), owner, CNY_199);
        BillingCopy.holdsOrderOf(kafka, jdbc, genuine);
        Recipient asRequested = new Recipient(owner.customerId(), owner.email().toUpperCase(), "en");
        DecisionHeader header = genuine.header();
        RefundApproved decision = new RefundApproved(new DecisionHeader(header.refundId(), header.caseNumber(),
                header.orderId(), asRequested, header.decidedAt(), header.policyVersion(), header.ruleId(),
                header.reasonCode(), header.reason()), genuine.refundAmount());

        // when the decision names the address with another local part (the same mailbox only to a server that
        // ignores case, which SMTP does not promise), and English as the request asked
        kafka.publish(Decisions.event(decision));

        // then it goes to billing's address as billing spells it, never the decision's, in the request's language
        MimeMessage email = smtp.awaitMessagesTo(owner.email(), 1, PATIENCE).get(0);
        assertThat(Arrays.stream(email.getAllRecipients()).map(Address::toString)).containsExactly(owner.email());
        assertThat(jdbc.queryForObject("select recipient from email_delivery where refund_id = ?", String.class,
                decision.refundId())).isEqualTo(owner.email());
        assertThat(Emails.subject(email)).contains("has been approved");
    }

    @Test
    void aManualReviewWithoutABillingOrderIsMailedToTheConfiguredOpsMailbox() throws Exception {
        // given the evaluator had no billing order and addressed the review to the ops mailbox
        OpsMailbox ops = opsMailbox;
        String refundId = Decisions.refundId();
        ManualReviewRequired orderUnknown = new ManualReviewRequired(new DecisionHeader(refundId,
                Decisions.caseNumber(), "o-" + refundId, new Recipient(ops.id(), ops.email(), "en"),
                Decisions.DECIDED_AT, "2026.11-1", "wait.order-unknown", "ORDER_UNKNOWN", Decisions.REASON), null);
        EventEnvelope<?> event = Decisions.event(orderUnknown);

        // when
        kafka.publish(event);

        // then ops gets it (the ops mailbox receives other emails too: this one is found by its Message-ID)
        MimeMessage email = Emails.awaitEmailFor(smtp, ops.email(), event, PATIENCE);
        assertThat(Emails.subject(email)).contains(orderUnknown.header().caseNumber());
    }

    @Test
    void anEvidenceRequestNamingTheOpsMailboxIsRefusedForOnlyTheCustomerCanAnswerIt() {
        // given billing holds the order for its owner
        Recipient owner = Decisions.customer("en");
        String refundId = Decisions.refundId();
        BillingCopy.holdsOrderOf(kafka, jdbc, Decisions.rejected(refundId, owner));
        OpsMailbox ops = opsMailbox;
        EvidenceRequested toOps = Decisions.evidenceRequested(refundId, new Recipient(ops.id(), ops.email(), "en"),
                "Usage records");
        EventEnvelope<?> event = Decisions.event(toOps);

        // when a request for evidence names the ops mailbox, which only a manual review without an order may
        kafka.publish(event);

        // then it is dead-lettered as not addressed to the order's customer, and nothing is recorded to send
        ConsumerRecord<String, byte[]> deadLetter = kafka.await(Topics.deadLetter(Topics.DECISIONS),
                KafkaTestClient.withKey(refundId), 1, PATIENCE).get(0);
        assertThat(KafkaTestClient.header(deadLetter, "ce_id")).isEqualTo(event.id());
        assertThat(KafkaTestClient.header(deadLetter, "kafka_dlt-exception-message"))
                .contains(ops.email()).contains(owner.customerId());
        assertThat(jdbc.queryForObject("select count(*) from email_delivery where refund_id = ?", Integer.class,
                refundId)).isZero();
        assertThat(smtp.messagesTo(owner.email())).isEmpty();
    }

    @Test
    void anOverdueReviewNamingTheCustomerIsRefusedForItIsForOpsOnly() {
        // given billing holds the order for its owner
        Recipient owner = Decisions.customer("en");
        String refundId = Decisions.refundId();
        BillingCopy.holdsOrderOf(kafka, jdbc, Decisions.manualReview(refundId, owner, CNY_199));
        ReviewOverdue toCustomer = Decisions.reviewOverdue(refundId, owner, "CLAIMED", "ops-1");
        EventEnvelope<?> event = Decisions.event(toCustomer);

        // when an overdue review names the order's own customer instead of the ops mailbox
        kafka.publish(event);

        // then it is dead-lettered as not addressed to the ops mailbox, and nobody is emailed
        ConsumerRecord<String, byte[]> deadLetter = kafka.await(Topics.deadLetter(Topics.DECISIONS),
                KafkaTestClient.withKey(refundId), 1, PATIENCE).get(0);
        assertThat(KafkaTestClient.header(deadLetter, "ce_id")).isEqualTo(event.id());
        assertThat(KafkaTestClient.header(deadLetter, "kafka_dlt-exception-message"))
                .contains("not the ops mailbox").contains(owner.email());
        assertThat(jdbc.queryForObject("select count(*) from email_delivery where refund_id = ?", Integer.class,
                refundId)).isZero();
        assertThat(smtp.messagesTo(owner.email())).isEmpty();
        assertThat(smtp.messagesTo(opsMailbox.email()))
                .noneMatch(email -> Emails.messageId(email).equals("<" + event.id() + "@refundflow.notifier>"));
    }
}
