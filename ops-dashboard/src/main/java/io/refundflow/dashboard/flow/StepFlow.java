package io.refundflow.dashboard.flow;

import io.refundflow.dashboard.flow.Views.Step;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The four steps of the process, as far as the topics show them: how many refunds passed each step, and how
 * many per minute over the rate window. Not thread-safe: the flow projection's lock guards it.
 */
final class StepFlow {

    enum StepName {
        CONTACT("contact", "Contact (case opened at intake)"),
        SUBMIT("submit", "Submit (refund.requests)"),
        REVIEW("review", "Review (decided)"),
        NOTIFY("notify", "Notify (email sent)");

        final String id;
        final String label;

        StepName(String id, String label) {
            this.id = id;
            this.label = label;
        }
    }

    private final Map<StepName, Long> counts = new EnumMap<>(StepName.class);
    private final Map<StepName, RateWindow> rates = new EnumMap<>(StepName.class);

    StepFlow(Duration rateWindow) {
        int windowSeconds = (int) Math.min(Integer.MAX_VALUE, rateWindow.toSeconds());
        for (StepName step : StepName.values()) {
            counts.put(step, 0L);
            rates.put(step, new RateWindow(windowSeconds));
        }
    }

    void passed(StepName step, long epochMilli) {
        counts.merge(step, 1L, Long::sum);
        rates.get(step).record(epochMilli);
    }

    /** Every step in process order, its rate rounded to one decimal. */
    List<Step> steps(long nowEpochMilli) {
        return Arrays.stream(StepName.values())
                .map(step -> new Step(step.id, step.label, counts.get(step),
                        Math.round(rates.get(step).perMinute(nowEpochMilli) * 10) / 10.0))
                .toList();
    }
}
