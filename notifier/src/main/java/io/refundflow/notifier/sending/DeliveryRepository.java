package io.refundflow.notifier.sending;

import io.refundflow.notifier.model.DeliveryStatus;
import io.refundflow.notifier.model.EmailDelivery;
import io.refundflow.notifier.model.UnconfirmedEmail;
import io.refundflow.platform.jdbc.TextArrays;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code email_delivery} table: one row per event that calls for an email (a decision, a failed
 * settlement), written before and after sending.
 */
@Repository
public class DeliveryRepository {

    private static final String COLUMNS = """
            decision_event_id, seq, refund_id, decision_type, recipient, locale, subject, body_text, body_html,
            message_id, decision_headers::text, decision_payload, source_topic, attempts, created_at""";

    private final JdbcTemplate jdbc;

    public DeliveryRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the emails for events as PENDING, due now: one multi-row statement however many, numbered
     * ({@code seq}) in the order given, which is the order their refunds' emails go out in.
     */
    void insertPending(List<NewDelivery> deliveries, Instant now) {
        jdbc.update("""
                insert into email_delivery (decision_event_id, refund_id, case_number, decision_type, customer_id,
                    recipient, locale, subject, body_text, body_html, message_id, decision_headers, decision_payload,
                    source_topic, order_id, approval, status, attempts, next_attempt_at, created_at)
                select e, r, c, t, cu, rc, l, s, bt, bh, m, h::jsonb, p, st, o, a, 'PENDING', 0, ?, ?
                  from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                              ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                              ?::boolean[])
                       with ordinality as d(e, r, c, t, cu, rc, l, s, bt, bh, m, h, p, st, o, a, n)
                 order by n""", statement -> {
                    statement.setObject(1, utc(now));
                    statement.setObject(2, utc(now));
                    List<Function<NewDelivery, Object>> columns = List.of(NewDelivery::decisionEventId,
                            NewDelivery::refundId, NewDelivery::caseNumber, NewDelivery::decisionType,
                            NewDelivery::customerId, NewDelivery::recipient, NewDelivery::locale, NewDelivery::subject,
                            NewDelivery::bodyText, NewDelivery::bodyHtml, NewDelivery::messageId,
                            NewDelivery::decisionHeaders, NewDelivery::decisionPayload, NewDelivery::sourceTopic,
                            NewDelivery::orderId);
                    int index = 3;
                    for (Function<NewDelivery, Object> column : columns) {
                        statement.setArray(index++, TextArrays.column(statement, deliveries, column));
                    }
                    statement.setArray(index, statement.getConnection().createArrayOf("boolean",
                            deliveries.stream().map(NewDelivery::approval).toArray(Boolean[]::new)));
                });
    }

    /** The first email that told the customer this refund on this order was approved, if there was one. */
    public Optional<ApprovalEmail> approvalEmail(String refundId, String orderId) {
        return jdbc.query("""
                select case_number, locale from email_delivery
                 where refund_id = ? and order_id = ? and approval
                 order by seq limit 1""",
                (rs, row) -> new ApprovalEmail(rs.getString(1), rs.getString(2)), refundId, orderId)
                .stream().findFirst();
    }

    /**
     * As {@link #approvalEmail} for several refunds, in one statement: the first approval email of each refund on
     * its order, by refund and order; a refund never announced as approved there has no entry.
     */
    public Map<RefundOnOrder, ApprovalEmail> approvalEmails(Collection<RefundOnOrder> refunds) {
        Map<RefundOnOrder, ApprovalEmail> found = new HashMap<>();
        if (refunds.isEmpty()) {
            return found;
        }
        List<RefundOnOrder> distinct = List.copyOf(new LinkedHashSet<>(refunds));
        jdbc.query("""
                select distinct on (d.refund_id, d.order_id) d.refund_id, d.order_id, d.case_number, d.locale
                  from email_delivery d
                  join unnest(?::text[], ?::text[]) as k(refund_id, order_id)
                    on d.refund_id = k.refund_id and d.order_id = k.order_id
                 where d.approval
                 order by d.refund_id, d.order_id, d.seq""", statement -> {
                    statement.setArray(1, TextArrays.column(statement, distinct, RefundOnOrder::refundId));
                    statement.setArray(2, TextArrays.column(statement, distinct, RefundOnOrder::orderId));
                }, (ResultSet rs) -> {
                    found.put(new RefundOnOrder(rs.getString("refund_id"), rs.getString("order_id")),
                            new ApprovalEmail(rs.getString("case_number"), rs.getString("locale")));
                });
        return found;
    }

