package io.refundflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.platform.kafka.TopicProperties;
import org.junit.jupiter.api.Test;

/**
 * The shipped listener concurrency fits the topics: every consumer a service starts for a topic takes partitions of
 * it, so the consumers of the instances that run side by side (two per service in the fault suite, README "Running
 * past one machine") must not outnumber the partitions, or the extra ones stand idle and the concurrency buys
 * nothing. (One per instance ships: on two cores, more consumers made smaller polls and cost more than they gave,
 * docs/benchmark.md.)
 */
class ListenerConcurrencyTest {

    /** Instances of each service the fault suite runs side by side (refund-faults, SystemUnderTest). */
    private static final int INSTANCES_SIDE_BY_SIDE = 2;

    @Test
    void theConsumersOfTwoInstancesFitTheTopicsPartitions() {
        int concurrency = Integer.parseInt(
                ServiceSettings.platformDefaults().getProperty("spring.kafka.listener.concurrency", "1"));
        int partitions = new TopicProperties(null, null).partitions();

        assertThat(concurrency).as("consumers per listener").isPositive();
        assertThat(INSTANCES_SIDE_BY_SIDE * concurrency).as("consumers of one topic in a group")
                .isLessThanOrEqualTo(partitions);
    }
}
