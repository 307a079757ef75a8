package io.refundflow.benchmark;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Everything the benchmark saw of each refund: when it was submitted (the intended send time), every decision
 * (with the amount it grants, checked against the scenario's) and every notification that arrived on the topics
 * (or, for the peer, in its HTTP answers and the inbox), and the emails in the SMTP server's inbox. Events may
 * arrive before the HTTP answer that names the refund; they wait in the same entry. Thread-safe.
 */
public final class RefundLedger {

    /** One decision event as seen on refund.decisions; {@code refund}: the amount approved, null if none. */
    public record Decision(String eventId, String ceType, BigDecimal refund, long atNanos) {
    }

    /** One notification event as seen on refund.notifications. */
    public record Notification(String eventId, String decisionEventId, String status, long atNanos) {
    }

    static final class Entry {
        final String refundId;
        volatile String phase;
        volatile Scenario scenario;
        volatile long submitNanos;
        volatile boolean submitted;
        /** Sent, but its answer never came: the system may or may not have taken it. */
        volatile boolean unanswered;
        final List<Decision> decisions = new ArrayList<>(1);
        final List<Notification> notifications = new ArrayList<>(1);
        int emails;
        final Set<String> messageIds = new HashSet<>(1);

        Entry(String refundId) {
            this.refundId = refundId;
        }
    }

    /** Live counters of one phase, for the progress line and the in-flight window. */
    public static final class Counters {
        public final AtomicLong submitted = new AtomicLong();
        public final AtomicLong decided = new AtomicLong();
        public final AtomicLong emailed = new AtomicLong();
        public final AtomicLong errors = new AtomicLong();

        public long inFlight() {
            return submitted.get() - emailed.get();
        }
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, Counters> counters = new ConcurrentHashMap<>();

    public Counters counters(String phase) {
        return counters.computeIfAbsent(phase, p -> new Counters());
    }

    /** A refund was submitted at {@code submitNanos} (the intended send time, {@link System#nanoTime()}). */
    public void submitted(String refundId, String phase, Scenario scenario, long submitNanos) {
        Entry e = entries.computeIfAbsent(refundId, Entry::new);
        boolean decidedBefore;
        boolean emailedBefore;
        synchronized (e) {
            e.phase = phase;
            e.scenario = scenario;
            e.submitNanos = submitNanos;
            e.submitted = true;
            decidedBefore = !e.decisions.isEmpty();
            emailedBefore = e.notifications.stream().anyMatch(n -> "SENT".equals(n.status()));
        }
        Counters c = counters(phase);
        c.submitted.incrementAndGet();
        if (decidedBefore) {
            c.decided.incrementAndGet();
        }
        if (emailedBefore) {
            c.emailed.incrementAndGet();
        }
    }

    /**
     * A request for the refund was sent and the client gave up waiting for its answer (a read time-out): the
     * system may or may not have taken it, so the refund is neither submitted nor a stranger. If it was taken, its
     * events and emails are checked for duplicates, not for loss.
     */
    public void unanswered(String refundId, String phase, Scenario scenario) {
        Entry e = entries.computeIfAbsent(refundId, Entry::new);
        synchronized (e) {
            if (!e.submitted) {
                e.phase = phase;
                e.scenario = scenario;
                e.unanswered = true;
            }
        }
    }

    public void decision(String refundId, String eventId, String ceType, long atNanos) {
        decision(refundId, eventId, ceType, null, atNanos);
    }

    /** A decision that grants {@code refund} (null: none, or not known); checked against the scenario's. */
    public void decision(String refundId, String eventId, String ceType, BigDecimal refund, long atNanos) {
        Entry e = entries.computeIfAbsent(refundId, Entry::new);
        boolean first;
        String phase;
        synchronized (e) {
            first = e.decisions.isEmpty();
            e.decisions.add(new Decision(eventId, ceType, refund, atNanos));
            phase = e.submitted ? e.phase : null;
        }
        if (first && phase != null) {
            counters(phase).decided.incrementAndGet();
        }
    }

    public void notification(String refundId, String eventId, String decisionEventId, String status, long atNanos) {
        Entry e = entries.computeIfAbsent(refundId, Entry::new);
        boolean firstSent;
        String phase;
        synchronized (e) {
            firstSent = "SENT".equals(status) && e.notifications.stream().noneMatch(n -> "SENT".equals(n.status()));
            e.notifications.add(new Notification(eventId, decisionEventId, status, atNanos));
            phase = e.submitted ? e.phase : null;
        }
        if (firstSent && phase != null) {
            counters(phase).emailed.incrementAndGet();
        }
    }

    /** One email for the refund was found in the SMTP server's inbox. */
    public void email(String refundId) {
        email(refundId, null);
    }

    /** One email for the refund, with its Message-ID header (null if none), was found in the inbox. */
    public void email(String refundId, String messageId) {
        Entry e = entries.computeIfAbsent(refundId, Entry::new);
        synchronized (e) {
            e.emails++;
            if (messageId != null) {
                e.messageIds.add(messageId);
            }
        }
    }

    /** Whether every refund of the phase has its decision and, for each decision, a notification. */
    public boolean settled(String phase) {
        for (Entry e : entries.values()) {
            if (phase.equals(e.phase) && e.submitted) {
                synchronized (e) {
                    Set<String> decisions = distinctDecisions(e).keySet();
                    if (decisions.isEmpty()) {
                        return false;
                    }
                    Set<String> answered = new HashSet<>();
                    e.notifications.forEach(n -> answered.add(n.decisionEventId()));
                    if (!answered.containsAll(decisions)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** The checks and latencies of one phase; {@code checkInbox} also compares the SMTP inbox. */
    public PhaseResult.Checks check(String phase, boolean checkInbox, Histogram toDecision, Histogram toEmail,
            List<Long> emailTimes) {
        long submitted = 0;
        long decided = 0;
        long emailed = 0;
        long lostDecision = 0;
        long lostEmail = 0;
        long duplicateDecision = 0;
        long duplicateEmail = 0;
        long failedEmail = 0;
        long inboxMismatch = 0;
        long unexpectedOutcome = 0;
        long redelivered = 0;
        long manualReview = 0;
        long unanswered = 0;
        List<String> examples = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (!phase.equals(e.phase)) {
                continue;
            }
            if (!e.submitted) {
                synchronized (e) {
                    if (e.unanswered) {
                        unanswered++;
                        Map<String, Decision> decisions = distinctDecisions(e);
                        if (duplicated(decisions)) {
                            duplicateDecision++;
                            example(examples, decisions.size() + " decisions for " + e.refundId + " (answer lost)");
                        }
                        if (e.emails > Math.max(1, decisions.size())) {
                            duplicateEmail++;
                            example(examples, e.emails + " emails for " + e.refundId + " (answer lost)");
                        }
                    }
                }
                continue;
            }
            synchronized (e) {
                submitted++;
                Map<String, Decision> decisions = distinctDecisions(e);
                redelivered += e.decisions.size() - decisions.size();
                if (decisions.isEmpty()) {
                    lostDecision++;
                    example(examples, "no decision for " + e.refundId);
                    continue;
                }
                decided++;
                Decision first = e.decisions.get(0);
                toDecision.recordValue(micros(first.atNanos() - e.submitNanos));
                if (duplicated(decisions)) {
                    duplicateDecision++;
                    example(examples, decisions.size() + " decisions for " + e.refundId);
                }
                if (e.scenario != null && !e.scenario.matches(first.ceType())) {
                    unexpectedOutcome++;
                    example(examples, e.refundId + " (" + e.scenario + ") decided " + first.ceType());
                } else if (e.scenario != null && first.refund() != null
                        && first.refund().compareTo(e.scenario.expectedRefund()) != 0) {
                    unexpectedOutcome++;
                    example(examples, e.refundId + " (" + e.scenario + ") granted " + first.refund().toPlainString()
                            + " instead of " + e.scenario.expectedRefund().toPlainString());
                }
                if (first.ceType().endsWith(".manual-review-required.v1")) {
                    manualReview++;
                }
                Map<String, Set<String>> sentPerDecision = new HashMap<>();
                Set<String> seenNotificationIds = new HashSet<>();
                Notification firstSent = null;
                boolean failed = false;
                for (Notification n : e.notifications) {
                    if (!seenNotificationIds.add(n.eventId())) {
                        redelivered++;
                        continue;
                    }
                    if ("SENT".equals(n.status())) {
                        sentPerDecision.computeIfAbsent(n.decisionEventId(), k -> new HashSet<>()).add(n.eventId());
                        if (firstSent == null) {
                            firstSent = n;
                        }
                    } else {
                        failed = true;
                    }
                }
                if (failed) {
                    failedEmail++;
                    example(examples, "email FAILED for " + e.refundId);
                }
                boolean missing = false;
                for (String decisionId : decisions.keySet()) {
                    int sent = sentPerDecision.getOrDefault(decisionId, Set.of()).size();
                    if (sent == 0) {
                        missing = true;
                    } else if (sent > 1) {
                        duplicateEmail++;
                        example(examples, sent + " emails for decision " + decisionId + " of " + e.refundId);
                    }
                }
                if (missing && !failed) {
                    lostEmail++;
                    example(examples, "no email for " + e.refundId);
                }
                if (firstSent != null) {
                    emailed++;
                    toEmail.recordValue(micros(firstSent.atNanos() - e.submitNanos));
                    emailTimes.add(firstSent.atNanos());
                }
                if (checkInbox && e.emails != decisions.size()) {
                    inboxMismatch++;
                    example(examples, e.refundId + ": " + e.emails + " emails in the inbox for " + decisions.size()
                            + " decisions");
                    if (e.emails > decisions.size()) {
                        duplicateEmail++;
                        if (!e.messageIds.isEmpty() && e.messageIds.size() <= decisions.size()) {
                            example(examples, e.refundId + ": the extra email repeats the Message-ID "
                                    + e.messageIds + " (a resend after an unanswered SMTP reply)");
                        }
                    }
                }
            }
        }
        return new PhaseResult.Checks(submitted, decided, emailed, manualReview, lostDecision, lostEmail,
                failedEmail, duplicateDecision, duplicateEmail, inboxMismatch, unexpectedOutcome, redelivered,
                unanswered, examples);
    }

    /**
     * The latencies of the phase's refunds whose first decision, or first {@code SENT} notification, arrived in
     * {@code [fromNanos, toNanos)}: a soak's interval, judged by what completed in it.
     */
    public void arrivals(String phase, long fromNanos, long toNanos, Histogram toDecision, Histogram toEmail) {
        for (Entry e : entries.values()) {
            if (!phase.equals(e.phase) || !e.submitted) {
                continue;
            }
            synchronized (e) {
                if (!e.decisions.isEmpty()) {
                    long at = e.decisions.get(0).atNanos();
                    if (at >= fromNanos && at < toNanos) {
                        toDecision.recordValue(micros(at - e.submitNanos));
                    }
                }
                e.notifications.stream().filter(n -> "SENT".equals(n.status())).findFirst()
                        .filter(n -> n.atNanos() >= fromNanos && n.atNanos() < toNanos)
                        .ifPresent(n -> toEmail.recordValue(micros(n.atNanos() - e.submitNanos)));
            }
        }
    }

    /** Refund ids that got events but were never sent by this benchmark (should be none). */
    public long strangers() {
        return entries.values().stream().filter(e -> !e.submitted && !e.unanswered).count();
    }

    /** More than one automatic decision, or more than one reviewer's, for one refund. */
    private static boolean duplicated(Map<String, Decision> decisions) {
        long automatic = decisions.values().stream()
                .filter(d -> !d.ceType().endsWith(".manual-review-required.v1")
                        && !d.ceType().endsWith(".reviewed.v1"))
                .count();
        return automatic > 1 || decisions.size() - automatic > 1;
    }

    private static Map<String, Decision> distinctDecisions(Entry e) {
        Map<String, Decision> distinct = new HashMap<>();
        for (Decision d : e.decisions) {
            distinct.putIfAbsent(d.eventId(), d);
        }
        return distinct;
    }

    private static long micros(long nanos) {
        return Math.max(1, nanos / 1000);
    }

    private static void example(List<String> examples, String text) {
        if (examples.size() < 10) {
            examples.add(text);
        }
    }
}
