package io.refundflow.platform.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the workflow's topics are created when missing ({@code refund.topics.*}). Partitions bound how many
 * instances of a service consume in parallel; all events of one refund stay on one partition.
 */
@ConfigurationProperties("refund.topics")
public record TopicProperties(Integer partitions, Short replicationFactor) {

    public TopicProperties {
        partitions = partitions == null ? 6 : partitions;
        replicationFactor = replicationFactor == null ? 1 : replicationFactor;
    }
}
