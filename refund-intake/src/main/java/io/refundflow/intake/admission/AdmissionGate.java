package io.refundflow.intake.admission;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.refundflow.intake.settings.IntakeProperties;
import io.refundflow.intake.uploads.UploadRoutes;
import io.refundflow.platform.web.problems.DependencyOutage;
import io.refundflow.platform.web.problems.InvalidField;
import io.refundflow.platform.web.problems.ProblemDetails;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers an overload instead of letting it pile up: at most {@code max-concurrent} API requests run at once, at
 * most {@code max-queued} more wait (in arrival order) up to {@code max-wait} for a place, and every other one is
 * answered at once with {@code 503} and {@code Retry-After}; one caller with more than
 * {@code max-concurrent-per-caller} requests running or waiting gets {@code 429} for the excess, so that one client
 * cannot take every place. Both answers are RFC 9457 problems and say that nothing was accepted.
 *
 * <p>Why here: it runs before Spring Security and before anything reads the body, so a refusal costs microseconds
 * and a burst ends in answers the client can act on, not in connect time-outs behind a queue that nobody bounds
 * (Tomcat's executor queue is unbounded). The caller is the subject of its bearer token, verified here (the
 * platform's decoder remembers a verified token, so Spring Security's check of the same token after this costs a
 * lookup), so a new token per request does not make a new caller, and a token that is not valid makes no caller
 * at all. A request without a valid token never takes a customer's place: it runs in a small pool of its own
 * ({@code max-unverified}, no queue) and goes on to Spring Security, which stays the one place that answers 401
 * (and decides which paths need no token); beyond that pool it is answered 503. Only {@code /api/} is gated:
 * health probes and metrics stay reachable under any load.
 *
 * <p>A new submission (one call, {@code POST /api/submissions}, or the submit of the two-call form,
 * {@code POST /api/cases/{caseId}/submissions}) is also refused 503 at once while {@code max-undecided} or more
 * refunds wait for their decision ({@link DecisionBacklog}): the places bound the requests in flight here, not the
 * refunds in flight in the pipeline, which grew without end when intake accepted faster than the evaluator decided.
 * Only submissions: opening a case, reading, adding evidence a reviewer asked for add no refund to decide. The
 * refusal reads the shared sample, never the database.
 */
public class AdmissionGate extends OncePerRequestFilter {

    /** The API; everything else (actuator, API document) is never refused here. */
    public static final String GATED = "/api/";

    private final int maxConcurrent;
    private final int maxQueued;
    private final long maxWaitNanos;
    private final int perCaller;
    private final int maxUnverified;
    private final DecisionBacklog backlog;
    private final long maxUndecided;
    private final String retryAfterSeconds;
    /** Fair, so that waiting requests are admitted in arrival order. */
    private final Semaphore places;
    private final AtomicInteger queued = new AtomicInteger();
    private final Map<String, AtomicInteger> byCaller = new ConcurrentHashMap<>();
    /** Requests without a valid token: never a customer's place, never waiting. */
    private final Semaphore unverified;
    private final BearerTokenResolver bearer = new DefaultBearerTokenResolver();
    private final JwtDecoder tokens;
    private final Counter overloaded;
    private final Counter overShare;
    private final Counter undecidedOver;
    /** The backlog refusal, rendered once per backlog it names (the sample changes at most once an interval). */
    private volatile BacklogRefusal backlogRefusal;
    /** The three refusals, rendered once: a flood of them serialises nothing (ProblemDetails.render says why). */
    private final ProblemDetails.Rendered placesTaken;
    private final ProblemDetails.Rendered unverifiedTaken;
    private final ProblemDetails.Rendered callerOverShare;

    AdmissionGate(IntakeProperties.Admission admission, JwtDecoder tokens, DecisionBacklog backlog,
            MeterRegistry meters) {
        this.tokens = tokens;
        this.backlog = backlog;
        this.maxUndecided = admission.maxUndecided();
        this.unverified = new Semaphore(admission.maxUnverified());
        this.maxConcurrent = admission.maxConcurrent();
        this.maxQueued = admission.maxQueued();
        this.maxWaitNanos = admission.maxWait().toNanos();
        this.perCaller = admission.maxConcurrentPerCaller();
        this.retryAfterSeconds = DependencyOutage.retryAfter(admission.retryAfter());
        this.places = new Semaphore(maxConcurrent, true);
        this.maxUnverified = admission.maxUnverified();
        Gauge.builder("refund.intake.admission.running", this, AdmissionGate::running)
                .description("API requests running (admitted)").register(meters);
        Gauge.builder("refund.intake.admission.queued", queued, AtomicInteger::get)
                .description("API requests waiting for a place").register(meters);
        Gauge.builder("refund.intake.admission.unverified", this, AdmissionGate::unverified)
                .description("API requests without a valid token running (on their way to a 401)").register(meters);
        Gauge.builder("refund.intake.admission.undecided", backlog, DecisionBacklog::sampled)
                .description("refunds submitted recently that wait for their decision, as last sampled")
                .register(meters);
        // one meter, told apart by the limit that refused: Prometheus wants the same tag keys on every series of it
        this.overloaded = Counter.builder("refund.intake.admission.refused").tag("status", "503")
                .tag("limit", "requests")
                .description("API requests refused because every place and the queue were taken").register(meters);
        this.overShare = Counter.builder("refund.intake.admission.refused").tag("status", "429")
                .tag("limit", "caller-share")
                .description("API requests refused because their caller held more than its share").register(meters);
        this.undecidedOver = Counter.builder("refund.intake.admission.refused").tag("status", "503")
                .tag("limit", "undecided")
                .description("submissions refused because too many refunds waited for their decision")
                .register(meters);
        this.placesTaken = overloadAnswer(maxConcurrent + " requests at a time");
        this.unverifiedTaken = overloadAnswer(maxUnverified + " requests without a valid token at a time");
        this.callerOverShare = refusal(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests", "Too many requests",
                "at most " + perCaller + " requests of one caller are taken at a time; retry when one is answered");
    }

