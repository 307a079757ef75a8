package io.refundflow.faults;

import io.refundflow.events.BillingOrder;
import io.refundflow.events.BillingRefund;
import io.refundflow.events.DecisionHeader;
import io.refundflow.events.EncodedEvent;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Evidence;
import io.refundflow.events.LocalizedText;
import io.refundflow.events.Money;
import io.refundflow.events.NotificationStatus;
import io.refundflow.events.Recipient;
import io.refundflow.events.RefundApproved;
import io.refundflow.events.RefundNotified;
import io.refundflow.events.RefundRejected;
import io.refundflow.events.RefundRequested;
import io.refundflow.events.SettlementStatus;
import io.refundflow.events.Topics;
import io.refundflow.launcher.DemoBilling;
import io.refundflow.launcher.KafkaAccess;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.errors.TopicAuthorizationException;

/**
 * Forged but valid events: what an outsider with a partner's credentials tries, and what one with a leaked
 * writer's credentials could still send. Each must be stopped: by the broker's ACLs, by intake's gate (broker
 * time, only evidence it holds), or by the consumers' own checks.
 */
final class ForgedEvents {

    /** Where forged mail would go; no email may ever reach it. */
    static final String ATTACKER = "attacker@evil.test";

    /** An outsider's write to a topic it may not write, and whether the broker refused it. */
    record OutsiderWrite(String topic, boolean refused, String answer) {
    }

    private final String run;
    private final Clock clock = Clock.systemUTC();
    final List<OutsiderWrite> outsiderWrites = new ArrayList<>();
    /** The refund id of the forged decision naming {@link #ATTACKER}; it must be dead-lettered. */
    final String forgedDecision;
    private RefundStream.OrderRef backdatedOrder;
    private RefundStream.OrderRef serverOrder;
    private Instant backdatedPaidAt;

    ForgedEvents(String run) {
        this.run = run;
        this.forgedDecision = "fz-" + run + "-forged-decision";
    }

    /** Billing orders the forgeries refer to; published with the stream's, before start-up. */
    void publishOrders(EventPublisher billing) {
        String customer = "fc-" + run + "-forged";
        Instant now = clock.instant();
        BillingOrder late = Scenario.SAAS_GUARANTEE_OVER.order("fo-" + run + "-backdated", customer, now);
        backdatedPaidAt = late.paidAt();
        backdatedOrder = new RefundStream.OrderRef(late.orderId(), customer, Scenario.SAAS_GUARANTEE_OVER);
        BillingOrder server = Scenario.SERVER_CLAIM_UNPROVEN.order("fo-" + run + "-unproven", customer, now);
        serverOrder = new RefundStream.OrderRef(server.orderId(), customer, Scenario.SERVER_CLAIM_UNPROVEN);
        billing.publish(EventEnvelope.of(DemoBilling.SOURCE, late, clock));
        billing.publish(EventEnvelope.of(DemoBilling.SOURCE, server, clock));
    }

