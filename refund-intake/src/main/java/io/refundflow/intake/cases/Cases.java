package io.refundflow.intake.cases;

import io.refundflow.events.Money;
import io.refundflow.intake.locks.TransactionLocks;
import io.refundflow.intake.model.CaseStatus;
import io.refundflow.intake.model.Channel;
import io.refundflow.intake.model.EvidenceRequest;
import io.refundflow.intake.model.RefundCase;
import io.refundflow.intake.settings.IntakeProperties;
import io.refundflow.platform.jdbc.TextArrays;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Cases and their timelines in PostgreSQL. */
@Repository
public class Cases {

    /**
     * Timeline entries in their order (the ids the column's sequence gives them follow it, and the timeline is read
     * in id order): the statement text is the same however many there are, so one prepared plan serves every count.
     */
    private static final String TIMELINE_INSERT = """
            insert into timeline_entry (case_id, refund_id, step, occurred_at, outcome, refund_amount, refund_currency,
                reason, remedy, detail, event_id)
            select case_id, refund_id, step, occurred_at, outcome, refund_amount, refund_currency, reason, remedy,
                detail, event_id
              from unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::numeric[], ?::text[],
                  ?::text[], ?::text[], ?::text[], ?::text[]) with ordinality
                as t(case_id, refund_id, step, occurred_at, outcome, refund_amount, refund_currency, reason, remedy,
                  detail, event_id, position)
             order by position
            """;

    /** A poll's changed cases, by id: their state columns and time of change. */
    private static final String CASE_UPDATE = """
            update refund_case c set status = v.status, current_refund_id = v.current_refund_id,
                resubmittable = v.resubmittable, evidence_message = v.evidence_message,
                evidence_answer_by = v.evidence_answer_by, updated_at = v.updated_at
              from unnest(?::text[], ?::text[], ?::text[], ?::boolean[], ?::text[], ?::timestamptz[],
                  ?::timestamptz[]) as v(case_id, status, current_refund_id, resubmittable, evidence_message,
                  evidence_answer_by, updated_at)
             where c.case_id = v.case_id""";

    private final JdbcTemplate jdbc;
    private final TransactionLocks locks;
    private final Clock clock;
    private final String prefix;

    public Cases(JdbcTemplate jdbc, TransactionLocks locks, Clock clock, IntakeProperties properties) {
        this.jdbc = jdbc;
        this.locks = locks;
        this.clock = clock;
        this.prefix = properties.caseNumberPrefix();
    }

    /**
     * Stores a new case as it is and its first timeline entries, in one statement: {@code draft} has no case
     * number yet, the insert draws it from the sequence ({@link #openAll}).
     */
    public RefundCase open(RefundCase draft, List<TimelineEntry> entries) {
        return openAll(List.of(draft), entries).get(0);
    }

    /**
     * Stores new cases as they are, each with a number drawn from the sequence in their order, and their first
     * timeline entries: one statement however many they are, one round trip (the entries reference cases the same
     * statement inserts: PostgreSQL checks a reference at the end of the statement). Returns the cases numbered, in
     * their order.
     */
    public List<RefundCase> openAll(List<RefundCase> drafts, List<TimelineEntry> entries) {
        Map<String, String> numbers = new HashMap<>();
        // "%06d" in SQL: at least six digits, never cut
        jdbc.query("with timeline as (" + TIMELINE_INSERT + ")" + """
                insert into refund_case (case_id, case_number, customer_id, order_id, channel, description, opened_by,
                    status, current_refund_id, resubmittable, evidence_message, evidence_answer_by, created_at,
                    updated_at)
                select case_id, prefix || lpad(n::text, greatest(6, length(n::text)), '0'), customer_id, order_id,
                    channel, description, opened_by, status, current_refund_id, resubmittable, evidence_message,
                    evidence_answer_by, created_at, updated_at
                  from (select v.*, nextval('case_number_seq') as n
                          from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                              ?::text[], ?::text[], ?::boolean[], ?::text[], ?::timestamptz[], ?::timestamptz[],
                              ?::timestamptz[]) with ordinality
                            as v(case_id, prefix, customer_id, order_id, channel, description, opened_by, status,
                              current_refund_id, resubmittable, evidence_message, evidence_answer_by, created_at,
                              updated_at, position)
                         order by position) drawn
                returning case_id, case_number""", statement -> {
                    int next = setTimeline(statement, entries);
                    statement.setArray(next++, TextArrays.column(statement, drafts, RefundCase::caseId));
                    statement.setArray(next++, TextArrays.column(statement, drafts, this::caseNumberPrefix));
                    statement.setArray(next++, TextArrays.column(statement, drafts, RefundCase::customerId));
                    statement.setArray(next++, TextArrays.column(statement, drafts, RefundCase::orderId));
                    statement.setArray(next++, TextArrays.column(statement, drafts, RefundCase::channel));
                    statement.setArray(next++, TextArrays.column(statement, drafts, RefundCase::description));
                    statement.setArray(next++, TextArrays.column(statement, drafts, RefundCase::openedBy));
                    next = setState(statement, drafts, next);
                    statement.setArray(next++, TextArrays.column(statement, drafts, RefundCase::createdAt));
                    statement.setArray(next, TextArrays.column(statement, drafts, RefundCase::updatedAt));
                }, (ResultSet rs) -> {
                    numbers.put(rs.getString("case_id"), rs.getString("case_number"));
                });
        return drafts.stream().map(draft -> draft.numbered(numbers.get(draft.caseId()))).toList();
    }

