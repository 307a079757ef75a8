package io.refundflow.intake.evidence;

import io.refundflow.intake.locks.TransactionLocks;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
    private final TransactionLocks locks;

    EvidenceFiles(JdbcTemplate jdbc, TransactionLocks locks) {
        this.jdbc = jdbc;
        this.locks = locks;
    }

    /**
     * Stores the files under the refund in one statement, each file's bytes streamed from its upload to the
     * database (never held whole); nothing for no files.
     */
    public void insertAll(String refundId, String caseId, List<EvidenceFile> added, Instant at) {
        if (added.isEmpty()) {
            return;
        }
        List<InputStream> contents = new ArrayList<>();
        try {
            for (EvidenceFile file : added) {
                contents.add(file.open());
            }
            String row = "(?, ?, ?, ?, ?, ?, ?, ?)";
            jdbc.update("""
                    insert into evidence (refund_id, case_id, file_name, content_type, size_bytes, sha256, content,
                        created_at)
                    values """ + String.join(", ", Collections.nCopies(added.size(), row)), statement -> {
                int column = 0;
                for (int i = 0; i < added.size(); i++) {
                    EvidenceFile file = added.get(i);
                    statement.setString(++column, refundId);
                    statement.setString(++column, caseId);
                    statement.setString(++column, file.fileName());
                    statement.setString(++column, file.contentType());
                    statement.setLong(++column, file.size());
                    statement.setString(++column, file.sha256());
                    statement.setBinaryStream(++column, contents.get(i), file.size());
                    statement.setTimestamp(++column, Timestamp.from(at));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("evidence could not be read back from its upload", e);
        } finally {
            contents.forEach(EvidenceFiles::close);
        }
    }

    private static void close(InputStream content) {
        try {
            content.close();
        } catch (IOException e) {
            // a temporary file of the container's: nothing of the stored evidence depends on closing it
        }
    }

    /**
     * Locks the customer's stored evidence until the end of the transaction, so that two uploads of one customer
     * cannot both pass the customer's quota.
     */
    void lockCustomer(String customerId) {
        locks.hold("evidence:" + customerId);
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