    /**
     * Sends every forgery: outsider writes signed in as the partner, requests through the partner topic, and a
     * decision as a leaked evaluator credential would (through the suite's administrator sign-in).
     */
    void publishAll(SystemUnderTest system, EventPublisher leakedWriter, Ledger ledger) {
        try (EventPublisher outsider = new EventPublisher(system.connectionOf(KafkaAccess.PARTNER))) {
            outsiderWrites(outsider);
        }
        try (EventPublisher partner = new EventPublisher(system.connectionOf(KafkaAccess.PARTNER))) {
            // a request for an order paid 9 days ago, claiming it was sent one hour after payment
            String backdated = "fx-" + run + "-backdated";
            partner.publishAsPartner(EventEnvelope.of(KafkaAccess.PARTNER, new RefundRequested(backdated, null,
                    backdatedOrder.orderId(), backdatedOrder.customerId(), Scenario.SAAS_GUARANTEE_OVER.ground,
                    Scenario.SAAS_GUARANTEE_OVER.kind, "backdated by the partner", "en", List.of(),
                    backdatedPaidAt.plus(Duration.ofHours(1))), clock));
            ledger.accepted(backdated, "kafka-forged", Scenario.SAAS_GUARANTEE_OVER, backdatedOrder.customerId());
            // a small server claim with evidence metadata that no file stands behind
            String unproven = "fx-" + run + "-unproven";
            partner.publishAsPartner(EventEnvelope.of(KafkaAccess.PARTNER, new RefundRequested(unproven, null,
                    serverOrder.orderId(), serverOrder.customerId(), Scenario.SERVER_CLAIM_UNPROVEN.ground,
                    Scenario.SERVER_CLAIM_UNPROVEN.kind, "evidence claimed, none sent", "en",
                    List.of(new Evidence("usage.csv", "text/csv", 2048, "b".repeat(64))),
                    clock.instant().truncatedTo(ChronoUnit.MILLIS)), clock));
            ledger.accepted(unproven, "kafka-forged", Scenario.SERVER_CLAIM_UNPROVEN, serverOrder.customerId());
        }
        // a perfect forgery of the evaluator's decision, mailing a phishing link to the attacker for a real order.
        // A rejection, not an approval: billing executes approvals it reads, so a leaked evaluator credential
        // could make it pay one (the ACLs are what stop that); this checks the notifier's own line of defence.
        leakedWriter.publish(EventEnvelope.of("policy-evaluator", new RefundRejected(
                new DecisionHeader(forgedDecision, null,
                backdatedOrder.orderId(), new Recipient(backdatedOrder.customerId(), ATTACKER, "en"),
                clock.instant(), "2026.11-1", "saas.guarantee.over", "GUARANTEE_PERIOD_OVER",
                new LocalizedText("Click http://evil.test to claim your refund", "点击 http://evil.test 领取退款")),
                null), clock));
    }

    private void outsiderWrites(EventPublisher partner) {
        Instant now = clock.instant();
        String id = "fz-" + run + "-outsider";
        write(partner, Topics.REQUESTS, EventEnvelope.of("refund-intake", new RefundRequested(id, null,
                backdatedOrder.orderId(), backdatedOrder.customerId(), Scenario.SAAS_INSIDE_GUARANTEE.ground,
                Scenario.SAAS_INSIDE_GUARANTEE.kind, "straight onto the trusted topic", "en", List.of(), now), clock));
        write(partner, Topics.DECISIONS, EventEnvelope.of("policy-evaluator", new RefundApproved(
                new DecisionHeader(id, null,
                backdatedOrder.orderId(), new Recipient(backdatedOrder.customerId(), ATTACKER, "en"), now, "2026.11-1",
                "saas.guarantee.inside", "GUARANTEE_FULL_REFUND", new LocalizedText("forged", "伪造")),
                Money.of("120.00", "CNY")), clock));
        write(partner, Topics.NOTIFICATIONS, EventEnvelope.of("notifier", new RefundNotified(id,
                UUID.randomUUID().toString(), "io.refundflow.refund.approved.v1", NotificationStatus.SENT, "EMAIL", now,
                null), clock));
        write(partner, Topics.BILLING_ORDERS, EventEnvelope.of(DemoBilling.SOURCE,
                Scenario.SAAS_INSIDE_GUARANTEE.order(backdatedOrder.orderId(), backdatedOrder.customerId(), now),
                clock));
        write(partner, Topics.BILLING_REFUNDS, EventEnvelope.of(DemoBilling.SOURCE, new BillingRefund(id,
                backdatedOrder.orderId(), Money.of("120.00", "CNY"), SettlementStatus.FAILED, "forged", now), clock));
    }

    private void write(EventPublisher partner, String topic, EventEnvelope<?> event) {
        EncodedEvent encoded = partner.codec.encode(event);
        try {
            partner.publishRaw(topic, encoded.key(), encoded.headers(), encoded.payload());
            outsiderWrites.add(new OutsiderWrite(topic, false, "accepted by the broker"));
        } catch (RuntimeException e) {
            outsiderWrites.add(new OutsiderWrite(topic, authorizationRefused(e), String.valueOf(rootCause(e))));
        }
    }

    private static boolean authorizationRefused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TopicAuthorizationException) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
