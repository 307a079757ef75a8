package io.refundflow.evaluator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.Money;
import org.junit.jupiter.api.Test;

/** The ledger's arithmetic: refundable = paid − reserved − max(billing's refunded, settled), never below zero. */
class LedgerViewTest {

    static final Money PAID = cny("100.00");

    @Test
    void anUntouchedOrderHasEverythingLeft() {
        // when
        LedgerView view = LedgerView.of(PAID, null, cny("0"), cny("0"));

        // then
        assertThat(view.refundable()).isEqualTo(cny("100.00"));
        assertThat(view.alreadyRefunded()).isEqualTo(cny("0.00"));
    }

    @Test
    void reservationsCountAgainstTheOrderBeforeBillingMovesTheMoney() {
        // when 30.00 is reserved and nothing is settled
        LedgerView view = LedgerView.of(PAID, cny("0.00"), cny("0"), cny("30.00"));

        // then
        assertThat(view.refundable()).isEqualTo(cny("70.00"));
        assertThat(view.alreadyRefunded()).isEqualTo(cny("30.00"));
    }

    @Test
    void aReservationNotYetWrittenCountsForTheNextDecisionOnTheOrder() {
        // given an order with 20.00 settled, 30.00 refunded outside and 10.00 reserved: 40.00 left
        LedgerView view = LedgerView.of(PAID, cny("50.00"), cny("20.00"), cny("10.00"));

        // when a decision of the same poll reserves 15.00 more
        LedgerView next = view.reserving(cny("15.00"));

        // then the next decision sees it reserved, and the settled and outside money as before
        assertThat(next.reserved()).isEqualTo(cny("25.00"));
        assertThat(next.settled()).isEqualTo(cny("20.00"));
        assertThat(next.outside()).isEqualTo(cny("30.00"));
        assertThat(next.refundable()).isEqualTo(cny("25.00"));
    }

    @Test
    void aRefundBillingReportsTwiceIsCountedOnce() {
        // when billing's refunded figure and a settlement both count the same 40.00
        LedgerView view = LedgerView.of(PAID, cny("40.00"), cny("40.00"), cny("0"));

        // then
        assertThat(view.refundable()).isEqualTo(cny("60.00"));
        assertThat(view.outside()).isEqualTo(cny("0.00"));
    }

    @Test
    void billingsRefundedFigureBeyondTheSettlementsIsARefundMadeOutside() {
        // when billing says 50.00 was refunded but settlements name only 20.00
        LedgerView view = LedgerView.of(PAID, cny("50.00"), cny("20.00"), cny("10.00"));

        // then the other 30.00 counts as refunded outside this system
        assertThat(view.outside()).isEqualTo(cny("30.00"));
        assertThat(view.refundable()).isEqualTo(cny("40.00"));
    }

    @Test
    void settlementsBeyondBillingsRefundedFigureCountInFull() {
        // when the settlements (25.00) are ahead of billing's order record (10.00)
        LedgerView view = LedgerView.of(PAID, cny("10.00"), cny("25.00"), cny("0"));

        // then
        assertThat(view.outside()).isEqualTo(cny("0.00"));
        assertThat(view.refundable()).isEqualTo(cny("75.00"));
    }

    @Test
    void refundableNeverGoesBelowZero() {
        // when billing executed more than was left (its amount won over the reservation)
        LedgerView view = LedgerView.of(PAID, cny("0"), cny("90.00"), cny("30.00"));

        // then
        assertThat(view.refundable()).isEqualTo(cny("0.00"));
        assertThat(view.alreadyRefunded()).isEqualTo(cny("100.00"));
    }

    @Test
    void theDescriptionNamesEveryFigureOfTheArithmetic() {
        // when
        LedgerView view = LedgerView.of(PAID, cny("50.00"), cny("20.00"), cny("10.00"));

        // then
        assertThat(view.describe()).isEqualTo(
                "paid 100.00 CNY, settled 20.00 CNY, reserved 10.00 CNY, refunded outside 30.00 CNY: refundable"
                        + " 40.00 CNY");
    }

    private static Money cny(String amount) {
        return Money.of(amount, "CNY").normalized();
    }
}