    /**
     * Claims up to {@code limit} due PENDING emails for the caller, at most one per refund: the refund's oldest
     * undelivered one. A later email of the same refund waits until the earlier one is final, so one refund's
     * emails go out in decision order, while other refunds' emails are not held up. One statement, committed on
     * its own: the claim is the row's {@code next_attempt_at} moved to {@code claimedUntil}, so no other sender
     * takes the email (nor the later emails of its refund) while this one sends it, and no row lock is held
     * across SMTP. Rows another sender is claiming right now are skipped, and a row another sender claimed since
     * this statement began is not due any more when it is locked, so it is not taken twice. Should this process
     * die before it records the outcome, the email is due again once the claim runs out.
     *
     * <p>Each refund's oldest waiting email is found in one pass over the waiting emails (a window over them),
     * never by looking up, for each one, its refund's earlier ones: statistics taken while nothing waited (the
     * usual state) make the planner expect no waiting email, and that look-up then became a scan of all waiting
     * emails per waiting email, 9 million rows and 4 s a round for a backlog of 3,000 ({@code ClaimBacklogTest}).
     */
    List<EmailDelivery> claimDue(Instant now, int limit, Instant claimedUntil) {
        List<EmailDelivery> claimed = new ArrayList<>(jdbc.query("""
                with firsts as (
                    select decision_event_id
                      from (select decision_event_id, seq, next_attempt_at,
                                   row_number() over (partition by refund_id order by seq) as nth
                              from email_delivery where status = 'PENDING') waiting
                     where nth = 1 and next_attempt_at <= ?
                     order by seq
                     limit ?),
                due as (
                    select d.decision_event_id as claimed_id
                      from email_delivery d
                     where d.decision_event_id = any(array(select decision_event_id from firsts))
                       and d.status = 'PENDING' and d.next_attempt_at <= ?
                       for update of d skip locked)
                update email_delivery set next_attempt_at = ?
                  from due where decision_event_id = due.claimed_id
                returning\s""" + COLUMNS, DeliveryRepository::row, utc(now), limit, utc(now), utc(claimedUntil)));
        claimed.sort(Comparator.comparingLong(EmailDelivery::seq)); // returning keeps no order
        return claimed;
    }

    /** Keeps the claim on emails still being sent (a slow server) until {@code claimedUntil}; one statement. */
    void extendClaim(List<String> decisionEventIds, Instant claimedUntil) {
        jdbc.update("""
                update email_delivery set next_attempt_at = ?
                 where decision_event_id = any(?) and status = 'PENDING' and next_attempt_at < ?""",
                statement -> {
                    statement.setObject(1, utc(claimedUntil));
                    statement.setArray(2, TextArrays.of(statement, decisionEventIds));
                    statement.setObject(3, utc(claimedUntil));
                });
    }