    private static ProblemDetails.Rendered overloadAnswer(String limit) {
        return refusal(HttpStatus.SERVICE_UNAVAILABLE, "overloaded", "Service overloaded",
                "the service is at its limit of " + limit);
    }

    private static ProblemDetails.Rendered refusal(HttpStatus status, String type, String title, String reason) {
        String detail = "request: " + reason + "; it was NOT accepted and changed nothing: retry after Retry-After"
                + " seconds with the same Idempotency-Key";
        return ProblemDetails.render(status, type, title, detail, List.of(new InvalidField("request", reason)));
    }

    /** The refusal naming this backlog: the one rendered last if it names the same, else rendered now. */
    private ProblemDetails.Rendered backlogRefusal(long undecided) {
        BacklogRefusal known = backlogRefusal;
        if (known != null && known.undecided() == undecided) {
            return known.answer();
        }
        // two threads may render the same one at once; either answer is right
        BacklogRefusal rendered = new BacklogRefusal(undecided, refusal(HttpStatus.SERVICE_UNAVAILABLE,
                "overloaded", "Service overloaded", undecided + " refunds are waiting for their decision; at most "
                        + maxUndecided + " are taken at a time"));
        backlogRefusal = rendered;
        return rendered.answer();
    }

    private record BacklogRefusal(long undecided, ProblemDetails.Rendered answer) {
    }

    /** Requests admitted and not yet answered. */
    public int running() {
        return maxConcurrent - places.availablePermits();
    }

    /** Requests waiting for a place. */
    public int queued() {
        return queued.get();
    }

    /** Requests without a valid token admitted to their own pool and not yet answered. */
    public int unverified() {
        return maxUnverified - unverified.availablePermits();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(GATED);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> verified = callerOf(request);
        if (verified.isEmpty()) {
            passUnverified(request, response, chain);
            return;
        }
        if (UploadRoutes.isNewRefund(request)) {
            long undecided = backlog.undecided();
            if (undecided >= maxUndecided) {
                // no log line per refusal: a flood of them must not flood the log (the counter counts them)
                undecidedOver.increment();
                refuse(request, response, backlogRefusal(undecided));
                return;
            }
        }
        String caller = verified.get();
        AtomicInteger callers = byCaller.compute(caller, (name, count) -> {
            AtomicInteger counted = count == null ? new AtomicInteger() : count;
            counted.incrementAndGet();
            return counted;
        });
        try {
            if (callers.get() > perCaller) {
                overShare.increment();
                refuse(request, response, callerOverShare);
                return;
            }
            passHolding(admitted(), places, placesTaken, request, response, chain);
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

    /** The subject of the request's bearer token if the token is valid; empty for no token or one not valid. */
    private Optional<String> callerOf(HttpServletRequest request) {
        try {
            String token = bearer.resolve(request);
            return token == null ? Optional.empty() : Optional.ofNullable(tokens.decode(token).getSubject());
        } catch (OAuth2AuthenticationException | JwtException notValid) {
            return Optional.empty();
        }
    }

    /** On to Spring Security (which answers 401) if the pool for requests without a valid token has room. */
    private void passUnverified(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        passHolding(unverified.tryAcquire(), unverified, unverifiedTaken, request, response, chain);
    }

    /**
     * On down the chain holding the place taken in {@code pool}, given back once answered; without a place, the
     * 503 overload answer naming the pool's limit ({@code full}).
     */
    private void passHolding(boolean placeTaken, Semaphore pool, ProblemDetails.Rendered full,
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!placeTaken) {
            overloaded.increment();
            refuse(request, response, full);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            pool.release();
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, ProblemDetails.Rendered refusal)
            throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, retryAfterSeconds);
        refusal.write(response, request.getRequestURI());
    }
}
