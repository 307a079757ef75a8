package io.refundflow.intake.submit;

import io.refundflow.intake.locks.TransactionLocks;
import io.refundflow.platform.jdbc.TextArrays;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Applications (one per refund id) in PostgreSQL; their files are the evidence feature's ({@code EvidenceFiles}). */
@Repository
public class Submissions {

    private final JdbcTemplate jdbc;
    private final TransactionLocks locks;

    public Submissions(JdbcTemplate jdbc, TransactionLocks locks) {
        this.jdbc = jdbc;
        this.locks = locks;
    }

    /** A submitted application: which case it belongs to and whether it still waits for its decision. */
    public record Submission(String refundId, String caseId, String orderId, String locale, boolean open) {
    }

    /** An application to store: the form as submitted, by whom ({@code origin}) and when, open or not. */
    record NewSubmission(String refundId, String caseId, String orderId, SubmissionForm form, String locale,
            String origin, boolean open, Instant at) {
    }

    void insert(NewSubmission submission) {
        insertAll(List.of(submission));
    }

    /** Stores the applications in one statement however many they are. */
    void insertAll(List<NewSubmission> submissions) {
        jdbc.update("""
                insert into submission (refund_id, case_id, order_id, ground, kind, description, phone, locale, origin,
                    open, submitted_at)
                select * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::text[], ?::text[], ?::boolean[], ?::timestamptz[])""", statement -> {
                    statement.setArray(1, TextArrays.column(statement, submissions, NewSubmission::refundId));
                    statement.setArray(2, TextArrays.column(statement, submissions, NewSubmission::caseId));
                    statement.setArray(3, TextArrays.column(statement, submissions, NewSubmission::orderId));
                    statement.setArray(4, TextArrays.column(statement, submissions, s -> s.form().ground()));
                    statement.setArray(5, TextArrays.column(statement, submissions, s -> s.form().kind()));
                    statement.setArray(6, TextArrays.column(statement, submissions, s -> s.form().description()));
                    statement.setArray(7, TextArrays.column(statement, submissions, s -> s.form().phone()));
                    statement.setArray(8, TextArrays.column(statement, submissions, NewSubmission::locale));
                    statement.setArray(9, TextArrays.column(statement, submissions, NewSubmission::origin));
                    statement.setArray(10, TextArrays.column(statement, submissions, NewSubmission::open));
                    statement.setArray(11, TextArrays.column(statement, submissions, NewSubmission::at));
                });
    }

    /**
     * The case number of the case whose request on this order is still open, if any. Only the owner's own requests
     * hold an order open: a partner's request is stored not open (PartnerRequestGate), so it never blocks them.
     */
    Optional<String> openRequestFor(String orderId) {
        return jdbc.queryForList("""
                select c.case_number from submission s join refund_case c on c.case_id = s.case_id
                where s.order_id = ? and s.open""", String.class, orderId).stream().findFirst();
    }

    /**
     * Holds the partners' quotas until the transaction ends, so that a count and the request it lets in are one
     * step for every consumer; TransactionLocks takes several in sorted order, so consumers never deadlock.
     */
    void lockQuotas(Collection<String> origins) {
        locks.hold(origins.stream().map(origin -> "partner-quota:" + origin).toList());
    }

    /**
     * How many requests of this origin were accepted with a submission time after {@code from}; also those stamped
     * later than the request being counted for, as a poll mixes partitions whose broker times interleave.
     */
    int acceptedSince(String origin, Instant from) {
        return jdbc.queryForObject("select count(*) from submission where origin = ? and submitted_at > ?",
                Integer.class, origin, Timestamp.from(from));
    }

    public Optional<Submission> find(String refundId) {
        return jdbc.query("select refund_id, case_id, order_id, locale, open from submission where refund_id = ?",
                Submissions::submission, refundId).stream().findFirst();
    }

    /** The applications of these refunds by refund id, in one statement; a refund not known has no entry. */
    public Map<String, Submission> findAll(Collection<String> refundIds) {
        Map<String, Submission> found = new HashMap<>();
        if (refundIds.isEmpty()) {
            return found;
        }
        jdbc.query("select refund_id, case_id, order_id, locale, open from submission where refund_id = any(?)",
                statement -> statement.setArray(1, TextArrays.of(statement, refundIds)),
                (ResultSet rs) -> {
                    Submission submission = submission(rs, 0);
                    found.put(submission.refundId(), submission);
                });
        return found;
    }

    /** These applications no longer wait for their decision, in one statement. */
    public void closeAll(Collection<String> refundIds) {
        if (refundIds.isEmpty()) {
            return;
        }
        jdbc.update("update submission set open = false where refund_id = any(?)",
                statement -> statement.setArray(1, TextArrays.of(statement, refundIds)));
    }

    private static Submission submission(ResultSet rs, int row) throws SQLException {
        return new Submission(rs.getString("refund_id"), rs.getString("case_id"), rs.getString("order_id"),
                rs.getString("locale"), rs.getBoolean("open"));
    }
}
