package io.refundflow.peer.operaton.refund;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A refund as the benchmark submits it to the peer: the request (ground, kind, contact) with the facts of its
 * order that refundflow keeps from billing (product kind, billing mode, money paid and refunded before, dates,
 * delivery and usage status). Enum-like fields are the names refundflow's events use.
 */
public record RefundRequest(
        String refundId,
        String orderId,
        String customerEmail,
        String locale,
        String requestKind,
        String ground,
        String productKind,
        String billingMode,
        String serviceStatus,
        String imageUsage,
        BigDecimal paidAmount,
        BigDecimal refundedAmount,
        String currency,
        Instant paidAt) {

    /** The names of the required fields that are missing (empty when the request is complete). */
    List<String> missing() {
        List<String> missing = new ArrayList<>();
        require(missing, "refundId", refundId);
        require(missing, "customerEmail", customerEmail);
        require(missing, "requestKind", requestKind);
        require(missing, "ground", ground);
        require(missing, "productKind", productKind);
        require(missing, "billingMode", billingMode);
        require(missing, "paidAmount", paidAmount);
        require(missing, "currency", currency);
        require(missing, "paidAt", paidAt);
        return missing;
    }

    private static void require(List<String> missing, String name, Object value) {
        if (value == null || value instanceof String s && s.isBlank()) {
            missing.add(name);
        }
    }
}
