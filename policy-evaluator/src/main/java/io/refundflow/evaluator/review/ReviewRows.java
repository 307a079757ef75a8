package io.refundflow.evaluator.review;

import io.refundflow.evaluator.model.review.EvidenceRequest;
import io.refundflow.evaluator.model.review.FirstApproval;
import io.refundflow.evaluator.model.review.ReviewRow;
import io.refundflow.evaluator.model.review.ReviewStatus;
import io.refundflow.events.Ground;
import io.refundflow.events.LocalizedText;
import io.refundflow.events.Money;
import io.refundflow.events.ProductKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;

/** How a case is read from the {@code manual_review} table (see {@link ManualReviews}). */
final class ReviewRows {

    private ReviewRows() {
    }

    /** Reads the current row of a {@code select * from manual_review}. */
    static ReviewRow read(ResultSet rs, int row) throws SQLException {
        String productKind = rs.getString("product_kind");
        String currency = rs.getString("currency");
        Timestamp claimedAt = rs.getTimestamp("claimed_at");
        Timestamp decidedAt = rs.getTimestamp("decided_at");
        String reasonEn = rs.getString("reason_en");
        Timestamp firstApprovedAt = rs.getTimestamp("first_approved_at");
        Timestamp evidenceRequestedAt = rs.getTimestamp("evidence_requested_at");
        return new ReviewRow(rs.getString("refund_id"), rs.getString("order_id"), Ground.valueOf(rs.getString("ground")),
                productKind == null ? null : ProductKind.valueOf(productKind),
                ReviewStatus.valueOf(rs.getString("status")), rs.getTimestamp("opened_at").toInstant(),
                rs.getString("claimed_by"), claimedAt == null ? null : claimedAt.toInstant(),
                rs.getString("decided_by"), decidedAt == null ? null : decidedAt.toInstant(),
                (Boolean) rs.getObject("approved"),
                currency == null ? null : new Money(rs.getBigDecimal("amount"), currency.strip()).normalized(),
                rs.getString("reason_code"),
                reasonEn == null ? null : new LocalizedText(reasonEn, rs.getString("reason_zh")),
                rs.getString("reviewed_event_id"),
                firstApprovedAt == null ? null : new FirstApproval(rs.getString("first_approved_by"),
                        firstApprovedAt.toInstant(),
                        new Money(rs.getBigDecimal("first_amount"), rs.getString("first_currency").strip())
                                .normalized(),
                        new LocalizedText(rs.getString("first_reason_en"), rs.getString("first_reason_zh"))),
                evidenceRequestedAt == null ? null : new EvidenceRequest(rs.getString("evidence_requested_by"),
                        evidenceRequestedAt.toInstant(), rs.getString("evidence_message"),
                        rs.getTimestamp("evidence_answer_by").toInstant()));
    }
}
