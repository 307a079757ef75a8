package io.refundflow.intake.cases;

import io.refundflow.intake.model.CaseStatus;
import io.refundflow.intake.model.Channel;
import io.refundflow.intake.model.RefundCase;
import java.time.Instant;

/**
 * A case in a list: enough to pick it; GET the case for its timeline.
 *
 * @param refundId the current application's refund id; absent before the first submit
 */
public record CaseSummary(String caseId, String caseNumber, String customerId, String orderId, Channel channel,
        CaseStatus status, String refundId, Instant createdAt, Instant updatedAt) {

    static CaseSummary of(RefundCase c) {
        return new CaseSummary(c.caseId(), c.caseNumber(), c.customerId(), c.orderId(), c.channel(), c.status(),
                c.currentRefundId(), c.createdAt(), c.updatedAt());
    }
}
