package io.refundflow.dashboard.live;

import io.refundflow.dashboard.DashboardProperties;
import io.refundflow.dashboard.flow.FlowProjection;
import io.refundflow.dashboard.flow.Views.Snapshot;
import io.refundflow.dashboard.lag.ConsumerLag;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pushes a snapshot to every open page as a server-sent event {@code snapshot}: at most once per
 * {@code refund.dashboard.push-interval} when something changed, and at least every 15 s (which also
 * shows refreshed lag and keeps proxies from closing the stream). A page whose session has expired
 * is refused when its browser reconnects; a stream ends when the token it was opened with expires.
 */
@Component
class LiveUpdates implements SchedulingConfigurer {

    private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);
    private static final long HEARTBEAT_MS = 15_000;

    private final FlowProjection projection;
    private final ConsumerLag lag;
    private final JsonMapper json;
    private final DashboardProperties properties;
    private final Map<SseEmitter, Instant> subscribers = new ConcurrentHashMap<>();
    private long pushedVersion = -1;
    private Object pushedLag;
    private long pushedAt;

    LiveUpdates(FlowProjection projection, ConsumerLag lag, JsonMapper json, DashboardProperties properties) {
        this.projection = projection;
        this.lag = lag;
        this.json = json;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::push, properties.pushInterval());
    }

    Snapshot snapshot() {
        return projection.snapshot(lag.latest());
    }

    /** @param sessionExpiresAt when the subscriber's token expires: the stream is closed then */
    SseEmitter subscribe(Instant sessionExpiresAt) {
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
        emitter.onCompletion(() -> subscribers.remove(emitter));
        emitter.onTimeout(() -> subscribers.remove(emitter));
        emitter.onError(e -> subscribers.remove(emitter));
        subscribers.put(emitter, sessionExpiresAt == null ? Instant.MAX : sessionExpiresAt);
        send(emitter, json.writeValueAsString(snapshot()));
        return emitter;
    }

    synchronized void push() {
        Instant now = Instant.now();
        subscribers.forEach((emitter, expiresAt) -> {
            if (now.isAfter(expiresAt)) {
                // the session ended: no more data; the browser reconnects, is refused and goes to the login page
                subscribers.remove(emitter);
                emitter.complete();
            }
        });
        if (subscribers.isEmpty()) {
            return;
        }
        long version = projection.version();
        Object currentLag = lag.latest();
        long millis = now.toEpochMilli();
        if (version == pushedVersion && currentLag == pushedLag && millis - pushedAt < HEARTBEAT_MS) {
            return;
        }
        String data = json.writeValueAsString(snapshot());
        for (SseEmitter emitter : subscribers.keySet()) {
            send(emitter, data);
        }
        pushedVersion = version;
        pushedLag = currentLag;
        pushedAt = millis;
    }

    private void send(SseEmitter emitter, String data) {
        try {
            emitter.send(SseEmitter.event().name("snapshot").data(data));
        } catch (IOException | IllegalStateException e) {
            subscribers.remove(emitter);
            emitter.completeWithError(e);
        }
    }
}
