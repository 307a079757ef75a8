package io.refundflow.intake.idempotency;

import io.refundflow.intake.IntakeProperties;
import io.refundflow.platform.web.problems.DependencyOutage;
import io.refundflow.platform.web.problems.InvalidField;
import io.refundflow.platform.web.problems.ProblemDetails;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Makes every POST under {@code /api/} idempotent by its {@code Idempotency-Key} header (per caller):
 * <ul>
 *   <li>no header: 400;</li>
 *   <li>first use: the request runs; a successful (2xx/3xx) answer is stored and the key kept for
 *       {@code refund.intake.idempotency.ttl} (24 h by default); a failed one releases the key, since it
 *       changed nothing and the client may correct and retry;</li>
 *   <li>same key, same request: the stored answer is replayed (header {@code Idempotent-Replayed: true})
 *       and nothing is created;</li>
 *   <li>same key, another request: 422;</li>
 *   <li>same key while the first is still running: 409 with {@code Retry-After}; a claim left without an
 *       answer for {@code refund.intake.idempotency.abandoned-after} is taken over by the retry;</li>
 *   <li>the database unavailable: 503 with {@code Retry-After}, never stored as the key's answer.</li>
 * </ul>
 * "Same request" is the SHA-256 fingerprint of method, path and body; for multipart bodies it is taken over
 * the parts (name, file name, content type, bytes), because a client picks a new boundary on every retry.
 * Runs after Spring Security, so only authenticated callers reach it.
 */
@Component
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    private static final int MAX_KEY_LENGTH = 255;

    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

    private final IdempotencyKeys keys;
    private final long maxBodyBytes;
    private final Duration outageRetryAfter;

    IdempotencyFilter(IdempotencyKeys keys, IntakeProperties properties) {
        this.keys = keys;
        this.maxBodyBytes = properties.idempotency().maxBodySize().toBytes();
        this.outageRetryAfter = properties.outageRetryAfter();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
            chain.doFilter(request, response);
            return;
        }
        String key = request.getHeader(HEADER);
        if (key == null || key.isBlank()) {
            problem(request, response, HttpStatus.BAD_REQUEST, "missing-header", "Missing header",
                    HEADER, "required header missing: every POST needs a unique key so that it can be retried safely");
            return;
        }
        if (key.length() > MAX_KEY_LENGTH) {
            problem(request, response, HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", HEADER,
                    "at most " + MAX_KEY_LENGTH + " characters");
            return;
        }
        RequestFingerprint fingerprint = new RequestFingerprint(request.getMethod(), request.getRequestURI());
        HttpServletRequest forward = request;
        String contentType = request.getContentType();
        if (contentType != null && contentType.toLowerCase().startsWith("multipart/")) {
            try {
                for (Part part : request.getParts()) {
                    fingerprint.add(part);
                }
            } catch (IllegalStateException e) {
                problem(request, response, HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
                        "evidence", "the upload exceeds the size limit (per file or per request)");
                return;
            } catch (IOException | ServletException e) {
                problem(request, response, HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
                        "body", "malformed multipart request");
                return;
            }
        } else {
            byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
            if (body.length > maxBodyBytes) {
                problem(request, response, HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
                        "body", "more than " + maxBodyBytes + " bytes");
                return;
            }
            fingerprint.add(body);
            forward = new CachedBodyRequest(request, body);
        }
        String caller = authentication.getName();

        IdempotencyKeys.Claim claim;
        try {
            claim = keys.claim(caller, key, fingerprint.hex());
        } catch (DataAccessException e) {
            if (!DependencyOutage.isOutage(e)) {
                throw e;
            }
            log.warn("answered 503 to {} {}: the database is unavailable ({})", request.getMethod(),
                    request.getRequestURI(), e.toString());
            DependencyOutage.write(response, outageRetryAfter, request.getRequestURI());
            return;
        }
        if (claim instanceof IdempotencyKeys.Replay replay) {
            replay(replay.response(), response);
            return;
        }
        if (claim instanceof IdempotencyKeys.Mismatch) {
            problem(request, response, HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency key reused",
                    HEADER, "this key was already used for a different request; use a new key for a new request");
            return;
        }
        if (claim instanceof IdempotencyKeys.InProgress) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            problem(request, response, HttpStatus.CONFLICT, "idempotency-key-in-use", "Request in progress",
                    HEADER, "a request with this key is still being processed; retry shortly");
            return;
        }
        ContentCachingResponseWrapper recorder = new ContentCachingResponseWrapper(response);
        boolean completed = false;
        try {
            chain.doFilter(forward, recorder);
            int status = recorder.getStatus();
            if (status < 400) {
                remember(caller, key, new IdempotencyKeys.StoredResponse(status, recorder.getContentType(),
                        recorder.getHeader(HttpHeaders.LOCATION), recorder.getContentAsByteArray()));
                completed = true;
            }
        } finally {
            if (!completed) {
                release(caller, key);
            }
            recorder.copyBodyToResponse();
        }
    }

    /**
     * Stores the answer for replay. If the database is gone by now, the request's own work is committed all
     * the same: the client still gets its answer, and the unfinished key is taken over by a retry once
     * abandoned ({@code refund.intake.idempotency.abandoned-after}). It is not released: the work is done, so
     * a quick retry must not run it again.
     */
    private void remember(String caller, String key, IdempotencyKeys.StoredResponse answer) {
        try {
            keys.complete(caller, key, answer);
        } catch (DataAccessException e) {
            log.warn("could not store the answer of idempotency key {} (database unavailable: {}); a retry may"
                    + " take the key over once it is abandoned", key, e.toString());
        }
    }

    /**
     * Frees the key of a request that failed (a 4xx, or a 503 while the database was away), so the client
     * can retry. If the database is gone, the claim stays until it counts as abandoned; the failed answer
     * still reaches the client.
     */
    private void release(String caller, String key) {
        try {
            keys.release(caller, key);
        } catch (DataAccessException e) {
            log.warn("could not release idempotency key {} (database unavailable: {}); a retry may take it over"
                    + " once it is abandoned", key, e.toString());
        }
    }

    private static void replay(IdempotencyKeys.StoredResponse stored, HttpServletResponse response) throws IOException {
        response.setStatus(stored.status());
        if (stored.contentType() != null) {
            response.setContentType(stored.contentType());
        }
        if (stored.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, stored.location());
        }
        response.setHeader(REPLAYED, "true");
        if (stored.body() != null) {
            response.getOutputStream().write(stored.body());
        }
        response.flushBuffer();
    }

    private static void problem(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
            String type, String title, String field, String reason) throws IOException {
        ProblemDetails.write(response, status, type, title, field + ": " + reason, request.getRequestURI(),
                Map.of("errors", List.of(new InvalidField(field, reason))));
    }

}
