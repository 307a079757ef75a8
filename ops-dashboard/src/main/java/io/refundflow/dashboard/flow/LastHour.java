package io.refundflow.dashboard.flow;

import io.refundflow.dashboard.flow.Views.Minute;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What happened in each minute of the last hour (by the records' timestamps): requests, decisions by outcome
 * and emails sent, for the Flow tab's charts. Constant memory: one bucket per minute of the hour, reused as the
 * hour moves; a record older than its bucket's minute is outside the hour and not counted.
 */
final class LastHour {

    enum Series { REQUESTS, APPROVED, REJECTED, MANUAL_REVIEW, REVIEW_APPROVED, REVIEW_REJECTED, EMAILS }

    static final int MINUTES = 60;
    private static final long MINUTE_MILLIS = 60_000;

    private final long[][] counts = new long[MINUTES][Series.values().length];
    private final long[] bucketMinute = new long[MINUTES];

    LastHour() {
        Arrays.fill(bucketMinute, Long.MIN_VALUE);
    }

    void record(Series series, long epochMilli) {
        long minute = Math.floorDiv(epochMilli, MINUTE_MILLIS);
        int index = (int) Math.floorMod(minute, (long) MINUTES);
        if (bucketMinute[index] < minute) {
            bucketMinute[index] = minute;
            Arrays.fill(counts[index], 0);
        }
        if (bucketMinute[index] == minute) {
            counts[index][series.ordinal()]++;
        }
    }

    /** The sixty minutes ending with the one {@code nowMilli} falls in, oldest first; empty minutes count zero. */
    List<Minute> minutes(long nowMilli) {
        long now = Math.floorDiv(nowMilli, MINUTE_MILLIS);
        List<Minute> minutes = new ArrayList<>(MINUTES);
        for (long minute = now - MINUTES + 1; minute <= now; minute++) {
            int index = (int) Math.floorMod(minute, (long) MINUTES);
            long[] c = bucketMinute[index] == minute ? counts[index] : new long[Series.values().length];
            minutes.add(new Minute(Instant.ofEpochMilli(minute * MINUTE_MILLIS), c[Series.REQUESTS.ordinal()],
                    c[Series.APPROVED.ordinal()], c[Series.REJECTED.ordinal()], c[Series.MANUAL_REVIEW.ordinal()],
                    c[Series.REVIEW_APPROVED.ordinal()], c[Series.REVIEW_REJECTED.ordinal()],
                    c[Series.EMAILS.ordinal()]));
        }
        return minutes;
    }
}
