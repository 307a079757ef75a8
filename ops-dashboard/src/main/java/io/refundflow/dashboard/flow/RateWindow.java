package io.refundflow.dashboard.flow;

/**
 * Counts events per second over a sliding window of whole seconds, in constant memory: one bucket per
 * second of the window, reused as the window moves. Events older than the window are not counted.
 */
final class RateWindow {

    private final int seconds;
    private final long[] counts;
    private final long[] bucketSecond;

    RateWindow(int seconds) {
        this.seconds = seconds;
        this.counts = new long[seconds];
        this.bucketSecond = new long[seconds];
        java.util.Arrays.fill(bucketSecond, Long.MIN_VALUE);
    }

    void record(long epochMilli) {
        long second = Math.floorDiv(epochMilli, 1000);
        int index = (int) Math.floorMod(second, (long) seconds);
        if (bucketSecond[index] == second) {
            counts[index]++;
        } else if (bucketSecond[index] < second) {
            bucketSecond[index] = second;
            counts[index] = 1;
        }
        // else: older than what the bucket holds now, so outside the window
    }

    /** Events per minute over the window ending at {@code nowMilli}. */
    double perMinute(long nowMilli) {
        long now = Math.floorDiv(nowMilli, 1000);
        long sum = 0;
        for (int i = 0; i < seconds; i++) {
            if (bucketSecond[i] > now - seconds && bucketSecond[i] <= now) {
                sum += counts[i];
            }
        }
        return sum * 60.0 / seconds;
    }
}
