package io.refundflow.intake.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The attached files in PostgreSQL ({@code evidence}), each under the refund it was submitted with or added to,
 * read back by that refund and their digest.
 */
@Repository
public class EvidenceFiles {

    private final JdbcTemplate jdbc;

    EvidenceFiles(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the file, its bytes streamed from the upload to the database (never held whole). */
    public void insert(String refundId, String caseId, EvidenceFile file, Instant at) {
        try (InputStream content = file.open()) {
            jdbc.update("""
                    insert into evidence (refund_id, case_id, file_name, content_type, size_bytes, sha256, content,
                        created_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?)""", statement -> {
                statement.setString(1, refundId);
                statement.setString(2, caseId);
                statement.setString(3, file.fileName());
                statement.setString(4, file.contentType());
                statement.setLong(5, file.size());
                statement.setString(6, file.sha256());
                statement.setBinaryStream(7, content, file.size());
                statement.setTimestamp(8, Timestamp.from(at));
            });
        } catch (IOException e) {
            throw new UncheckedIOException("evidence " + file.fileName() + " could not be read back from its upload", e);
        }
    }

    /**
     * Locks the customer's stored evidence until the end of the transaction, so that two uploads of one customer
     * cannot both pass the customer's quota.
     */
    void lockCustomer(String customerId) {
        jdbc.query("select pg_advisory_xact_lock(hashtextextended(?, 0))", row -> { }, "evidence:" + customerId);
    }

    /** The bytes the customer's files stored since {@code since} take, over all their cases (the customer quota). */
    long bytesOfCustomer(String customerId, Instant since) {
        Long total = jdbc.queryForObject("""
                select coalesce(sum(e.size_bytes), 0) from evidence e join refund_case c on c.case_id = e.case_id
                where c.customer_id = ? and e.created_at >= ?""", Long.class, customerId, Timestamp.from(since));
        return total == null ? 0 : total;
    }

    /** The bytes all files of the case take, over all its submissions and additions (the per-case limit). */
    public long bytesOfCase(String caseId) {
        Long total = jdbc.queryForObject("select coalesce(sum(size_bytes), 0) from evidence where case_id = ?",
                Long.class, caseId);
        return total == null ? 0 : total;
    }

    /** The first file of the refund with these bytes (two files with one digest have the same bytes). */
    Optional<StoredEvidence> find(String refundId, String sha256) {
        return jdbc.query("""
                select e.refund_id, c.customer_id, e.file_name, e.content_type, e.sha256, e.content
                from evidence e join refund_case c on c.case_id = e.case_id
                where e.refund_id = ? and e.sha256 = ?
                order by e.id limit 1""",
                (row, n) -> new StoredEvidence(row.getString("refund_id"), row.getString("customer_id"),
                        row.getString("file_name"), row.getString("content_type"), row.getString("sha256"),
                        row.getBytes("content")),
                refundId, sha256).stream().findFirst();
    }
}
