package io.refundflow.faults;

import java.time.Duration;

/**
 * How hard the suite pushes. The CI variant fits the build's time budget; the long variant
 * ({@code -Drefund.faults.long=true} or {@code REFUND_FAULTS_LONG=true}) sends more refunds and keeps every
 * outage longer, SMTP away for a full minute.
 *
 * @param refundsPerSecond  the steady stream's rate (HTTP and foreign events together)
 * @param httpShare         fraction of the stream that goes through HTTP contact + submit
 * @param pgRefusal         how long PostgreSQL refuses the services' login
 * @param smtpAway          how long SMTP is gone
 * @param settle            pause between two faults, with the stream running
 * @param tail              how long the stream goes on after the last fault
 * @param drain             longest wait, after the stream stops, for every decision and email
 */
record FaultSettings(boolean longVariant, double refundsPerSecond, double httpShare, Duration pgRefusal,
        Duration smtpAway, Duration settle, Duration tail, Duration drain) {

    /**
     * How long a probe or an attack waits out intake's admission gate (503 overloaded, nothing looked at) before its
     * answer counts as it is: the backlog the gate counts drains within seconds once the evaluator catches up.
     */
    static final Duration GATE_PATIENCE = Duration.ofSeconds(60);

    static FaultSettings fromEnvironment() {
        boolean longRun = Boolean.parseBoolean(System.getProperty("refund.faults.long", "false"))
                || Boolean.parseBoolean(System.getenv().getOrDefault("REFUND_FAULTS_LONG", "false"));
        return longRun
                ? new FaultSettings(true, 8, 0.6, Duration.ofSeconds(45), Duration.ofSeconds(60),
                        Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofMinutes(6))
                : new FaultSettings(false, 4, 0.6, Duration.ofSeconds(10), Duration.ofSeconds(15),
                        Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(90));
    }

    String name() {
        return longVariant ? "long" : "CI";
    }
}
