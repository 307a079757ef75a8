package io.refundflow.intake.idempotency;

import io.refundflow.intake.callers.CallerFilter;
import io.refundflow.intake.settings.IntakeProperties;
import io.refundflow.intake.uploads.UploadRoutes;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Makes every POST under {@code /api/} idempotent by its {@code Idempotency-Key} header (per caller):
 * <ul>
 *   <li>no header: 400;</li>
 *   <li>first use: the request runs in one transaction with its key: a successful (2xx/3xx) answer is stored
 *       with the key and committed with the request's own work (one commit for the whole request), and kept for
 *       {@code refund.intake.idempotency.ttl} (24 h by default); a failed one rolls back, key included, since it
 *       changed nothing and the client may correct and retry; the answer leaves only once it is committed;</li>
 *   <li>same key, same request: the stored answer is replayed (header {@code Idempotent-Replayed: true})
 *       and nothing is created;</li>
 *   <li>same key, another request: 422;</li>
 *   <li>same key while the first is still running: the second waits for the first's key (the primary key is
 *       the guard) and then replays its answer, or runs if the first failed;</li>
 *   <li>the database unavailable: 503 with {@code Retry-After}, never stored as the key's answer.</li>
 * </ul>
 * "Same request" is the SHA-256 fingerprint of method, path and body; for the multipart body of an upload route
 * ({@link UploadRoutes}) it is taken over the parts (name, file name, content type, bytes), because a client picks
 * a new boundary on every retry: the container has streamed each part to a temporary file (within the upload
 * limits, see {@code UploadMultipart}) and each is hashed as a stream. Every other body, whatever its content type,
 * is read raw up to {@code refund.intake.idempotency.max-body-size} and never parsed here.
 * Runs after Spring Security, so only authenticated callers reach it.
 */
@Component
public class IdempotencyFilter extends CallerFilter {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    private static final int MAX_KEY_LENGTH = 255;

    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

    private final IdempotencyKeys keys;
    private final TransactionTemplate transactions;
    private final long maxBodyBytes;
    private final long maxUploadBytes;
    private final Duration outageRetryAfter;

    IdempotencyFilter(IdempotencyKeys keys, TransactionTemplate transactions, IntakeProperties properties) {
        this.keys = keys;
        this.transactions = transactions;
        this.maxBodyBytes = properties.idempotency().maxBodySize().toBytes();
        this.maxUploadBytes = properties.uploads().maxRequestSize().toBytes();
        this.outageRetryAfter = properties.outageRetryAfter();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterFor(String caller, HttpServletRequest request, HttpServletResponse response,
            FilterChain chain) throws ServletException, IOException {
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
        if (UploadRoutes.isUpload(request) && contentType != null
                && contentType.toLowerCase().startsWith("multipart/")) {
            try {
                for (Part part : request.getParts()) {
                    fingerprint.add(part);
                }
            } catch (IllegalStateException e) {
                problem(request, response, HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
                        "evidence", "the upload exceeds the size limit of " + maxUploadBytes + " bytes per request");
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
        HttpServletRequest forwarded = forward;
        ContentCachingResponseWrapper recorder = new ContentCachingResponseWrapper(response);
        IdempotencyKeys.Claim claim;
        try {
            claim = transactions.execute(status -> {
                IdempotencyKeys.Claim claimed = keys.claim(caller, key, fingerprint.hex());
                if (claimed instanceof IdempotencyKeys.Claimed) {
                    runClaimed(forwarded, recorder, chain, status, caller, key);
                }
                return claimed;
            });
        } catch (RequestFailed failed) {
            recorder.copyBodyToResponse();
            failed.rethrow();
            return;
        } catch (DataAccessException | TransactionException e) {
            if (!DependencyOutage.isOutage(e)) {
                throw e;
            }
            log.warn("answered 503 to {} {}: the database is unavailable ({})", request.getMethod(),
                    request.getRequestURI(), e.toString());
            // nothing was committed: whatever the request had answered is not its answer
            response.reset();
            DependencyOutage.write(response, outageRetryAfter, request.getRequestURI());
            return;
        }
        if (claim instanceof IdempotencyKeys.Replay replay) {
            replay(replay.response(), response);
        } else if (claim instanceof IdempotencyKeys.Mismatch) {
            problem(request, response, HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
                    "Idempotency key reused", HEADER,
                    "this key was already used for a different request; use a new key for a new request");
        } else {
            recorder.copyBodyToResponse();
        }
    }

    /**
     * Runs the request inside the key's transaction (the services' transactions join it): a successful answer
     * is stored with the key and committed with the work; any other rolls both back.
     */
    private void runClaimed(HttpServletRequest request, ContentCachingResponseWrapper recorder, FilterChain chain,
            TransactionStatus status, String caller, String key) {
        try {
            chain.doFilter(request, recorder);
        } catch (IOException | ServletException | RuntimeException e) {
            throw new RequestFailed(e);
        }
        if (recorder.getStatus() < 400) {
            keys.complete(caller, key, new IdempotencyKeys.StoredResponse(recorder.getStatus(),
                    recorder.getContentType(), recorder.getHeader(HttpHeaders.LOCATION),
                    recorder.getContentAsByteArray()));
        } else {
            status.setRollbackOnly();
        }
    }

    /** A failure of the request itself, carried out of the transaction (which it rolled back) unchanged. */
    private static final class RequestFailed extends RuntimeException {

        RequestFailed(Exception cause) {
            super(cause);
        }

        void rethrow() throws IOException, ServletException {
            Throwable cause = getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof ServletException servlet) {
                throw servlet;
            }
            throw (RuntimeException) cause;
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
                List.of(new InvalidField(field, reason)));
    }

}
