package io.refundflow.testsupport;

import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.kafka.KafkaContainer;

/**
 * A real Kafka broker for the tests: from the environment, a container, or in-process (KRaft).
 *
 * @param origin  where the broker came from, for the log
 * @param stopper stops what was started for the tests (nothing for a broker from the environment)
 */
public record KafkaBroker(String bootstrapServers, String origin, Runnable stopper) {

    public static final String BOOTSTRAP_ENV = "REFUND_TEST_KAFKA_BOOTSTRAP_SERVERS";
    static final String IMAGE = "apache/kafka:4.2.1";

    static KafkaBroker start(boolean docker) {
        String explicit = System.getenv(BOOTSTRAP_ENV);
        if (explicit != null && !explicit.isBlank()) {
            return new KafkaBroker(explicit, "environment " + BOOTSTRAP_ENV, () -> { });
        }
        if (docker) {
            KafkaContainer container = new KafkaContainer(IMAGE);
            container.start();
            return new KafkaBroker(container.getBootstrapServers(), "testcontainers " + IMAGE, container::stop);
        }
        try {
            EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
            broker.brokerProperties(Map.of(
                    "group.initial.rebalance.delay.ms", "0",
                    "offsets.topic.replication.factor", "1",
                    "transaction.state.log.replication.factor", "1",
                    "transaction.state.log.min.isr", "1"));
            broker.afterPropertiesSet();
            return new KafkaBroker(broker.getBrokersAsString(), "in-process KRaft broker", broker::destroy);
        } catch (RuntimeException e) {
            throw new IllegalStateException("No Kafka broker for the tests: the in-process KRaft broker failed to"
                    + " start (" + e.getMessage() + "). Set " + BOOTSTRAP_ENV + " to a running broker, or make a"
                    + " Docker engine available for Testcontainers.", e);
        }
    }

    void stop() {
        stopper.run();
    }
}
