package io.refundflow.intake.submit;

import io.refundflow.intake.settings.IntakeProperties;
import io.refundflow.platform.retention.RetentionRule;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The partners' requests the gate refused by its rules, counted toward their quota beside the accepted ones. A
 * refusal rolls the poll's transaction back, so each is written in a transaction of its own, committed before the
 * request is dead-lettered: a refusal the dead letter never follows (the process died in between) is counted
 * again when the request comes back, which errs against the partner (its quota fills sooner), never for it. Rows
 * older than one quota window count for nothing and are deleted by the platform's retention sweep.
 */
@Repository
class PartnerRefusals {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;

    PartnerRefusals(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Counts a refused request of {@code origin}, received by the broker at {@code receivedAt}, whatever follows. */
    void record(String origin, Instant receivedAt) {
        ownTransaction.executeWithoutResult(status -> jdbc.update(
                "insert into partner_refusal (origin, received_at) values (?, ?)", origin,
                Timestamp.from(receivedAt)));
    }

    /** How many requests of {@code origin} received after {@code from} were refused. */
    int since(String origin, Instant from) {
        return jdbc.queryForObject("select count(*) from partner_refusal where origin = ? and received_at > ?",
                Integer.class, origin, Timestamp.from(from));
    }

    /** A refusal counts for one quota window. */
    @Configuration(proxyBeanMethods = false)
    static class Retention {

        @Bean
        RetentionRule partnerRefusalRetention(IntakeProperties properties) {
            return new RetentionRule("partner_refusal", "received_at", properties.partners().quota().per());
        }
    }
}
