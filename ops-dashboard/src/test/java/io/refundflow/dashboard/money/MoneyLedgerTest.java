package io.refundflow.dashboard.money;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.dashboard.feed.RawRecord;
import io.refundflow.dashboard.money.MoneyView.CurrencyMoney;
import io.refundflow.events.BillingMode;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.BillingRefund;
import io.refundflow.events.CloudEventHeaders;
import io.refundflow.events.DecisionHeader;
import io.refundflow.events.EncodedEvent;
import io.refundflow.events.EventCodec;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.ExpectedSources;
import io.refundflow.events.LocalizedText;
import io.refundflow.events.Money;
import io.refundflow.events.ProductKind;
import io.refundflow.events.Recipient;
import io.refundflow.events.RefundApproved;
import io.refundflow.events.RefundReviewed;
import io.refundflow.events.SettlementStatus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Given records on billing.orders, refund.decisions and billing.refunds, the money figures the page shows. */
class MoneyLedgerTest {

    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final EventCodec CODEC = new EventCodec();
    private static final Recipient RECIPIENT = new Recipient("c-1", "c-1@billing.example", "en");
    private static final LocalizedText REASON = new LocalizedText("because", "因为");

    /** As in refund-platform's defaults: billing's topics from billing, decisions from the evaluator. */
    private static final ExpectedSources EXPECTED = ExpectedSources.parse(
            "billing.orders=billing;billing.refunds=billing;refund.decisions=policy-evaluator");

    private final MoneyLedger ledger = new MoneyLedger(100, EXPECTED, CLOCK);
    private long offset;

    @Test
    void anApprovedRefundIsReservedUntilBillingSaysWhatItDid() {
        // given an order paid 120.00 CNY
        apply(order("o-1", "120.00"));

        // when 80.00 of it is approved
        apply(approved("r-1", "o-1", "80.00"));

        // then 80.00 is reserved, nothing settled or released
        assertThat(cny()).isEqualTo(new CurrencyMoney("CNY", "120.00", "80.00", "0", "0", "0"));
    }

    @Test
    void anExecutedSettlementMovesTheAmountFromReservedToSettled() {
        // given an approved refund
        apply(order("o-1", "120.00"));
        apply(approved("r-1", "o-1", "80.00"));

        // when billing executes it
        apply(settlement("r-1", "o-1", "80.00", SettlementStatus.EXECUTED));

        // then it is settled and no longer reserved
        assertThat(cny()).isEqualTo(new CurrencyMoney("CNY", "120.00", "0", "80.00", "0", "0"));
    }

    @Test
    void aFailedSettlementReleasesTheReservation() {
        // given an approved refund
        apply(order("o-1", "120.00"));
        apply(reviewed("r-1", "o-1", "120.00"));

        // when billing cannot pay it back
        apply(settlement("r-1", "o-1", "120.00", SettlementStatus.FAILED));

        // then it is released, neither reserved nor settled
        assertThat(cny()).isEqualTo(new CurrencyMoney("CNY", "120.00", "0", "0", "120.00", "0"));
    }

    @Test
    void approvalsBeyondWhatWasPaidRaiseTheAlarm() {
        // given an order paid 120.00 CNY
        apply(order("o-1", "120.00"));
        apply(order("o-2", "120.00"));

        // when 100.00 and then another 50.00 are approved on it (and 120.00 on another order, within its paid)
        apply(approved("r-1", "o-1", "100.00"));
        apply(reviewed("r-2", "o-1", "50.00"));
        apply(approved("r-3", "o-2", "120.00"));

        // then that one order is counted, with its figures
        MoneyView view = ledger.view();
        assertThat(view.ordersOverRefunded()).isEqualTo(1);
        assertThat(ledger.ordersOverRefunded()).isEqualTo(1);
        assertThat(view.overRefunded()).containsExactly(
                new MoneyView.OverRefund("o-1", "120.00 CNY", "150.00 CNY", "0"));
    }

