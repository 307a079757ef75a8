package io.refundflow.intake.evidence;

import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The attached files in PostgreSQL, read back by the refund they were submitted with and their digest. */
@Repository
class EvidenceFiles {

    private final JdbcTemplate jdbc;

    EvidenceFiles(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The first file of the submission with these bytes (two files with one digest have the same bytes). */
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