    /** The case number's prefix: the marketplace's own, then the year the case was opened. */
    private String caseNumberPrefix(RefundCase draft) {
        return prefix + "-" + draft.createdAt().atZone(ZoneOffset.UTC).getYear() + "-";
    }

    /** Locks the order's cases until the end of the transaction (cases opened at once are counted in turn). */
    void lockOrder(String orderId) {
        locks.hold("cases:" + orderId);
    }

    /** How many cases were opened on the order since then. */
    long openedSince(String orderId, Instant since) {
        Long opened = jdbc.queryForObject("select count(*) from refund_case where order_id = ? and created_at >= ?",
                Long.class, orderId, ts(since));
        return opened == null ? 0 : opened;
    }

    public Optional<RefundCase> find(String caseId) {
        return jdbc.query("select * from refund_case where case_id = ?", Cases::map, caseId).stream().findFirst();
    }

    /** Reads the case and locks it until the end of the transaction. */
    public Optional<RefundCase> lock(String caseId) {
        return jdbc.query("select * from refund_case where case_id = ? for update", Cases::map, caseId).stream()
                .findFirst();
    }

    /**
     * Reads these cases and locks them until the end of the transaction, in one statement and in the order of
     * their ids, so that two transactions locking some of the same cases never wait for each other in a circle.
     */
    public Map<String, RefundCase> lockAll(Collection<String> caseIds) {
        Map<String, RefundCase> locked = new HashMap<>();
        if (caseIds.isEmpty()) {
            return locked;
        }
        jdbc.query("select * from refund_case where case_id = any(?) order by case_id for update",
                statement -> statement.setArray(1, TextArrays.of(statement, caseIds)),
                (ResultSet rs) -> {
                    RefundCase c = map(rs, 0);
                    locked.put(c.caseId(), c);
                });
        return locked;
    }

    /**
     * Stores the case's status and current request as they now are (the case row was locked or just opened) and
     * appends the step that changed it.
     */
    public void save(RefundCase c, TimelineEntry step) {
        saveAll(List.of(c), List.of(step));
    }

    /**
     * As {@link #save} for several cases (each once) and their steps, in one statement: a poll's changes are one
     * round trip however many cases they touch.
     */
    public void saveAll(List<RefundCase> changed, List<TimelineEntry> steps) {
        if (changed.isEmpty()) {
            appendAll(steps);
            return;
        }
        jdbc.update(steps.isEmpty() ? CASE_UPDATE : "with timeline as (" + TIMELINE_INSERT + ")" + CASE_UPDATE,
                statement -> {
                    int next = steps.isEmpty() ? 1 : setTimeline(statement, steps);
                    statement.setArray(next++, TextArrays.column(statement, changed, RefundCase::caseId));
                    next = setState(statement, changed, next);
                    statement.setArray(next, TextArrays.column(statement, changed, RefundCase::updatedAt));
                });
    }