    @Test
    void anApprovedExchangeIsNoMoneyApproved() {
        // given an order paid 49.00 CNY
        apply(order("o-1", "49.00"));

        // when a reviewer approves an exchange on it (even a decision carrying the full amount), then a refund of
        // all of it
        apply(exchangeApproved("r-1", "o-1", "49.00"));
        apply(approved("r-2", "o-1", "49.00"));

        // then only the refund is reserved, and the order is not over-refunded
        assertThat(cny()).isEqualTo(new CurrencyMoney("CNY", "49.00", "49.00", "0", "0", "0"));
        assertThat(ledger.ordersOverRefunded()).isZero();
    }

    @Test
    void aReleasedApprovalNoLongerCountsAgainstWhatWasPaid() {
        // given two approvals of 100.00 on an order paid 120.00, the first of which billing could not pay
        apply(order("o-1", "120.00"));
        apply(approved("r-1", "o-1", "100.00"));
        apply(settlement("r-1", "o-1", "100.00", SettlementStatus.FAILED));

        // when the second is approved and executed
        apply(approved("r-2", "o-1", "100.00"));
        apply(settlement("r-2", "o-1", "100.00", SettlementStatus.EXECUTED));

        // then approved − released = 100.00 ≤ 120.00: no alarm
        assertThat(ledger.view().ordersOverRefunded()).isZero();
        assertThat(cny()).isEqualTo(new CurrencyMoney("CNY", "120.00", "0", "100.00", "100.00", "0"));
    }

    @Test
    void aRedeliveredDecisionOrSettlementChangesNothing() {
        // given an approval and its settlement
        RawRecord approval = approved("r-1", "o-1", "80.00");
        RawRecord settlement = settlement("r-1", "o-1", "80.00", SettlementStatus.EXECUTED);
        apply(order("o-1", "120.00"));
        apply(approval);
        apply(settlement);

        // when both arrive again at new offsets (a relay republished them)
        apply(again(approval));
        apply(again(settlement));

        // then they count once
        assertThat(cny()).isEqualTo(new CurrencyMoney("CNY", "120.00", "0", "80.00", "0", "0"));
        assertThat(ledger.view().ordersOverRefunded()).isZero();
    }

    @Test
    void aSettlementReadBeforeItsApprovalCountsAsSettledOnceTheApprovalIsRead() {
        // given billing.refunds read ahead of refund.decisions (the feed reads them side by side)
        apply(order("o-1", "120.00"));
        apply(settlement("r-1", "o-1", "80.00", SettlementStatus.EXECUTED));

        // when the approval is read
        apply(approved("r-1", "o-1", "80.00"));

        // then it is this system's settled refund, not one made outside it
        assertThat(cny()).isEqualTo(new CurrencyMoney("CNY", "120.00", "0", "80.00", "0", "0"));
    }

    @Test
    void aRefundBillingMadeByHandIsShownApartAndIsNotAnApproval() {
        // given an order with an approval of this system
        apply(order("o-1", "120.00"));
        apply(approved("r-1", "o-1", "20.00"));

        // when billing reports a refund of its own (an id this system never approved)
        apply(settlement("billing-manual-7", "o-1", "30.00", SettlementStatus.EXECUTED));

        // then it is shown as made outside this system
        assertThat(cny()).isEqualTo(new CurrencyMoney("CNY", "120.00", "20.00", "0", "0", "30.00"));
    }

    @Test
    void recordsThatAreNotValidEventsAndRejectedReviewsChangeNothing() {
        // given an order
        apply(order("o-1", "120.00"));

        // when junk arrives on billing.refunds and a reviewer rejects a refund
        apply(new RawRecord("billing.refunds", 0, offset++, NOW.toEpochMilli(), "o-1", List.of(),
                "{\"refundId\": broken".getBytes(StandardCharsets.UTF_8)));
        apply(event(new RefundReviewed(header("r-9", "o-1", "review", "REVIEWED"),
                false, null, "ops-1", null, false)));

        // then there is nothing to show
        assertThat(ledger.view().currencies()).isEmpty();
    }

    @Test
    void aForgedOrderOrDecisionCannotRaiseTheAlarm() {
        // given an order paid 120.00 with 100.00 of it approved
        apply(order("o-1", "120.00"));
        apply(approved("r-1", "o-1", "100.00"));

        // when someone but billing publishes the order as paid 50.00, and someone but the evaluator approves more
        apply(from("outsider", order("o-1", "50.00")));
        apply(from("billing", approved("r-2", "o-1", "100.00")));

        // then billing's and the evaluator's figures stand, and no order is over-refunded
        assertThat(ledger.ordersOverRefunded()).isZero();
        assertThat(cny()).isEqualTo(new CurrencyMoney("CNY", "120.00", "100.00", "0", "0", "0"));
    }

