package io.refundflow.peer.operaton.refund;

/**
 * The answer to POST /refunds, given once the process instance has passed the decision table (the job that
 * sends the email is committed with it): APPROVE, REJECT or MANUAL_REVIEW, the refund in the order's currency
 * (0.00 unless approved) and the reason code of the table's row.
 */
public record RefundDecision(String refundId, String processInstanceId, String outcome, String refund,
        String currency, String reasonCode) {
}
