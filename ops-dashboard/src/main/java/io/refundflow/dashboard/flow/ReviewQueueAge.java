package io.refundflow.dashboard.flow;

import io.refundflow.dashboard.flow.Views.AgeBucket;
import io.refundflow.dashboard.flow.Views.ReviewAge;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How long the refunds in manual review have waited since the policy sent them there, for the Flow tab's
 * chart. Bounded like the refunds themselves: the least recently opened is forgotten first.
 */
final class ReviewQueueAge {

    /** Upper bounds of the chart's age groups; the last group is everything older. */
    private static final List<Duration> BOUNDS = List.of(Duration.ofHours(1), Duration.ofHours(4),
            Duration.ofDays(1), Duration.ofDays(2));
    private static final List<String> LABELS = List.of("< 1 h", "1–4 h", "4–24 h", "1–2 d", "> 2 d");

    private final Map<String, Long> waitingSince;

    ReviewQueueAge(int maxRefunds) {
        this.waitingSince = Bounded.fifo(maxRefunds);
    }

    void opened(String refundId, long epochMilli) {
        waitingSince.putIfAbsent(refundId, epochMilli);
    }

    void closed(String refundId) {
        waitingSince.remove(refundId);
    }

    ReviewAge at(long nowMilli) {
        long[] counts = new long[LABELS.size()];
        long oldest = 0;
        for (long since : waitingSince.values()) {
            Duration age = Duration.ofMillis(Math.max(0, nowMilli - since));
            oldest = Math.max(oldest, age.toSeconds());
            int group = 0;
            while (group < BOUNDS.size() && age.compareTo(BOUNDS.get(group)) >= 0) {
                group++;
            }
            counts[group]++;
        }
        List<AgeBucket> buckets = new ArrayList<>(LABELS.size());
        for (int i = 0; i < LABELS.size(); i++) {
            buckets.add(new AgeBucket(LABELS.get(i), counts[i]));
        }
        return new ReviewAge(waitingSince.size(), oldest, buckets);
    }
}
