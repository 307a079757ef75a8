package io.refundflow.dashboard.live;

import io.refundflow.dashboard.DashboardProperties;
import io.refundflow.dashboard.flow.FlowProjection;
import io.refundflow.dashboard.flow.Views.Snapshot;
import io.refundflow.dashboard.lag.ConsumerLag;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pushes a snapshot to every open page as a server-sent event {@code snapshot}: at most once per
 * {@code refund.dashboard.push-interval} when something changed, and at least every 15 s (which also
 * shows refreshed lag and keeps proxies from closing the stream). A page whose session has expired
 * is refused when its browser reconnects.
 */
@Component
class LiveUpdates implements SmartInitializingSingleton {

    private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);
    private static final long HEARTBEAT_MS = 15_000;

    private final FlowProjection projection;
    private final ConsumerLag lag;
    private final JsonMapper json;
    private final TaskScheduler scheduler;
    private final DashboardProperties properties;
    private final List<SseEmitter> subscribers = new CopyOnWriteArrayList<>();
    private long pushedVersion = -1;
    private Object pushedLag;
    private long pushedAt;

    LiveUpdates(FlowProjection projection, ConsumerLag lag, JsonMapper json, TaskScheduler scheduler,
            DashboardProperties properties) {
        this.projection = projection;
        this.lag = lag;
        this.json = json;
        this.scheduler = scheduler;
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        scheduler.scheduleWithFixedDelay(this::push, properties.pushInterval());
    }

    Snapshot snapshot() {
        return projection.snapshot(lag.latest());
    }

    SseEmitter subscribe() {
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
        emitter.onCompletion(() -> subscribers.remove(emitter));
        emitter.onTimeout(() -> subscribers.remove(emitter));
        emitter.onError(e -> subscribers.remove(emitter));
        subscribers.add(emitter);
        send(emitter, json.writeValueAsString(snapshot()));
        return emitter;
    }

    synchronized void push() {
        if (subscribers.isEmpty()) {
            return;
        }
        long version = projection.version();
        Object currentLag = lag.latest();
        long now = System.currentTimeMillis();
        if (version == pushedVersion && currentLag == pushedLag && now - pushedAt < HEARTBEAT_MS) {
            return;
        }
        String data = json.writeValueAsString(snapshot());
        for (SseEmitter emitter : subscribers) {
            send(emitter, data);
        }
        pushedVersion = version;
        pushedLag = currentLag;
        pushedAt = now;
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