    /**
     * Records the emails the server accepted, each at the time it did: one statement however many (a batch of
     * single-row updates cost the database one execution per email).
     */
    void markSent(Map<EmailDelivery, Instant> accepted) {
        List<Map.Entry<EmailDelivery, Instant>> rows = List.copyOf(accepted.entrySet());
        jdbc.update("""
                update email_delivery d set status = 'SENT', attempts = d.attempts + 1, last_attempt_at = s.at,
                       sent_at = s.at
                  from unnest(?::text[], ?::timestamptz[]) as s(decision_event_id, at)
                 where d.decision_event_id = s.decision_event_id""", statement -> {
                    statement.setArray(1, TextArrays.column(statement, rows, row -> row.getKey().decisionEventId()));
                    statement.setArray(2, TextArrays.column(statement, rows, Map.Entry::getValue));
                });
    }

    /** An attempt that ended the email for good (FAILED, UNCONFIRMED, DEAD_LETTERED), or scheduled its retry. */
    record Attempt(EmailDelivery delivery, DeliveryStatus status, Instant at, Instant nextAttemptAt, String error) {
    }

    /** Records failed attempts in one round trip: a final status, or PENDING again at its next attempt. */
    void markFailed(List<Attempt> attempts) {
        if (attempts.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                update email_delivery set status = ?, attempts = attempts + 1, last_attempt_at = ?, last_error = ?,
                       next_attempt_at = coalesce(?, next_attempt_at)
                 where decision_event_id = ?""", attempts, attempts.size(), (statement, attempt) -> {
                    statement.setString(1, attempt.status().name());
                    statement.setObject(2, utc(attempt.at()));
                    statement.setString(3, attempt.error());
                    statement.setObject(4, attempt.nextAttemptAt() == null ? null : utc(attempt.nextAttemptAt()),
                            Types.TIMESTAMP_WITH_TIMEZONE);
                    statement.setString(5, attempt.delivery().decisionEventId());
                });
    }

    /** The UNCONFIRMED emails, oldest first. */
    List<UnconfirmedEmail> unconfirmed(int limit) {
        return jdbc.query("""
                select decision_event_id, refund_id, case_number, decision_type, recipient, subject, message_id,
                       attempts, created_at, last_attempt_at, last_error
                  from email_delivery where status = 'UNCONFIRMED' order by seq limit ?""",
                (rs, i) -> new UnconfirmedEmail(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8),
                        rs.getObject(9, OffsetDateTime.class).toInstant(),
                        rs.getObject(10, OffsetDateTime.class).toInstant(), rs.getString(11)), limit);
    }

    /** Puts an UNCONFIRMED email back to PENDING, due now; returns whether there was one. */
    boolean resend(String decisionEventId, Instant now) {
        return jdbc.update("""
                update email_delivery set status = 'PENDING', next_attempt_at = ?
                 where decision_event_id = ? and status = 'UNCONFIRMED'""", utc(now), decisionEventId) == 1;
    }

    Optional<DeliveryStatus> status(String decisionEventId) {
        return jdbc.queryForList("select status from email_delivery where decision_event_id = ?", String.class,
                decisionEventId).stream().map(DeliveryStatus::valueOf).findFirst();
    }

    private static EmailDelivery row(ResultSet rs, int i) throws SQLException {
        return new EmailDelivery(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getString(12), rs.getString(13), rs.getInt(14),
                rs.getObject(15, OffsetDateTime.class).toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /**
     * An email as recorded on consuming the event it is for (a decision or a settlement).
     *
     * @param decisionEventId the event's id; the email's Message-ID derives from it
     * @param sourceTopic     the topic the event was consumed from, where it is dead-lettered
     * @param approval        whether the email tells the customer the refund was approved
     */
    public record NewDelivery(String decisionEventId, String refundId, String caseNumber, String decisionType,
            String customerId, String recipient, String locale, String subject, String bodyText, String bodyHtml,
            String messageId, String decisionHeaders, String decisionPayload, String sourceTopic, String orderId,
            boolean approval) {
    }

    /** A refund on the order a settlement names. */
    public record RefundOnOrder(String refundId, String orderId) {
    }

    /** What the approval email of a refund said it was about: its case, in which language. */
    public record ApprovalEmail(String caseNumber, String locale) {
    }
}
