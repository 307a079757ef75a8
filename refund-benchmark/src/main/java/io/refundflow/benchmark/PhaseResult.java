package io.refundflow.benchmark;

import java.util.List;
import java.util.Map;

/** What one phase of the run measured. */
public record PhaseResult(
        String name,
        String system,
        String mode,
        String path,
        String mix,
        double targetRate,
        double durationSeconds,
        double achievedSubmitRate,
        double sustainedEmailedPerSecond,
        double overallEmailedPerSecond,
        LatencySummary submitToDecision,
        LatencySummary submitToEmail,
        LatencySummary httpSubmit,
        double commitsPerRefund,
        long httpErrors,
        List<String> httpErrorExamples,
        Checks checks,
        Map<String, ProcessSampler.Usage> resources,
        double machineCpuPercent,
        boolean drainedInTime,
        String note,
        Map<String, Double> cpuMillisPerRefund,
        HttpDriver.Outcomes httpOutcomes,
        Map<String, Double> compilerMillisPerRefund) {

    /**
     * The phase's own correctness checks: every submitted refund exactly one decision and one email each. A
     * decision other than the scenario expects (for the peer also a wrong amount) is counted, not a loss.
     * {@code unanswered}: refunds whose request the client sent but whose answer never came (a read time-out);
     * they are not submitted, so not checked for loss, but what the system did with them is checked for duplicates.
     */
    public record Checks(
            long submitted,
            long decided,
            long emailed,
            long manualReview,
            long lostDecision,
            long lostEmail,
            long failedEmail,
            long duplicateDecision,
            long duplicateEmail,
            long inboxMismatch,
            long unexpectedOutcome,
            long redeliveredEvents,
            long unanswered,
            List<String> examples) {

        public boolean passed() {
            return lostDecision == 0 && lostEmail == 0 && failedEmail == 0 && duplicateDecision == 0
                    && duplicateEmail == 0 && inboxMismatch == 0;
        }

        public String summary() {
            if (passed()) {
                return "ok";
            }
            StringBuilder s = new StringBuilder("FAIL:");
            failure(s, lostDecision, "without decision");
            failure(s, lostEmail, "without email");
            failure(s, failedEmail, "email failed");
            failure(s, duplicateDecision, "duplicate decisions");
            failure(s, duplicateEmail, "duplicate emails");
            failure(s, inboxMismatch, "inbox mismatches");
            return s.toString();
        }

        /** Names a kind of failure in the summary, as {@code " <count> <what>;"}, when there was any. */
        private static void failure(StringBuilder summary, long count, String what) {
            if (count > 0) {
                summary.append(" ").append(count).append(" ").append(what).append(";");
            }
        }
    }
}
