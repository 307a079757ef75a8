package io.refundflow.notifier.sending;

import io.refundflow.notifier.model.EmailDelivery;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The recorded emails as a test's own sender sees them: the production statement claims the due emails, and of
 * those only the test's own are taken. Every test class of the module shares the database, so another test's email
 * may be due at any time; a test's sender must neither send it (to a mail server that refuses it or never answers)
 * nor count it, nor keep it from its own sender.
 */
public final class OwnEmails extends DeliveryRepository {

    private final JdbcTemplate jdbc;
    private final Set<String> own = ConcurrentHashMap.newKeySet();

    public OwnEmails(JdbcTemplate jdbc) {
        super(jdbc);
        this.jdbc = jdbc;
    }

    /** Makes the email for this event one of the test's own. */
    public void add(String decisionEventId) {
        own.add(decisionEventId);
    }

    @Override
    List<EmailDelivery> claimDue(Instant now, int limit, Instant claimedUntil) {
        // every due email, since other tests' may come first in the production order
        List<EmailDelivery> claimed = super.claimDue(now, Integer.MAX_VALUE, claimedUntil);
        List<EmailDelivery> taken = claimed.stream()
                .filter(email -> own.contains(email.decisionEventId()))
                .limit(limit)
                .toList();
        List<String> others = claimed.stream()
                .filter(email -> !taken.contains(email))
                .map(EmailDelivery::decisionEventId)
                .toList();
        if (!others.isEmpty()) {
            // the others' claims handed back at once, due as they were (at or before now), for their own senders
            jdbc.update("update email_delivery set next_attempt_at = ? where decision_event_id = any(?)",
                    statement -> {
                        statement.setTimestamp(1, Timestamp.from(now));
                        statement.setArray(2, statement.getConnection().createArrayOf("text", others.toArray()));
                    });
        }
        return taken;
    }
}
