package io.refundflow.evaluator.review;

import io.refundflow.evaluator.decide.ReviewOpening;
import io.refundflow.evaluator.model.review.ReviewRow;
import io.refundflow.events.Ground;
import io.refundflow.events.LocalizedText;
import io.refundflow.events.Money;
import io.refundflow.events.ProductKind;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code manual_review} table. Claiming and deciding are conditional updates: the database, not the
 * application, makes sure that one case is claimed by one reviewer and decided once. A row reads as a
 * {@link ReviewRow}; the files the customer adds later are {@link ReviewEvidenceFiles}.
 */
@Repository
class ManualReviews {

    private final JdbcTemplate jdbc;

    ManualReviews(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void openAll(List<ReviewOpening> cases) {
        if (cases.isEmpty()) {
            return;
        }
        jdbc.update("""
                insert into manual_review (refund_id, order_id, ground, product_kind, status, opened_at)
                select refund_id, order_id, ground, product_kind, 'OPEN', opened_at
                from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[])
                    as c(refund_id, order_id, ground, product_kind, opened_at)
                on conflict (refund_id) do nothing""",
                cases.stream().map(ReviewOpening::refundId).toArray(String[]::new),
                cases.stream().map(ReviewOpening::orderId).toArray(String[]::new),
                cases.stream().map(c -> c.ground().name()).toArray(String[]::new),
                cases.stream().map(c -> c.productKind() == null ? null : c.productKind().name())
                        .toArray(String[]::new),
                cases.stream().map(c -> c.openedAt().toString()).toArray(String[]::new));
    }

    Optional<ReviewRow> find(String refundId) {
        return jdbc.query("select * from manual_review where refund_id = ?", ReviewRows::read, refundId)
                .stream().findFirst();
    }

    /** The undecided cases, oldest first, optionally of one ground and one product kind. */
    List<QueueRow> queue(Ground ground, ProductKind productKind, int offset, int limit) {
        List<Object> args = new ArrayList<>();
        String where = filter(ground, productKind, args);
        args.add(limit);
        args.add(offset);
        return jdbc.query("select r.*, d.rule_id, d.reason_code as decision_reason_code, d.refund_amount, d.refund_currency"
                + " from manual_review r join decision d on d.refund_id = r.refund_id"
                + " where r.status <> 'DECIDED'" + where
                + " order by r.opened_at, r.refund_id limit ? offset ?",
                (rs, i) -> {
                    String currency = rs.getString("refund_currency");
                    return new QueueRow(ReviewRows.read(rs, i), rs.getString("rule_id"), rs.getString("decision_reason_code"),
                            currency == null ? null
                                    : new Money(rs.getBigDecimal("refund_amount"), currency.strip()).normalized());
                }, args.toArray());
    }

    long count(Ground ground, ProductKind productKind) {
        List<Object> args = new ArrayList<>();
        String where = filter(ground, productKind, args);
        Long count = jdbc.queryForObject("select count(*) from manual_review r where r.status <> 'DECIDED'" + where,
                Long.class, args.toArray());
        return count == null ? 0 : count;
    }

    /** How many undecided reviews opened before their ground's cutoff (a ground without one is never late). */
    long countOpenedBefore(Map<Ground, Instant> cutoffs) {
        if (cutoffs.isEmpty()) {
            return 0;
        }
        List<Object> args = new ArrayList<>();
        String late = lateClause(cutoffs, args);
        // a case waiting for the customer's evidence is late by the customer's answerBy, not by this cutoff
        Long count = jdbc.queryForObject("select count(*) from manual_review where status not in ('DECIDED',"
                + " 'AWAITING_EVIDENCE') and (" + late + ")", Long.class, args.toArray());
        return count == null ? 0 : count;
    }

    /**
     * Undecided reviews in reviewers' hands (not waiting for the customer's evidence) opened before their ground's
     * cutoff and never escalated, oldest first.
     */
    List<ReviewRow> overdueNotEscalated(Map<Ground, Instant> cutoffs, int limit) {
        if (cutoffs.isEmpty()) {
            return List.of();
        }
        List<Object> args = new ArrayList<>();
        String late = lateClause(cutoffs, args);
        args.add(limit);
        return jdbc.query("select * from manual_review where status in ('OPEN', 'CLAIMED', 'AWAITING_SECOND_APPROVAL')"
                + " and overdue_escalated_at is null and (" + late + ") order by opened_at limit ?",
                ReviewRows::read, args.toArray());
    }

    /** @return true if this call recorded the escalation; false if it was escalated already */
    boolean markEscalated(String refundId, Instant now) {
        return jdbc.update("update manual_review set overdue_escalated_at = ? where refund_id = ?"
                + " and overdue_escalated_at is null", Timestamp.from(now), refundId) == 1;
    }

    /** A claim let go because it expired: whose it was and since when. */
    record ExpiredClaim(String refundId, String reviewer, Instant claimedAt) {
    }

    /** Returns every case claimed before {@code cutoff} and still undecided to the queue. */
    List<ExpiredClaim> releaseClaimsBefore(Instant cutoff) {
        return jdbc.query("""
                update manual_review r set status = 'OPEN', claimed_by = null, claimed_at = null
                from manual_review old
                where r.refund_id = old.refund_id and r.status = 'CLAIMED' and r.claimed_at < ?
                returning r.refund_id, old.claimed_by, old.claimed_at""",
                (rs, n) -> new ExpiredClaim(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()),
                Timestamp.from(cutoff));
    }

    /**
     * Sends the case of the reviewer's claim to wait for the customer's evidence; the claim is let go, since the
     * case returns to the queue for anyone once the files arrive.
     *
     * @return true if this reviewer's claim was turned into the request; false if someone else won
     */
    boolean requestEvidence(String refundId, String reviewer, Instant now, String message, Instant answerBy) {
        return jdbc.update("""
                update manual_review set status = 'AWAITING_EVIDENCE', claimed_by = null, claimed_at = null,
                    evidence_requested_by = ?, evidence_requested_at = ?, evidence_message = ?, evidence_answer_by = ?
                where refund_id = ? and status = 'CLAIMED' and claimed_by = ?""",
                reviewer, Timestamp.from(now), message, Timestamp.from(answerBy), refundId, reviewer) == 1;
    }

    /** The policy's own request for evidence, on a case just opened: it waits for the customer before a reviewer. */
    boolean requestEvidenceOnOpening(String refundId, String by, Instant now, String message, Instant answerBy) {
        return jdbc.update("""
                update manual_review set status = 'AWAITING_EVIDENCE', evidence_requested_by = ?,
                    evidence_requested_at = ?, evidence_message = ?, evidence_answer_by = ?
                where refund_id = ? and status = 'OPEN'""",
                by, Timestamp.from(now), message, Timestamp.from(answerBy), refundId) == 1;
    }

    /**
     * Returns a case that waited for evidence to the queue, where it keeps its place (its {@code opened_at}).
     *
     * @return false when the case was not waiting (decided meanwhile, e.g. because the wait ended)
     */
    boolean resume(String refundId) {
        return jdbc.update("update manual_review set status = 'OPEN' where refund_id = ? and status = 'AWAITING_EVIDENCE'",
                refundId) == 1;
    }

    /** The cases whose customer did not add evidence before answerBy, oldest wait first. */
    List<String> evidenceWaitsEndedBefore(Instant now, int limit) {
        return jdbc.queryForList("""
                select refund_id from manual_review where status = 'AWAITING_EVIDENCE' and evidence_answer_by < ?
                order by evidence_answer_by limit ?""", String.class, Timestamp.from(now), limit);
    }

    /**
     * Rejects a case whose wait for evidence ended; the service that asked decides it.
     *
     * @return false when the case is no longer waiting (the files arrived meanwhile, or another instance decided it)
     */
    boolean rejectUnanswered(String refundId, String decidedBy, Instant now, String reasonCode, LocalizedText reason,
            String eventId) {
        return jdbc.update("""
                update manual_review set status = 'DECIDED', decided_by = ?, decided_at = ?, approved = false,
                    reason_code = ?, reason_en = ?, reason_zh = ?, reviewed_event_id = ?
                where refund_id = ? and status = 'AWAITING_EVIDENCE' and evidence_answer_by < ?""",
                decidedBy, Timestamp.from(now), reasonCode, reason.en(), reason.zh(), eventId, refundId,
                Timestamp.from(now)) == 1;
    }

    /** @return true if the reviewer holds the claim now (newly, or already) */
    boolean claim(String refundId, String reviewer, Instant now) {
        return jdbc.update("""
                update manual_review set claimed_at = case when status = 'OPEN' then ? else claimed_at end,
                    status = 'CLAIMED', claimed_by = ?
                where refund_id = ? and (status = 'OPEN' or (status = 'CLAIMED' and claimed_by = ?))""",
                Timestamp.from(now), reviewer, refundId, reviewer) == 1;
    }

    /**
     * Records an approval above the four-eyes threshold as the first of two; the claim is let go, since any other
     * reviewer may give the second.
     *
     * @return true if this reviewer's claim was turned into the first approval; false if someone else won
     */
    boolean approveFirst(String refundId, String reviewer, Instant now, Money amount, LocalizedText reason) {
        return jdbc.update("""
                update manual_review set status = 'AWAITING_SECOND_APPROVAL', claimed_by = null, claimed_at = null,
                    first_approved_by = ?, first_approved_at = ?, first_amount = ?, first_currency = ?,
                    first_reason_en = ?, first_reason_zh = ?
                where refund_id = ? and status = 'CLAIMED' and claimed_by = ?""",
                reviewer, Timestamp.from(now), amount.amount(), amount.currency(), reason.en(), reason.zh(),
                refundId, reviewer) == 1;
    }

    /**
     * What the reviewer approved alone (no second reviewer) on the order's cases decided since {@code since}, in the
     * currency: the four-eyes threshold counts it with the next approval, so that splitting cannot avoid it.
     */
    Money approvedAlone(String orderId, String reviewer, String currency, Instant since) {
        BigDecimal total = jdbc.queryForObject("""
                select coalesce(sum(amount), 0) from manual_review
                where order_id = ? and decided_by = ? and status = 'DECIDED' and approved and amount is not null
                    and first_approved_by is null and currency = ? and decided_at >= ?""",
                BigDecimal.class, orderId, reviewer, currency, Timestamp.from(since));
        return new Money(total, currency).normalized();
    }

    /**
     * @return true if this reviewer's claim, or the first approval this reviewer did not give, was turned into the
     *         decision; false if someone else won
     */
    boolean decide(String refundId, String reviewer, Instant now, boolean approved, Money amount, String reasonCode,
            LocalizedText reason, String eventId) {
        return jdbc.update("""
                update manual_review set status = 'DECIDED', decided_by = ?, decided_at = ?, approved = ?,
                    amount = ?, currency = ?, reason_code = ?, reason_en = ?, reason_zh = ?, reviewed_event_id = ?
                where refund_id = ? and ((status = 'CLAIMED' and claimed_by = ?)
                    or (status = 'AWAITING_SECOND_APPROVAL' and first_approved_by <> ?))""",
                reviewer, Timestamp.from(now), approved, amount == null ? null : amount.amount(),
                amount == null ? null : amount.currency(), reasonCode, reason.en(), reason.zh(), eventId,
                refundId, reviewer, reviewer) == 1;
    }

    private static String lateClause(Map<Ground, Instant> cutoffs, List<Object> args) {
        return cutoffs.entrySet().stream().map(cutoff -> {
            args.add(cutoff.getKey().name());
            args.add(Timestamp.from(cutoff.getValue()));
            return "(ground = ? and opened_at < ?)";
        }).collect(Collectors.joining(" or "));
    }

    private static String filter(Ground ground, ProductKind productKind, List<Object> args) {
        StringBuilder where = new StringBuilder();
        if (ground != null) {
            where.append(" and r.ground = ?");
            args.add(ground.name());
        }
        if (productKind != null) {
            where.append(" and r.product_kind = ?");
            args.add(productKind.name());
        }
        return where.toString();
    }

    record QueueRow(ReviewRow review, String ruleId, String reasonCode, Money proposedAmount) {
    }
}
