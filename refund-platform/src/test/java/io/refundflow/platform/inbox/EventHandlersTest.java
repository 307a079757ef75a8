package io.refundflow.platform.inbox;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refundflow.events.BillingRefund;
import io.refundflow.events.Topics;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistrar;

class EventHandlersTest {

    @Test
    void twoHandlersOfOneTopicInOneServiceAreRefusedAtStart() {
        // given two handlers of billing.refunds in one service: one consumer group, whose partitions they would split
        EventHandlers handlers = new EventHandlers(List.of(new Settlements(), new Settlements()), "intake",
                new ConcurrentKafkaListenerContainerFactory<>(), null, null);

        // when / then
        assertThatThrownBy(() -> handlers.configureKafkaListeners(new KafkaListenerEndpointRegistrar()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("two handlers of billing.refunds in group intake");
    }

    private static final class Settlements implements EventHandler<BillingRefund> {

        @Override
        public Subscription<BillingRefund> subscription() {
            return Subscription.of(Topics.BILLING_REFUNDS, BillingRefund.class, BillingRefund::refundId);
        }

        @Override
        public void handle(Delivery<BillingRefund> delivery) {
            throw new AssertionError("never called: the service does not start");
        }
    }
}
