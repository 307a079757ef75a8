package io.refundflow.evaluator.decide;

import io.refundflow.evaluator.model.DecisionBasis;
import io.refundflow.evaluator.model.DecisionHistory;
import io.refundflow.evaluator.model.DecisionOutcome;
import io.refundflow.evaluator.model.StoredDecision;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.EventCodec;
import io.refundflow.events.LocalizedText;
import io.refundflow.events.Money;
import io.refundflow.events.RefundRequested;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code decision} table: one decision per refund id. */
@Repository
public class Decisions implements DecisionHistory {

    private static final TypeReference<List<String>> TRACE = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    public Decisions(JdbcTemplate jdbc, EventCodec codec) {
        this.jdbc = jdbc;
        this.json = codec.mapper();
    }

    /**
     * Stores decisions in one statement; a refund that already has a decision keeps it.
     *
     * @return the refund ids whose decision was stored now
     */
    Set<String> insertAll(List<StoredDecision> decisions) {
        if (decisions.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.queryForList("""
                insert into decision (refund_id, order_id, outcome, basis, policy_version, rule_id, reason_code,
                    reason_en, reason_zh, refund_amount, refund_currency, remedy_en, remedy_zh, rule_trace, request,
                    order_facts, already_refunded, ground, product_kind, flagged, flag_reason, decided_at, event_id)
                select refund_id, order_id, outcome, basis, policy_version, rule_id, reason_code, reason_en,
                    reason_zh, refund_amount, refund_currency, remedy_en, remedy_zh, rule_trace::jsonb,
                    request::jsonb, order_facts::jsonb, already_refunded, ground, product_kind, flagged, flag_reason,
                    decided_at, event_id
                from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::text[], ?::numeric[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::numeric[], ?::text[], ?::text[], ?::boolean[], ?::text[], ?::timestamptz[], ?::text[])
                    as d(refund_id, order_id, outcome, basis, policy_version, rule_id, reason_code, reason_en,
                    reason_zh, refund_amount, refund_currency, remedy_en, remedy_zh, rule_trace, request,
                    order_facts, already_refunded, ground, product_kind, flagged, flag_reason, decided_at, event_id)
                on conflict (refund_id) do nothing
                returning refund_id""", String.class,
                column(decisions, StoredDecision::refundId), column(decisions, StoredDecision::orderId),
                column(decisions, d -> d.outcome().name()), column(decisions, d -> d.basis().name()),
                column(decisions, StoredDecision::policyVersion), column(decisions, StoredDecision::ruleId),
                column(decisions, StoredDecision::reasonCode), column(decisions, d -> d.reason().en()),
                column(decisions, d -> d.reason().zh()),
                column(decisions, d -> d.refundAmount() == null ? null : d.refundAmount().amount().toPlainString()),
                column(decisions, d -> d.refundAmount() == null ? null : d.refundAmount().currency()),
                column(decisions, d -> d.remedy() == null ? null : d.remedy().en()),
                column(decisions, d -> d.remedy() == null ? null : d.remedy().zh()),
                column(decisions, d -> json.writeValueAsString(d.trace())),
                column(decisions, d -> json.writeValueAsString(d.request())),
                column(decisions, d -> d.order() == null ? null : json.writeValueAsString(d.order())),
                column(decisions, d -> d.alreadyRefunded() == null ? null
                        : d.alreadyRefunded().amount().toPlainString()),
                column(decisions, d -> d.request().ground().name()),
                column(decisions, d -> d.order() == null ? null : d.order().productKind().name()),
                column(decisions, d -> String.valueOf(d.flagged())), column(decisions, StoredDecision::flagReason),
                column(decisions, d -> d.decidedAt().toString()), column(decisions, StoredDecision::eventId)));
    }

    /** One column of a multi-row insert, as a text array PostgreSQL casts to the column's type. */
    private static String[] column(List<StoredDecision> decisions, Function<StoredDecision, String> value) {
        return decisions.stream().map(value).toArray(String[]::new);
    }

    public Optional<StoredDecision> find(String refundId) {
        return jdbc.query("select * from decision where refund_id = ?", this::map, refundId).stream().findFirst();
    }

    /** Decisions the policy made in [from, to), oldest first: what a what-if replays. */
    @Override
    public List<StoredDecision> decidedByPolicy(Instant from, Instant to, int limit) {
        return jdbc.query("""
                select * from decision where basis = 'POLICY' and decided_at >= ? and decided_at < ?
                order by decided_at, refund_id limit ?""", this::map, Timestamp.from(from), Timestamp.from(to), limit);
    }

    private StoredDecision map(ResultSet rs, int row) throws SQLException {
        String currency = rs.getString("refund_currency");
        String remedyEn = rs.getString("remedy_en");
        String order = rs.getString("order_facts");
        BillingOrder billing = order == null ? null : json.readValue(order, BillingOrder.class);
        BigDecimal alreadyRefunded = rs.getBigDecimal("already_refunded");
        return new StoredDecision(rs.getString("refund_id"), rs.getString("order_id"),
                DecisionOutcome.valueOf(rs.getString("outcome")), DecisionBasis.valueOf(rs.getString("basis")),
                rs.getString("policy_version"), rs.getString("rule_id"), rs.getString("reason_code"),
                new LocalizedText(rs.getString("reason_en"), rs.getString("reason_zh")),
                currency == null ? null : new Money(rs.getBigDecimal("refund_amount"), currency.strip()).normalized(),
                remedyEn == null ? null : new LocalizedText(remedyEn, rs.getString("remedy_zh")),
                json.readValue(rs.getString("rule_trace"), TRACE),
                json.readValue(rs.getString("request"), RefundRequested.class),
                billing,
                alreadyRefunded == null || billing == null ? null
                        : new Money(alreadyRefunded, billing.paidAmount().currency()).normalized(),
                rs.getBoolean("flagged"), rs.getString("flag_reason"),
                rs.getTimestamp("decided_at").toInstant(), rs.getString("event_id"));
    }
}
