package io.refundflow.intake.uploads;

import io.refundflow.intake.callers.CallerFilter;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Bounds an upload before a byte of its body is read: a declared Content-Length over the request limit is
 * answered 413, and only so many uploads (larger than a small one, or of no declared size) are taken at once, per
 * caller (429) and in all (503), each with Retry-After. An overload is thus always an answer the client can act on, never a 500 from a full heap or disk.
 * Runs after Spring Security (the caller is known) and the case access check, before the idempotency filter,
 * which is the first to read the body.
 */
@Component
@Order(UploadGate.ORDER)
class UploadGate extends CallerFilter {

    /** After Spring Security and the case access check, before the idempotency filter. */
    static final int ORDER = SecurityFilterProperties.DEFAULT_FILTER_ORDER + 2;

    private static final Logger log = LoggerFactory.getLogger(UploadGate.class);

    private final long maxRequestBytes;
    private final long smallUploadBytes;
    private final int perCaller;
    private final Semaphore all;
    private final Duration retryAfter;
    private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();

    UploadGate(IntakeProperties properties) {
        IntakeProperties.Uploads uploads = properties.uploads();
        this.maxRequestBytes = uploads.maxRequestSize().toBytes();
        this.smallUploadBytes = uploads.smallUploadSize().toBytes();
        this.perCaller = uploads.maxConcurrentPerCustomer();
        this.all = new Semaphore(uploads.maxConcurrent());
        this.retryAfter = uploads.retryAfter();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !UploadRoutes.isUpload(request);
    }

    @Override
    protected void doFilterFor(String caller, HttpServletRequest request, HttpServletResponse response,
            FilterChain chain) throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxRequestBytes) {
            refuse(caller, request, response, HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
                    HttpHeaders.CONTENT_LENGTH, declared + " bytes declared is more than the limit of "
                            + maxRequestBytes + " bytes per upload", false);
            return;
        }
        if (declared >= 0 && declared <= smallUploadBytes) {
            chain.doFilter(request, response); // as small as any JSON POST: nothing to spool to disk
            return;
        }
        AtomicInteger callers = running.compute(caller, (name, count) -> {
            AtomicInteger counted = count == null ? new AtomicInteger() : count;
            counted.incrementAndGet();
            return counted;
        });
        try {
            if (callers.get() > perCaller) {
                refuse(caller, request, response, HttpStatus.TOO_MANY_REQUESTS, "too-many-uploads", "Too many uploads",
                        "evidence", "at most " + perCaller + " uploads of one caller at a time; retry when one is"
                                + " answered", true);
                return;
            }
            if (!all.tryAcquire()) {
                refuse(caller, request, response, HttpStatus.SERVICE_UNAVAILABLE, "uploads-busy", "Uploads busy", "evidence",
                        "the service takes no more uploads at the moment; retry later", true);
                return;
            }
            try {
                chain.doFilter(request, response);
            } finally {
                all.release();
            }
        } finally {
            running.computeIfPresent(caller, (name, count) -> count.decrementAndGet() == 0 ? null : count);
        }
    }

    private void refuse(String caller, HttpServletRequest request, HttpServletResponse response, HttpStatus status, String type,
            String title, String field, String reason, boolean retry) throws IOException {
        log.info("refused upload {} of {}: {} ({})", request.getRequestURI(), caller, status.value(),
                reason);
        if (retry) {
            response.setHeader(HttpHeaders.RETRY_AFTER, DependencyOutage.retryAfter(retryAfter));
        }
        ProblemDetails.write(response, status, type, title, field + ": " + reason, request.getRequestURI(),
                List.of(new InvalidField(field, reason)));
    }
}
