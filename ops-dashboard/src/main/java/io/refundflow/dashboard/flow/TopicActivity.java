package io.refundflow.dashboard.flow;

import io.refundflow.dashboard.flow.Views.Event;
import io.refundflow.dashboard.flow.Views.TopicEvents;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many records each topic had, and its latest events (newest first, {@code events-per-topic} of them). Not
 * thread-safe: the flow projection's lock guards it.
 */
final class TopicActivity {

    private final int eventsPerTopic;
    private final Map<String, Long> totals = new TreeMap<>();
    private final Map<String, Deque<Event>> latest = new TreeMap<>();

    /** Every configured topic is listed from the start, even before its first record. */
    TopicActivity(List<String> topics, int eventsPerTopic) {
        this.eventsPerTopic = eventsPerTopic;
        for (String topic : topics) {
            totals.put(topic, 0L);
            latest.put(topic, new ArrayDeque<>());
        }
    }

    void add(Event event) {
        totals.merge(event.topic(), 1L, Long::sum);
        Deque<Event> recent = latest.computeIfAbsent(event.topic(), t -> new ArrayDeque<>());
        recent.addFirst(event);
        while (recent.size() > eventsPerTopic) {
            recent.removeLast();
        }
    }

    /** Records per topic so far. */
    Map<String, Long> totals() {
        return Collections.unmodifiableMap(totals);
    }

    List<TopicEvents> topics() {
        List<TopicEvents> topics = new ArrayList<>();
        latest.forEach((topic, events) -> topics.add(new TopicEvents(topic, totals.getOrDefault(topic, 0L),
                List.copyOf(events))));
        return topics;
    }
}
