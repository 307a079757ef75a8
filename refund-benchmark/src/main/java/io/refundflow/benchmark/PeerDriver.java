package io.refundflow.benchmark;

import io.refundflow.events.BillingOrder;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;

/**
 * The peer's path (refund-peer-operaton): one POST /refunds per refund, carrying the order's facts (the peer
 * has no billing feed) and sent at the refund's slot. The peer answers once its decision table has decided, so
 * the answer is the refund's decision time, with the outcome and amount the ledger checks against the scenario.
 */
final class PeerDriver extends HttpDriver {

    /** The system name the peer's phases and report rows carry. */
    static final String SYSTEM = "operaton";

    private final Clock clock = Clock.systemUTC();

    PeerDriver(String peerUrl, RefundLedger ledger) {
        super(peerUrl, Map.of(), ledger);
    }

    @Override
    protected CompletableFuture<Void> exchange(Workload.Prepared p, String phase, long intendedNanos) {
        String refundId = "bp-" + p.orderId().substring(3);
        BillingOrder order = p.scenario().order(p.orderId(), p.customerId(), p.customerId() + "@example.com",
                p.locale(), clock.instant());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("refundId", refundId);
        body.put("orderId", order.orderId());
        body.put("customerEmail", order.customerEmail());
        body.put("locale", order.customerLocale());
        body.put("requestKind", p.scenario().requestKind().name());
        body.put("ground", p.scenario().ground().name());
        body.put("productKind", order.productKind().name());
        body.put("billingMode", order.billingMode().name());
        body.put("serviceStatus", order.serviceStatus() == null ? null : order.serviceStatus().name());
        body.put("imageUsage", order.imageUsage() == null ? null : order.imageUsage().name());
        body.put("paidAmount", order.paidAmount().amount().toPlainString());
        body.put("refundedAmount", order.refunded().amount().toPlainString());
        body.put("currency", order.paidAmount().currency());
        body.put("paidAt", order.paidAt().toString());
        HttpRequest start = HttpRequest.newBuilder(URI.create(baseUrl + "/refunds"))
                .timeout(answerTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build();
        return atIntended(intendedNanos).thenCompose(ignored -> {
            long intended = intendedNanos < 0 ? System.nanoTime() : intendedNanos;
            return send(start).whenComplete((response, failure) -> {
                if (failure != null && answerLost(failure)) {
                    // the peer takes no idempotency key to ask again by: what it did with the refund is still checked
                    ledger.unanswered(refundId, phase, p.scenario());
                }
            }).thenAccept(response -> {
                long answered = System.nanoTime();
                if (response.statusCode() != 201) {
                    throw new IllegalStateException("start " + response.statusCode() + ": " + body(response));
                }
                JsonNode decision = json.readTree(response.body());
                answered(intended, answered);
                ledger.submitted(refundId, phase, p.scenario(), intended);
                ledger.decision(refundId, decision.path("processInstanceId").asString(),
                        eventType(decision.path("outcome").asString()),
                        new BigDecimal(decision.path("refund").asString("0")), answered);
            });
        });
    }

    /** The decision as the event type refundflow would have published, so that the ledger checks both alike. */
    static String eventType(String outcome) {
        return "io.refundflow.peer." + switch (outcome) {
            case "APPROVE" -> "approved.v1";
            case "REJECT" -> "rejected.v1";
            case "MANUAL_REVIEW" -> "manual-review-required.v1";
            default -> "unknown-outcome-" + outcome;
        };
    }
}
