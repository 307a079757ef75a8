package io.refundflow.portal.model;

import java.time.Instant;

/** One line of the customer's case list ({@code GET /api/cases}). */
public record CaseSummary(String caseId, String caseNumber, String orderId, String status, Instant updatedAt) {
}
