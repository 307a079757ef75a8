package io.refundflow.dashboard.flow;

import io.refundflow.dashboard.flow.Views.MixRow;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The decision mix: how many decisions each product kind and ground had, by outcome. Not thread-safe: the flow
 * projection's lock guards it.
 */
final class DecisionMix {

    /** What a decision event said; a reviewer's outcome counts apart from the policy's. */
    enum Outcome {
        APPROVED, REJECTED, MANUAL_REVIEW, REVIEW_APPROVED, REVIEW_REJECTED;

        /** Whether the refund was approved, by the policy or by a reviewer. */
        boolean approves() {
            return this == APPROVED || this == REVIEW_APPROVED;
        }
    }

    private record Key(String productKind, String ground) {
    }

    // Rows in the order of "kind|ground" as text, the order the page has always listed them in.
    private final Map<Key, Map<Outcome, Long>> counts =
            new TreeMap<>(Comparator.comparing((Key key) -> key.productKind() + "|" + key.ground()));

    void count(String productKind, String ground, Outcome outcome) {
        counts.computeIfAbsent(new Key(productKind, ground), key -> new EnumMap<>(Outcome.class))
                .merge(outcome, 1L, Long::sum);
    }

    List<MixRow> rows() {
        return counts.entrySet().stream()
                .map(row -> new MixRow(row.getKey().productKind(), row.getKey().ground(),
                        count(row.getValue(), Outcome.APPROVED), count(row.getValue(), Outcome.REJECTED),
                        count(row.getValue(), Outcome.MANUAL_REVIEW), count(row.getValue(), Outcome.REVIEW_APPROVED),
                        count(row.getValue(), Outcome.REVIEW_REJECTED)))
                .toList();
    }

    private static long count(Map<Outcome, Long> byOutcome, Outcome outcome) {
        return byOutcome.getOrDefault(outcome, 0L);
    }
}
