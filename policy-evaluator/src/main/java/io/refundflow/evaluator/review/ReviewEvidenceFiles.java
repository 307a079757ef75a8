package io.refundflow.evaluator.review;

import io.refundflow.events.Evidence;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code review_evidence} table: files the customer added to a case after being asked, shown with the case
 * beside those of the request.
 */
@Repository
class ReviewEvidenceFiles {

    private final JdbcTemplate jdbc;

    ReviewEvidenceFiles(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records files the customer added; they are shown with the case whatever its status. */
    void add(String refundId, List<Evidence> files, Instant addedAt, String eventId) {
        jdbc.batchUpdate("""
                insert into review_evidence (refund_id, file_name, content_type, size_bytes, sha256, added_at, event_id)
                values (?, ?, ?, ?, ?, ?, ?)""", files, files.size(), (statement, file) -> {
                    statement.setString(1, refundId);
                    statement.setString(2, file.fileName());
                    statement.setString(3, file.contentType());
                    statement.setLong(4, file.sizeBytes());
                    statement.setString(5, file.sha256());
                    statement.setTimestamp(6, Timestamp.from(addedAt));
                    statement.setString(7, eventId);
                });
    }

    /** A file the customer added after being asked, and when. */
    record AddedEvidence(Evidence file, Instant addedAt) {
    }

    List<AddedEvidence> added(String refundId) {
        return jdbc.query("select * from review_evidence where refund_id = ? order by id", (rs, n) -> new AddedEvidence(
                new Evidence(rs.getString("file_name"), rs.getString("content_type"), rs.getLong("size_bytes"),
                        rs.getString("sha256")), rs.getTimestamp("added_at").toInstant()), refundId);
    }
}
