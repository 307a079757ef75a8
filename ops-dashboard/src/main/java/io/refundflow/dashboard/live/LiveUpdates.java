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
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
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
 * <p>
 * When the application stops, every open stream is completed before the web server's graceful shutdown
 * begins: a stream never ends by itself, so graceful shutdown would otherwise wait its whole timeout for any
 * page left open. Closing loses nothing: the browser's EventSource reconnects on its own, to another instance
 * or to this one after its restart, and gets a fresh snapshot.
 */
@Component
class LiveUpdates implements SchedulingConfigurer, SmartLifecycle {

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
    private volatile boolean closing;
    private final AtomicReference<Runnable> whenAllClosed = new AtomicReference<>();

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
        emitter.onCompletion(() -> forget(emitter));
        emitter.onTimeout(() -> forget(emitter));
        emitter.onError(e -> forget(emitter));
        subscribers.put(emitter, sessionExpiresAt == null ? Instant.MAX : sessionExpiresAt);
        send(emitter, json.writeValueAsString(snapshot()));
        if (closing) {
            // subscribed while stop() closed the others: the browser gets its snapshot and comes back elsewhere
            emitter.complete();
        }
        return emitter;
    }

    /** Called once the server has finished a stream's response. */
    private void forget(SseEmitter emitter) {
        subscribers.remove(emitter);
        reportStoppedOnceAllClosed();
    }

    private void reportStoppedOnceAllClosed() {
        if (closing && subscribers.isEmpty()) {
            Runnable stopped = whenAllClosed.getAndSet(null);
            if (stopped != null) {
                stopped.run();
            }
        }
    }

    @Override
    public void start() {
        closing = false;
    }

    @Override
    public void stop() {
        stop(() -> { });
    }

    /**
     * Completes every open stream and reports stopped once the server has finished their responses: the
     * completion is dispatched to a server thread, and the web server's stop that follows (at once with
     * {@code server.shutdown: immediate}) would otherwise cut the streams off instead of ending them.
     */
    @Override
    public synchronized void stop(Runnable stopped) {
        closing = true;
        whenAllClosed.set(stopped);
        subscribers.keySet().forEach(SseEmitter::complete);
        reportStoppedOnceAllClosed();
    }

    @Override
    public boolean isRunning() {
        return !closing;
    }

    /** Stops before the web server's graceful shutdown, which waits for the streams' requests to end. */
    @Override
    public int getPhase() {
        return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE + 1;
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
