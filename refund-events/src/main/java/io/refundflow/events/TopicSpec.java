package io.refundflow.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One topic of the workflow as it must be created: its name and the settings that carry meaning (compaction
 * of billing's order facts, broker time on the partners' requests). Services create missing topics from this
 * list; a secured broker's administrator creates them from the same list before any service starts.
 */
public record TopicSpec(String name, Map<String, String> configs) {

    public TopicSpec {
        configs = Map.copyOf(configs);
    }

    /** Every topic, each followed by its dead-letter topic. */
    public static List<TopicSpec> all() {
        List<TopicSpec> topics = new ArrayList<>();
        // Broker time, not the producer's clock, stamps a partner's request: it decides guarantee windows.
        add(topics, Topics.PARTNER_REQUESTS, Map.of("message.timestamp.type", "LogAppendTime"));
        add(topics, Topics.REQUESTS, Map.of());
        add(topics, Topics.DECISIONS, Map.of());
        add(topics, Topics.NOTIFICATIONS, Map.of());
        add(topics, Topics.BILLING_ORDERS, Map.of("cleanup.policy", "compact"));
        add(topics, Topics.BILLING_REFUNDS, Map.of());
        return List.copyOf(topics);
    }

    private static void add(List<TopicSpec> topics, String name, Map<String, String> configs) {
        topics.add(new TopicSpec(name, configs));
        topics.add(new TopicSpec(Topics.deadLetter(name), Map.of()));
    }
}
