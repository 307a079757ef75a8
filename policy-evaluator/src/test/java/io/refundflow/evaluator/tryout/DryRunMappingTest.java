package io.refundflow.evaluator.tryout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refundflow.evaluator.policy.OrderFacts;
import io.refundflow.events.BillingMode;
import io.refundflow.events.Ground;
import io.refundflow.events.Money;
import io.refundflow.events.ProductKind;
import io.refundflow.events.RequestKind;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Between the dry-run contract and the engine's facts: what it refuses names the field, what it takes is kept. */
class DryRunMappingTest {

    private static final Instant PAID = Instant.parse("2026-11-01T08:00:00Z");
    private static final Instant TERM_END = Instant.parse("2027-11-01T08:00:00Z");
    private static final Instant SUBMITTED = Instant.parse("2026-11-03T08:00:00Z");

    @ParameterizedTest(name = "order.{0}")
    @ValueSource(strings = {"productKind", "billingMode", "paidAmount", "paidAt", "termStart", "termEnd"})
    void aMissingOrderFieldIsNamed(String field) {
        // given an order without the field
        DryRunBody.Order order = orderWithout(field, Money.of("100.00", "CNY"));

        // when / then
        assertThatThrownBy(() -> DryRunMapping.toOrderFacts(order))
                .isInstanceOf(InvalidDryRunInputException.class)
                .hasMessage("field order." + field + ": is required");
    }

    @ParameterizedTest(name = "request.{0}")
    @ValueSource(strings = {"ground", "kind", "submittedAt"})
    void aMissingRequestFieldIsNamed(String field) {
        // given a request without the field
        DryRunBody.Request request = new DryRunBody.Request(field.equals("ground") ? null : Ground.UNSATISFIED,
                field.equals("kind") ? null : RequestKind.REFUND, field.equals("submittedAt") ? null : SUBMITTED, 0);

        // when / then
        assertThatThrownBy(() -> DryRunMapping.toRequestFacts(request))
                .isInstanceOf(InvalidDryRunInputException.class)
                .hasMessage("field request." + field + ": is required");
    }

    @Test
    void aMissingRequestIsNamed() {
        assertThatThrownBy(() -> DryRunMapping.toRequestFacts(null))
                .isInstanceOf(InvalidDryRunInputException.class)
                .hasMessage("field request: is required");
    }

    @Test
    void anOrderPaidNothingIsTakenAsItIs() {
        // given an order paid 0.00 (a free trial), the lowest amount that is not negative
        DryRunBody.Order order = orderWithout("nothing", Money.of("0.00", "CNY"));

        // when
        OrderFacts facts = DryRunMapping.toOrderFacts(order);

        // then
        assertThat(facts.paidAmount()).isEqualTo(Money.of("0.00", "CNY"));
    }

    /** A complete SAAS order, but for {@code field}, which is null. */
    private static DryRunBody.Order orderWithout(String field, Money paid) {
        return new DryRunBody.Order("o-1", "c-1", field.equals("productKind") ? null : ProductKind.SAAS,
                field.equals("billingMode") ? null : BillingMode.SUBSCRIPTION,
                field.equals("paidAmount") ? null : paid, field.equals("paidAt") ? null : PAID,
                field.equals("termStart") ? null : PAID, field.equals("termEnd") ? null : TERM_END, null, null, null);
    }
}
