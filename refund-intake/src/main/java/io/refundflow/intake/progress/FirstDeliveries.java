package io.refundflow.intake.progress;

import io.refundflow.events.EventEnvelope;
import io.refundflow.platform.inbox.ProcessedEvents;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The progress listeners deduplicate an event themselves, once they know it has an effect (an event of a refund
 * not known yet is held instead): these are the events of a poll that act, their ids recorded in one statement.
 */
final class FirstDeliveries {

    private FirstDeliveries() {
    }

    /**
     * The events among these whose id was not processed before, in their order, now recorded as processed; an
     * event given twice (a redelivery within the poll) is kept the first time only.
     */
    static <T> List<EventEnvelope<T>> of(ProcessedEvents processed, List<EventEnvelope<T>> events) {
        Set<String> first = processed.firstDeliveries(events.stream().map(EventEnvelope::id).toList());
        Set<String> taken = new HashSet<>();
        return events.stream().filter(event -> first.contains(event.id()) && taken.add(event.id())).toList();
    }
}
