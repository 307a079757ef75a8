package io.refundflow.notifier.sending;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.notifier.model.EmailDelivery;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A claim after a quiet spell. PostgreSQL's statistics of {@code email_delivery}, taken while no email waited,
 * say that none does; then a backlog builds up (an SMTP outage, a burst of decisions) and is claimed round by
 * round. The rows one claim reads must grow with the backlog, not with its square: the claim that looked for each
 * waiting email's earlier ones of the same refund among all waiting emails read 9 million rows for 3,000 waiting
 * and took 4 s a round (the benchmark's notifier emailed 40/s while every decision was made). Rows read are
 * counted by PostgreSQL for the claim's own transaction ({@code pg_stat_xact_user_tables}), not timed.
 */
class ClaimBacklogTest {

    /** Refunds waiting with two emails each. */
    private static final int REFUNDS = 1_000;
    private static final int ROUND = 200;
    /** A claim that reads each waiting email a few times stays far below; one that reads all waiting per waiting
     *  email reads millions. */
    private static final int ROWS_READ_PER_WAITING_EMAIL = 10;

    private static NotifierOnItsOwnDatabase notifier;

    @BeforeAll
    static void startNotifier() throws IOException {
        notifier = new NotifierOnItsOwnDatabase("notifier_claim_backlog", portNobodyListensOn());
    }

    @AfterAll
    static void stopNotifier() {
        notifier.close();
    }

    @Test
    void aClaimReadsRowsInProportionToTheBacklogAndTakesEachRefundsFirstEmail() {
        // given: statistics taken while every email was sent, then two waiting emails for each of 1,000 refunds,
        // due only in a day (the running sender leaves them alone; this test claims them)
        JdbcTemplate jdbc = notifier.bean(JdbcTemplate.class);
        DeliveryRepository repository = notifier.bean(DeliveryRepository.class);
        TransactionTemplate transactions = notifier.bean(TransactionTemplate.class);
        Instant due = notifier.bean(Clock.class).instant().plus(Duration.ofDays(1));
        jdbc.execute("alter table email_delivery set (autovacuum_enabled = false)");
        List<DeliveryRepository.NewDelivery> quietSpell = emails("sent", REFUNDS);
        transactions.executeWithoutResult(status -> repository.insertPending(quietSpell, due));
        jdbc.update("update email_delivery set status = 'SENT', sent_at = next_attempt_at");
        jdbc.execute("analyze email_delivery");
        List<DeliveryRepository.NewDelivery> first = emails("first", REFUNDS);
        List<DeliveryRepository.NewDelivery> later = new ArrayList<>();
        for (DeliveryRepository.NewDelivery email : first) {
            later.add(laterEmailOf(email));
        }
        transactions.executeWithoutResult(status -> {
            repository.insertPending(first, due);
            repository.insertPending(later, due);
        });

        // when
        Claim claim = transactions.execute(status -> {
            List<EmailDelivery> claimed = repository.claimDue(due.plusSeconds(1), ROUND, due.plusSeconds(60));
            Long read = jdbc.queryForObject("""
                    select coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0)
                      from pg_stat_xact_user_tables where relname = 'email_delivery'""", Long.class);
            return new Claim(claimed, read);
        });

        // then
        assertThat(claim.rowsRead()).isLessThan((long) ROWS_READ_PER_WAITING_EMAIL * 2 * REFUNDS);
        assertThat(claim.emails()).hasSize(ROUND);
        assertThat(claim.emails()).extracting(EmailDelivery::decisionEventId)
                .containsExactlyElementsOf(first.subList(0, ROUND).stream()
                        .map(DeliveryRepository.NewDelivery::decisionEventId).toList());
    }

    private record Claim(List<EmailDelivery> emails, long rowsRead) {
    }

    private static List<DeliveryRepository.NewDelivery> emails(String kind, int count) {
        List<DeliveryRepository.NewDelivery> emails = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String refundId = "R-" + kind + "-" + i;
            emails.add(email(UUID.randomUUID().toString(), refundId));
        }
        return emails;
    }

    private static DeliveryRepository.NewDelivery laterEmailOf(DeliveryRepository.NewDelivery earlier) {
        return email(UUID.randomUUID().toString(), earlier.refundId());
    }

    private static DeliveryRepository.NewDelivery email(String id, String refundId) {
        return new DeliveryRepository.NewDelivery(id, refundId, null, "io.refundflow.refund.rejected.v1",
                "c-" + refundId, refundId + "@customers.example", "en", "Your refund request", "text", "<p>text</p>",
                MessageIds.of(id), "{}", "{}", "refund.decisions", "O-" + refundId, false);
    }

    private static int portNobodyListensOn() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