    @Test
    void aForgedSettlementOrOrderCannotHideTheAlarm() {
        // given an order paid 120.00 with 150.00 approved on it
        apply(order("o-1", "120.00"));
        apply(approved("r-1", "o-1", "100.00"));
        apply(approved("r-2", "o-1", "50.00"));

        // when someone but billing reports the first as FAILED, and the order as paid 1000.00
        apply(from("outsider", settlement("r-1", "o-1", "100.00", SettlementStatus.FAILED)));
        apply(from("outsider", order("o-1", "1000.00")));

        // then nothing was released and the alarm stays raised
        assertThat(ledger.ordersOverRefunded()).isEqualTo(1);
        assertThat(cny()).isEqualTo(new CurrencyMoney("CNY", "120.00", "150.00", "0", "0", "0"));
    }

    private CurrencyMoney cny() {
        return ledger.view().currencies().stream().filter(c -> c.currency().equals("CNY")).findFirst().orElseThrow();
    }

    private void apply(RawRecord record) {
        ledger.accept(record);
    }

    private RawRecord order(String orderId, String paid) {
        return event(new BillingOrder(orderId, "c-1", "c-1@billing.example", "en", ProductKind.SAAS,
                BillingMode.SUBSCRIPTION, Money.of(paid, "CNY"), NOW.minus(Duration.ofDays(1)),
                NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(364)), null, null, Money.zero("CNY")));
    }

    private RawRecord approved(String refundId, String orderId, String amount) {
        return event(new RefundApproved(header(refundId, orderId, "rule", "OK"),
                Money.of(amount, "CNY")));
    }

    private RawRecord reviewed(String refundId, String orderId, String amount) {
        return event(new RefundReviewed(header(refundId, orderId, "review", "REVIEWED"),
                true, Money.of(amount, "CNY"), "ops-1", null, false));
    }

    private RawRecord exchangeApproved(String refundId, String orderId, String amount) {
        return event(new RefundReviewed(
                header(refundId, orderId, "exchange.manual-review", RefundReviewed.EXCHANGE_APPROVED), true,
                Money.of(amount, "CNY"), "ops-1", null, true));
    }

    private RawRecord settlement(String refundId, String orderId, String amount, SettlementStatus status) {
        return event(new BillingRefund(refundId, orderId, Money.of(amount, "CNY"), status,
                status == SettlementStatus.FAILED ? "card closed" : null, NOW));
    }

    /** {@code payload} as its producer publishes it: billing its orders and settlements, the evaluator decisions. */
    private RawRecord event(Object payload) {
        String source = payload instanceof BillingOrder || payload instanceof BillingRefund ? "billing"
                : "policy-evaluator";
        EncodedEvent encoded = CODEC.encode(EventEnvelope.of(source, payload, CLOCK));
        List<RawRecord.Header> headers = new ArrayList<>();
        encoded.headers().forEach((name, value) -> headers.add(new RawRecord.Header(name, value)));
        return new RawRecord(encoded.topic(), 0, offset++, NOW.toEpochMilli(), encoded.key(), headers,
                encoded.payload());
    }

    /** The same event at a new offset, published by {@code source} instead of its producer. */
    private RawRecord from(String source, RawRecord record) {
        List<RawRecord.Header> headers = record.headers().stream()
                .map(h -> h.name().equals(CloudEventHeaders.SOURCE) ? new RawRecord.Header(h.name(), source) : h)
                .toList();
        return new RawRecord(record.topic(), record.partition(), offset++, record.timestamp(), record.key(), headers,
                record.value());
    }

    private RawRecord again(RawRecord record) {
        return new RawRecord(record.topic(), record.partition(), offset++, record.timestamp(), record.key(),
                record.headers(), record.value());
    }

    /** A decision without case number, to the sample customer, now, under policy v1. */
    private static DecisionHeader header(String refundId, String orderId, String ruleId, String reasonCode) {
        return new DecisionHeader(refundId, null, orderId, RECIPIENT, NOW, "v1", ruleId, reasonCode, REASON);
    }
}
