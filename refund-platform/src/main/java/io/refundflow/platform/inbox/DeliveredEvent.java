package io.refundflow.platform.inbox;

import io.refundflow.events.EventEnvelope;
import io.refundflow.events.InvalidEventException;
import java.util.function.Function;
import org.slf4j.MDC;

/**
 * An event as a listener handles it: its payload taken as the type the topic carries, and the refund and the
 * event named in the MDC ({@code refundId}, {@code eventId}) of every log line until it is closed. The platform
 * opens one around each {@link EventHandler#handle}; code that handles an event held back earlier opens its own:
 *
 * <pre>{@code
 * try (var delivered = DeliveredEvent.of(event, RefundDecision.class, RefundDecision::refundId)) {
 *     ... delivered.payload() ...
 * }
 * }</pre>
 *
 * A payload of another type breaks the topic's contract: {@link InvalidEventException}, which the platform's
 * error handler dead-letters at once instead of retrying.
 */
public final class DeliveredEvent<T> implements AutoCloseable {

    private final EventEnvelope<T> event;
    private final MDC.MDCCloseable refundId;
    private final MDC.MDCCloseable eventId;

    private DeliveredEvent(EventEnvelope<T> event, String refundId) {
        this.event = event;
        this.refundId = refundId == null ? null : MDC.putCloseable("refundId", refundId);
        this.eventId = MDC.putCloseable("eventId", event.id());
    }

    /**
     * @param type     the payload type the topic carries
     * @param refundId the refund the payload is about, e.g. {@code RefundDecision::refundId}; null for a payload
     *                 about no one refund (an order)
     */
    public static <T> DeliveredEvent<T> of(EventEnvelope<?> event, Class<T> type,
            Function<? super T, String> refundId) {
        if (!type.isInstance(event.data())) {
            throw new InvalidEventException("payload: " + event.type().ceType() + " is not a " + named(type));
        }
        @SuppressWarnings("unchecked") // the payload was checked just above
        EventEnvelope<T> typed = (EventEnvelope<T>) event;
        return new DeliveredEvent<>(typed, refundId.apply(typed.data()));
    }

    public EventEnvelope<T> event() {
        return event;
    }

    public T payload() {
        return event.data();
    }

    @Override
    public void close() {
        eventId.close();
        if (refundId != null) {
            refundId.close();
        }
    }

    /** The type as a sentence names it: {@code RefundDecision} is "refund decision". */
    private static String named(Class<?> type) {
        return type.getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    }
}
