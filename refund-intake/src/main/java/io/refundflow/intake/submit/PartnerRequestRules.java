package io.refundflow.intake.submit;

import io.refundflow.events.BillingOrder;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Evidence;
import io.refundflow.events.RefundRequested;
import io.refundflow.intake.problems.ControlCharacters;
import io.refundflow.intake.settings.IntakeProperties;
import io.refundflow.platform.billing.BillingOrders;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What a partner's request must satisfy before it becomes a case (issue 24); each rule returns the cause of a
 * refusal, which becomes the request's dead letter. Who sent it was checked when the record was read: on the
 * partner topic {@code refund.expected.sources} accepts only {@code ce_source=partner}, the one principal the
 * broker's ACLs (kafka-acls.txt) let write it, so the source these rules see is the partner's signed-in name.
 */
@Component
class PartnerRequestRules {

    private final BillingOrders orders;
    private final Submissions submissions;
    private final PartnerRefusals refusals;
    private final IntakeProperties.Quota quota;

    PartnerRequestRules(BillingOrders orders, Submissions submissions, PartnerRefusals refusals,
            IntakeProperties properties) {
        this.orders = orders;
        this.submissions = submissions;
        this.refusals = refusals;
        this.quota = properties.partners().quota();
    }

    /**
     * Text PostgreSQL would refuse (NUL) or no person writes: refused before anything is stored, so the request is
     * dead-lettered at once instead of failing its insert again and again.
     */
    static Optional<String> textWithControlCharacters(EventEnvelope<RefundRequested> event) {
        return texts(event).entrySet().stream()
                .filter(field -> field.getValue() != null && ControlCharacters.in(field.getValue()))
                .map(field -> field.getKey() + ": " + ControlCharacters.REASON)
                .findFirst();
    }

    /** The orders billing published, by id, of these requests: one statement for a poll. */
    Map<String, BillingOrder> ordersOf(List<RefundRequested> claimed) {
        return orders.findAll(claimed.stream().map(RefundRequested::orderId).distinct().toList());
    }

    /**
     * A case is opened only for the customer billing names as the order's owner ({@code known}: the orders of the
     * poll, {@link #ordersOf}). An order billing has not published (yet) has no owner here, so it is refused too
     * rather than parked: the partner, or ops replaying the dead letter, sends it again once billing knows the
     * order. One wording for both, so the partner cannot probe which orders exist.
     */
    static Optional<String> customerNotTheOwner(RefundRequested claimed, Map<String, BillingOrder> known) {
        BillingOrder order = known.get(claimed.orderId());
        boolean owner = order != null && order.customerId().equals(claimed.customerId());
        return owner ? Optional.empty() : Optional.of("customerId: '" + claimed.customerId()
                + "' is not the owner of order " + claimed.orderId() + " as billing knows it: no case opened");
    }

    /**
     * Whether the partner's quota, at most {@code quota.requests} requests per {@code quota.per} of broker time,
     * accepted or refused by these rules ({@link #countRefusal}), has room for all these requests of a poll, however
     * they are ordered: the requests counted since a window before the earliest of them, and all of them, are within
     * it. For one request that is exactly the quota; for several it may say no where counting them one at a time
     * would let some in, so the caller then counts them one at a time. A request refused for the quota itself is not
     * counted (nothing is stored for it), so a flood beyond the quota writes nothing.
     *
     * <p>The caller holds the partner's lock ({@link Submissions#lockQuotas}) to the end of the poll's transaction:
     * the gate's consumers read side by side, so without it each could count the same free places and let a flood
     * through beyond the quota. One partner's polls are therefore committed one after another; other partners' go
     * on beside them.
     */
    boolean quotaHasRoomFor(String partner, List<Instant> received) {
        Instant from = Collections.min(received).minus(quota.per());
        return submissions.acceptedSince(partner, from) + refusals.since(partner, from) + received.size()
                <= quota.requests();
    }

    /**
     * Counts a request these rules refused toward its partner's quota: otherwise a partner could name strangers
     * without bound, and read from its dead letters who owns which order.
     */
    void countRefusal(String partner, Instant receivedAt) {
        refusals.record(partner, receivedAt);
    }

    /** The dead letter's cause for a request beyond its partner's quota. */
    String quotaSpent(String partner) {
        return "quota: partner '" + partner + "' has sent its " + quota.requests() + " requests per "
                + written(quota.per()) + "; refused, send it again later";
    }

    /** As application.yml writes it: 1m, 30s, 500ms. */
    private static String written(Duration window) {
        long millis = window.toMillis();
        return millis % 60_000 == 0 ? millis / 60_000 + "m" : millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    private static Map<String, String> texts(EventEnvelope<RefundRequested> event) {
        RefundRequested claimed = event.data();
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("header ce_id", event.id());
        texts.put("refundId", claimed.refundId());
        texts.put("caseNumber", claimed.caseNumber());
        texts.put("orderId", claimed.orderId());
        texts.put("customerId", claimed.customerId());
        texts.put("description", claimed.description());
        texts.put("locale", claimed.locale());
        List<Evidence> evidence = claimed.evidence();
        for (int i = 0; i < evidence.size(); i++) {
            texts.put("evidence[" + i + "].fileName", evidence.get(i).fileName());
            texts.put("evidence[" + i + "].contentType", evidence.get(i).contentType());
            texts.put("evidence[" + i + "].sha256", evidence.get(i).sha256());
        }
        return texts;
    }
}