    /**
     * Sets a case's state columns, in the order both statements that write them name them (status, current
     * request, resubmittable, evidence message and answer-by), from {@code first}; returns the next index.
     */
    private static int setState(PreparedStatement statement, List<RefundCase> cases, int first) throws SQLException {
        int next = first;
        statement.setArray(next++, TextArrays.column(statement, cases, RefundCase::status));
        statement.setArray(next++, TextArrays.column(statement, cases, RefundCase::currentRefundId));
        statement.setArray(next++, TextArrays.column(statement, cases, RefundCase::resubmittable));
        statement.setArray(next++, TextArrays.column(statement, cases,
                c -> c.evidenceRequest() == null ? null : c.evidenceRequest().message()));
        statement.setArray(next++, TextArrays.column(statement, cases,
                c -> c.evidenceRequest() == null ? null : c.evidenceRequest().answerBy()));
        return next;
    }

    public List<RefundCase> page(String customerId, int page, int size) {
        if (customerId == null) {
            return jdbc.query("select * from refund_case order by created_at desc, case_id limit ? offset ?",
                    Cases::map, size, (long) page * size);
        }
        return jdbc.query("""
                select * from refund_case where customer_id = ? order by created_at desc, case_id limit ? offset ?""",
                Cases::map, customerId, size, (long) page * size);
    }

    public long count(String customerId) {
        Long count = customerId == null
                ? jdbc.queryForObject("select count(*) from refund_case", Long.class)
                : jdbc.queryForObject("select count(*) from refund_case where customer_id = ?", Long.class,
                        customerId);
        return count == null ? 0 : count;
    }

    public void append(TimelineEntry entry) {
        appendAll(List.of(entry));
    }

    /** Appends the entries in their order, in one statement however many they are (none: no statement). */
    public void appendAll(List<TimelineEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        jdbc.update(TIMELINE_INSERT, statement -> setTimeline(statement, entries));
    }

    /** Sets {@link #TIMELINE_INSERT}'s parameters, the first ones of the statement; returns the next index. */
    private static int setTimeline(PreparedStatement statement, List<TimelineEntry> entries) throws SQLException {
        int next = 1;
        statement.setArray(next++, TextArrays.column(statement, entries, TimelineEntry::caseId));
        statement.setArray(next++, TextArrays.column(statement, entries, TimelineEntry::refundId));
        statement.setArray(next++, TextArrays.column(statement, entries, e -> e.step().name()));
        statement.setArray(next++, TextArrays.column(statement, entries, TimelineEntry::occurredAt));
        statement.setArray(next++, TextArrays.column(statement, entries, TimelineEntry::outcome));
        statement.setArray(next++, TextArrays.column(statement, entries,
                e -> e.refundAmount() == null ? null : e.refundAmount().amount().toPlainString()));
        statement.setArray(next++, TextArrays.column(statement, entries,
                e -> e.refundAmount() == null ? null : e.refundAmount().currency()));
        statement.setArray(next++, TextArrays.column(statement, entries, TimelineEntry::reason));
        statement.setArray(next++, TextArrays.column(statement, entries, TimelineEntry::remedy));
        statement.setArray(next++, TextArrays.column(statement, entries, TimelineEntry::detail));
        statement.setArray(next++, TextArrays.column(statement, entries, TimelineEntry::eventId));
        return next;
    }

    public List<TimelineEntry> timeline(String caseId) {
        return jdbc.query("select * from timeline_entry where case_id = ? order by id", (rs, row) -> {
            String currency = rs.getString("refund_currency");
            return new TimelineEntry(rs.getString("case_id"), rs.getString("refund_id"),
                    TimelineStep.valueOf(rs.getString("step")), rs.getTimestamp("occurred_at").toInstant(),
                    rs.getString("outcome"),
                    currency == null ? null : new Money(rs.getBigDecimal("refund_amount"), currency).normalized(),
                    rs.getString("reason"), rs.getString("remedy"), rs.getString("detail"),
                    rs.getString("event_id"));
        }, caseId);
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    private static RefundCase map(ResultSet rs, int row) throws SQLException {
        return new RefundCase(rs.getString("case_id"), rs.getString("case_number"), rs.getString("customer_id"),
                rs.getString("order_id"), Channel.valueOf(rs.getString("channel")), rs.getString("description"),
                rs.getString("opened_by"), CaseStatus.valueOf(rs.getString("status")),
                rs.getString("current_refund_id"), rs.getBoolean("resubmittable"), evidenceRequest(rs),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }

    private static EvidenceRequest evidenceRequest(ResultSet rs) throws SQLException {
        Timestamp answerBy = rs.getTimestamp("evidence_answer_by");
        return answerBy == null ? null : new EvidenceRequest(rs.getString("evidence_message"), answerBy.toInstant());
    }
}
