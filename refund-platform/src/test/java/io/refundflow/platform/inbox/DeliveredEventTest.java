package io.refundflow.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refundflow.events.BillingRefund;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.EventType;
import io.refundflow.events.InvalidEventException;
import io.refundflow.events.Money;
import io.refundflow.events.NotificationStatus;
import io.refundflow.events.RefundNotified;
import io.refundflow.events.SettlementStatus;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class DeliveredEventTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    @Test
    void theRefundAndTheEventAreNamedInTheLogWhileTheEventIsHandled() {
        // given
        EventEnvelope<?> event = settlement("evt-1", "rf-1");

        // when
        try (var delivered = DeliveredEvent.of(event, BillingRefund.class, BillingRefund::refundId)) {
            // then
            assertThat(delivered.payload().refundId()).isEqualTo("rf-1");
            assertThat(delivered.event().id()).isEqualTo("evt-1");
            assertThat(MDC.get("refundId")).isEqualTo("rf-1");
            assertThat(MDC.get("eventId")).isEqualTo("evt-1");
        }
        assertThat(MDC.get("refundId")).isNull();
        assertThat(MDC.get("eventId")).isNull();
    }

    @Test
    void aPayloadOfAnotherTypeThanTheTopicCarriesIsAnInvalidEvent() {
        // given: a notification where a settlement was expected
        EventEnvelope<?> event = new EventEnvelope<>("evt-2", "notifier", EventType.REFUND_NOTIFIED, NOW, "rf-2",
                new RefundNotified("rf-2", "evt-0", "io.refundflow.refund.approved.v1", NotificationStatus.SENT,
                        "email", NOW, null));

        // when / then
        assertThatThrownBy(() -> DeliveredEvent.of(event, BillingRefund.class, BillingRefund::refundId))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("payload: io.refundflow.refund.notified.v1 is not a billing refund");
        assertThat(MDC.get("refundId")).isNull();
    }

    @Test
    void anEventAboutNoOneRefundNamesOnlyTheEvent() {
        // given: an event whose payload names no refund (an order of billing's)
        EventEnvelope<?> event = settlement("evt-3", "rf-3");

        // when
        try (var delivered = DeliveredEvent.of(event, BillingRefund.class, refund -> null)) {
            // then
            assertThat(MDC.get("refundId")).isNull();
            assertThat(MDC.get("eventId")).isEqualTo("evt-3");
        }
        assertThat(MDC.get("eventId")).isNull();
    }

    private static EventEnvelope<?> settlement(String eventId, String refundId) {
        return new EventEnvelope<>(eventId, "billing", EventType.BILLING_REFUND, NOW, refundId,
                new BillingRefund(refundId, "ord-1", new Money(new BigDecimal("10.00"), "EUR"),
                        SettlementStatus.EXECUTED, null, NOW));
    }
}
