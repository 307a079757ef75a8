package io.refundflow.portal.intake;

import java.time.Instant;

/** One line of the customer's case list ({@code GET /api/cases}). */
public record CaseSummaryView(String caseId, String caseNumber, String orderId, String status, Instant updatedAt) {
}
