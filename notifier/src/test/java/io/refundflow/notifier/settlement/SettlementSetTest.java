package io.refundflow.notifier.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.BillingRefund;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Money;
import io.refundflow.events.Recipient;
import io.refundflow.events.RefundApproved;
import io.refundflow.events.SettlementStatus;
import io.refundflow.notifier.BillingCopy;
import io.refundflow.notifier.Decisions;
import io.refundflow.platform.inbox.Delivery;
import io.refundflow.testsupport.KafkaTestClient;
import io.refundflow.testsupport.RealInfrastructure;
import io.refundflow.testsupport.SmtpServer;
import io.refundflow.testsupport.WithRealInfrastructure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A poll of settlements handled as a set ({@link SettlementListener#handleAll}) against the real database records
 * the emails that handling them one at a time ({@link SettlementListener#handle}, one transaction each) records: a
 * failed refund the customer was told was approved is emailed once, redelivered in the poll or not; executed ones
 * and billing's own refunds are not.
 */
@SpringBootTest
@WithRealInfrastructure
@ActiveProfiles("test")
class SettlementSetTest {

    private static final KafkaTestClient kafka = new KafkaTestClient();
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Money CNY_199 = Money.of("199.00", "CNY");
    private static final Instant FAILED_AT = Instant.parse("2026-11-05T10:00:00Z");

    private final SmtpServer smtp = RealInfrastructure.get().smtp();

    @Autowired
    SettlementListener listener;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcTemplate jdbc;

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    @Test
    void aPollOfSettlementsRecordsTheEmailsTheyRecordOneAtATime() {
        List<Function<RefundApproved, List<EventEnvelope<BillingRefund>>>> scenarios = List.of(
                approval -> List.of(settlement(approval.refundId(), approval, SettlementStatus.FAILED, "card closed")),
                approval -> List.of(settlement(approval.refundId(), approval, SettlementStatus.EXECUTED, null)),
                approval -> {
                    EventEnvelope<BillingRefund> failed = settlement(approval.refundId(), approval, SettlementStatus.FAILED, "closed");
                    return List.of(failed, failed);
                },
                approval -> List.of(settlement(approval.refundId(), approval, SettlementStatus.FAILED, "closed"),
                        settlement(approval.refundId(), approval, SettlementStatus.FAILED, "closed, again")),
                approval -> List.of(settlement("billing-" + approval.refundId(), approval, SettlementStatus.FAILED,
                        "bank refused")));
        // given each scenario twice, on refunds whose approval was emailed: one handled alone, one in a poll
        List<RefundApproved> alone = scenarios.stream().map(scenario -> approvalEmailed()).toList();
        List<RefundApproved> together = scenarios.stream().map(scenario -> approvalEmailed()).toList();

        // when the first are handled one at a time, each in its own transaction, and the others in one poll
        List<List<EventEnvelope<BillingRefund>>> aloneEvents = new ArrayList<>();
        for (int i = 0; i < scenarios.size(); i++) {
            List<EventEnvelope<BillingRefund>> events = scenarios.get(i).apply(alone.get(i));
            aloneEvents.add(events);
            events.forEach(event -> transactions.executeWithoutResult(status -> listener.handle(delivery(event))));
        }
        List<List<EventEnvelope<BillingRefund>>> togetherEvents = new ArrayList<>();
        List<Delivery<BillingRefund>> poll = new ArrayList<>();
        for (int i = 0; i < scenarios.size(); i++) {
            List<EventEnvelope<BillingRefund>> events = scenarios.get(i).apply(together.get(i));
            togetherEvents.add(events);
            events.forEach(event -> poll.add(delivery(event)));
        }
        transactions.executeWithoutResult(status -> listener.handleAll(poll));

        // then each refund has the emails (and dedupe records) of its twin
        for (int i = 0; i < scenarios.size(); i++) {
            assertThat(recorded(together.get(i), togetherEvents.get(i))).as("scenario %d", i)
                    .isEqualTo(recorded(alone.get(i), aloneEvents.get(i)));
        }
        assertThat(recorded(together.get(0), togetherEvents.get(0))).hasSize(2).first().asString()
                .contains("card closed");
        assertThat(recorded(together.get(2), togetherEvents.get(2))).hasSize(2);
        assertThat(recorded(together.get(3), togetherEvents.get(3))).hasSize(3);
        assertThat(recorded(together.get(1), togetherEvents.get(1))).containsExactly("processed 0");
        assertThat(recorded(together.get(4), togetherEvents.get(4))).containsExactly("processed 1");
    }

    /** A settlement as the consumer hands it over. */
    private static Delivery<BillingRefund> delivery(EventEnvelope<BillingRefund> event) {
        return new Delivery<>(event.data().orderId(), event, Optional.empty());
    }

    private static EventEnvelope<BillingRefund> settlement(String refundId, RefundApproved approval, SettlementStatus status,
            String reason) {
        return EventEnvelope.of("billing", new BillingRefund(refundId, approval.header().orderId(),
                approval.refundAmount(), status, reason, FAILED_AT), Clock.systemUTC());
    }

    private RefundApproved approvalEmailed() {
        Recipient customer = Decisions.customer("en");
        RefundApproved approval = Decisions.approved(Decisions.refundId(), customer, CNY_199);
        BillingCopy.holdsOrderOf(kafka, jdbc, approval);
        kafka.publish(Decisions.event(approval));
        smtp.awaitMessagesTo(customer.email(), 1, PATIENCE);
        return approval;
    }

    /**
     * The settlement emails recorded for the scenario's events, in the words the twins share (the case, order and
     * customer of each twin its own), and how many of its events were recorded as processed.
     */
    private List<String> recorded(RefundApproved approval, List<EventEnvelope<BillingRefund>> events) {
        List<String> ids = events.stream().map(EventEnvelope::id).distinct().toList();
        List<String> seen = new ArrayList<>(jdbc.query("""
                select d.decision_type, d.locale, d.subject, d.body_text, d.recipient
                  from email_delivery d
                 where d.decision_event_id = any(?::text[]) order by d.seq""",
                (rs, row) -> String.join(" | ", rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5))
                        .replace(approval.header().caseNumber(), "<case>")
                        .replace(approval.header().orderId(), "<order>")
                        .replace(approval.header().recipient().email(), "<customer>"),
                "{" + String.join(",", ids) + "}"));
        seen.add("processed " + jdbc.queryForObject(
                "select count(*) from processed_event where event_id = any(?::text[])", Integer.class,
                "{" + String.join(",", ids) + "}"));
        return seen;
    }
}
