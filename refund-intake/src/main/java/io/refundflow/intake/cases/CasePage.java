package io.refundflow.intake.cases;

import java.util.List;

/** One page of cases, newest first. */
public record CasePage(List<CaseSummary> items, int page, int size, long totalItems, long totalPages) {
}
