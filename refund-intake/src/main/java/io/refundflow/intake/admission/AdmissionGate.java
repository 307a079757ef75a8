package io.refundflow.intake.admission;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.refundflow.intake.settings.IntakeProperties;
import io.refundflow.platform.web.problems.DependencyOutage;
import io.refundflow.platform.web.problems.InvalidField;
import io.refundflow.platform.web.problems.ProblemDetails;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers an overload instead of letting it pile up: at most {@code max-concurrent} API requests run at once, at
 * most {@code max-queued} more wait (in arrival order) up to {@code max-wait} for a place, and every other one is
 * answered at once with {@code 503} and {@code Retry-After}; one caller with more than
 * {@code max-concurrent-per-caller} requests running or waiting gets {@code 429} for the excess, so that one client
 * cannot take every place. Both answers are RFC 9457 problems and say that nothing was accepted.
 *
 * <p>Why here: it runs before Spring Security (no token is decoded, no transaction opened, no body read for a
 * request that is refused), so a refusal costs microseconds and a burst ends in answers the client can act on, not
 * in connect time-outs behind a queue that nobody bounds (Tomcat's executor queue is unbounded). The caller is told
 * apart by the bearer token as sent, unverified: the per-caller share holds back one client that reuses its token,
 * not one that sends a new (even forged) token with every request; such requests still take places until security
 * refuses them. Only {@code /api/} is gated: health probes and metrics stay reachable under any load.
 */
public class AdmissionGate extends OncePerRequestFilter {

    /** The API; everything else (actuator, API document) is never refused here. */
    static final String GATED = "/api/";

    private final int maxConcurrent;
    private final int maxQueued;
    private final long maxWaitNanos;
    private final int perCaller;
    private final Duration retryAfter;
    /** Fair, so that waiting requests are admitted in arrival order. */
    private final Semaphore places;
    private final AtomicInteger queued = new AtomicInteger();
    private final Map<String, AtomicInteger> byCaller = new ConcurrentHashMap<>();
    private final Counter overloaded;
    private final Counter overShare;

    AdmissionGate(IntakeProperties.Admission admission, MeterRegistry meters) {
        this.maxConcurrent = admission.maxConcurrent();
        this.maxQueued = admission.maxQueued();
        this.maxWaitNanos = admission.maxWait().toNanos();
        this.perCaller = admission.maxConcurrentPerCaller();
        this.retryAfter = admission.retryAfter();
        this.places = new Semaphore(maxConcurrent, true);
        Gauge.builder("refund.intake.admission.running", this, AdmissionGate::running)
                .description("API requests running (admitted)").register(meters);
        Gauge.builder("refund.intake.admission.queued", queued, AtomicInteger::get)
                .description("API requests waiting for a place").register(meters);
        this.overloaded = Counter.builder("refund.intake.admission.refused").tag("status", "503")
                .description("API requests refused because every place and the queue were taken").register(meters);
        this.overShare = Counter.builder("refund.intake.admission.refused").tag("status", "429")
                .description("API requests refused because their caller held more than its share").register(meters);
    }

    /** Requests admitted and not yet answered. */
    public int running() {
        return maxConcurrent - places.availablePermits();
    }

    /** Requests waiting for a place. */
    public int queued() {
        return queued.get();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(GATED);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String caller = callerOf(request);
        AtomicInteger callers = byCaller.compute(caller, (name, count) -> {
            AtomicInteger counted = count == null ? new AtomicInteger() : count;
            counted.incrementAndGet();
            return counted;
        });
        try {
            if (callers.get() > perCaller) {
                overShare.increment();
                refuse(request, response, HttpStatus.TOO_MANY_REQUESTS, "too-many-requests", "Too many requests",
                        "at most " + perCaller + " requests of one caller are taken at a time; retry when one is"
                                + " answered");
                return;
            }
            if (!admitted()) {
                overloaded.increment();
                refuse(request, response, HttpStatus.SERVICE_UNAVAILABLE, "overloaded", "Service overloaded",
                        "the service is at its limit of " + maxConcurrent + " requests at a time");
                return;
            }
            try {
                chain.doFilter(request, response);
            } finally {
                places.release();
            }
        } finally {
            byCaller.computeIfPresent(caller, (name, count) -> count.decrementAndGet() == 0 ? null : count);
        }
    }

    /** A place now, or after a short wait in a bounded queue; false when neither is to be had. */
    private boolean admitted() {
        try {
            // a timed try honours the fairness, so a newcomer does not overtake those already waiting
            if (places.tryAcquire(0, TimeUnit.NANOSECONDS)) {
                return true;
            }
            try {
                return queued.incrementAndGet() <= maxQueued && places.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS);
            } finally {
                queued.decrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String callerOf(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        return authorization != null ? authorization : "address:" + request.getRemoteAddr();
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String type,
            String title, String reason) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, DependencyOutage.retryAfter(retryAfter));
        String detail = "request: " + reason + "; it was NOT accepted and changed nothing: retry after Retry-After"
                + " seconds with the same Idempotency-Key";
        ProblemDetails.write(response, status, type, title, detail, request.getRequestURI(),
                Map.of("errors", List.of(new InvalidField("request", reason))));
    }
}
