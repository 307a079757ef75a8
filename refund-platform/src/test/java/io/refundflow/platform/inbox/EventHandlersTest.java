package io.refundflow.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.refundflow.events.BillingRefund;
import io.refundflow.events.RefundDecision;
import io.refundflow.events.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpoint;
import org.springframework.kafka.config.KafkaListenerEndpointRegistrar;
import org.springframework.util.unit.DataSize;

class EventHandlersTest {

    @Test
    void twoHandlersOfOneTopicInOneServiceAreRefusedAtStart() {
        // given two handlers of billing.refunds in one service: one consumer group, whose partitions they would split
        EventHandlers handlers = new EventHandlers(List.of(new Settlements(), new Settlements()), "intake",
                new ConcurrentKafkaListenerContainerFactory<>(), null, null, new GatheredConsumers(null, null));

        // when / then
        assertThatThrownBy(() -> handlers.configureKafkaListeners(new KafkaListenerEndpointRegistrar()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("two handlers of billing.refunds in group intake");
    }

    @Test
    void aGatheredTopicIsReadWithAFetchThatWaitsToFill() {
        // given a gathered topic and a prompt one in one service
        GatheredConsumers gathered = new GatheredConsumers(Duration.ofMillis(700), DataSize.ofKilobytes(64));
        EventHandlers handlers = new EventHandlers(List.of(new Settlements(), new Decisions()), "intake",
                new ConcurrentKafkaListenerContainerFactory<>(), null, null, gathered);
        Map<String, KafkaListenerEndpoint> registered = new HashMap<>();

        // when
        handlers.configureKafkaListeners(new KafkaListenerEndpointRegistrar() {
            @Override
            public void registerEndpoint(KafkaListenerEndpoint endpoint, KafkaListenerContainerFactory<?> factory) {
                registered.put(endpoint.getId(), endpoint);
            }
        });

        // then the gathered one's fetch waits to fill; the prompt one keeps the service's consumer settings
        assertThat(registered.get(Topics.BILLING_REFUNDS).getConsumerProperties())
                .containsEntry("fetch.max.wait.ms", "700")
                .containsEntry("fetch.min.bytes", String.valueOf(64 * 1024));
        assertThat(registered.get(Topics.DECISIONS).getConsumerProperties()).isNull();
    }

    private static final class Settlements implements EventHandler<BillingRefund> {

        @Override
        public Subscription<BillingRefund> subscription() {
            return Subscription.of(Topics.BILLING_REFUNDS, BillingRefund.class, BillingRefund::refundId).gathered();
        }

        @Override
        public void handle(Delivery<BillingRefund> delivery) {
            throw new AssertionError("never called: the service does not start");
        }
    }

    private static final class Decisions implements EventHandler<RefundDecision> {

        @Override
        public Subscription<RefundDecision> subscription() {
            return Subscription.of(Topics.DECISIONS, RefundDecision.class, RefundDecision::refundId);
        }

        @Override
        public void handle(Delivery<RefundDecision> delivery) {
            throw new AssertionError("never called: no listener is started");
        }
    }
}
