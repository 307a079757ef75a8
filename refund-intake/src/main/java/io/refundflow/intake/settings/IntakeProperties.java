package io.refundflow.intake.settings;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of refund-intake ({@code refund.intake.*}); every one has a default, documented in
 * {@code application.yml}. They live in a package of their own, below every feature, so that wiring in the root
 * package (which uses features such as the idempotency filter) and the features reading the settings form no
 * package cycle.
 *
 * @param source           CloudEvents {@code source} of the events this service publishes
 * @param caseNumberPrefix prefix of human-readable case numbers ({@code RF-2026-000123})
 * @param idempotency      how long Idempotency-Keys are remembered, and the largest JSON body fingerprinted
 * @param evidence         what evidence uploads are accepted, and how much evidence a case and a customer may store
 * @param uploads          how large and how many uploads are taken at once, checked before a body is read
 * @param cases            how many cases may be opened
 * @param paging           page sizes of the case list
 * @param outageRetryAfter the {@code Retry-After} of a 503 answered while PostgreSQL refuses the service
 * @param parking          how events about a refund not known yet are held
 * @param partners         what a partner (a producer on refund.requests.partner) may send
 * @param admission        how many API requests run and wait at once, and how many refunds may wait for their
 *                         decision; the excess is answered 503 or 429
 */
@ConfigurationProperties("refund.intake")
public record IntakeProperties(
        String source,
        String caseNumberPrefix,
        Idempotency idempotency,
        Evidence evidence,
        Uploads uploads,
        Cases cases,
        Paging paging,
        Duration outageRetryAfter,
        Parking parking,
        Partners partners,
        Admission admission) {

    public IntakeProperties {
        source = source == null || source.isBlank() ? "refund-intake" : source;
        caseNumberPrefix = caseNumberPrefix == null || caseNumberPrefix.isBlank() ? "RF" : caseNumberPrefix;
        idempotency = idempotency == null ? new Idempotency(null, null) : idempotency;
        evidence = evidence == null ? new Evidence(null, null, null, null, null, null, null) : evidence;
        uploads = uploads == null ? new Uploads(null, null, null, null, null) : uploads;
        cases = cases == null ? new Cases(null) : cases;
        paging = paging == null ? new Paging(null, null) : paging;
        outageRetryAfter = outageRetryAfter == null ? Duration.ofSeconds(5) : outageRetryAfter;
        parking = parking == null ? new Parking(null, null, null) : parking;
        partners = partners == null ? new Partners(null) : partners;
        admission = admission == null ? new Admission(null, null, null, null, null, null, null, null, null) : admission;
    }

    /**
     * @param ttl           how long a key is remembered (its first response replayed); after that the key is free
     * @param maxBodySize   largest non-multipart POST body accepted (it is read whole to fingerprint it)
     */
    public record Idempotency(Duration ttl, DataSize maxBodySize) {
        public Idempotency {
            ttl = ttl == null ? Duration.ofHours(24) : ttl;
            maxBodySize = maxBodySize == null ? DataSize.ofKilobytes(256) : maxBodySize;
        }
    }

    /**
     * @param maxFileSize       largest single attachment
     * @param maxCaseSize       largest total of all attachments of one case, over all its submissions
     * @param maxFiles          most attachments in one submission
     * @param allowedTypes      content types (as detected from the bytes and proven by parsing them) that are accepted
     * @param maxCustomerSize   largest total of the attachments one customer stores within {@code customerWindow},
     *                          over all their cases (opening case after case does not lift the per-case limit)
     * @param customerWindow    how far back a customer's stored attachments count against {@code maxCustomerSize}
     * @param maxImagePixels    largest image (width times height) that is decoded to prove it is an image
     */
    public record Evidence(DataSize maxFileSize, DataSize maxCaseSize, Integer maxFiles, List<String> allowedTypes,
            DataSize maxCustomerSize, Duration customerWindow, Long maxImagePixels) {
        public Evidence {
            maxFileSize = maxFileSize == null ? DataSize.ofMegabytes(10) : maxFileSize;
            maxCaseSize = maxCaseSize == null ? DataSize.ofMegabytes(25) : maxCaseSize;
            maxFiles = maxFiles == null ? 20 : maxFiles;
            allowedTypes = allowedTypes == null || allowedTypes.isEmpty()
                    ? List.of("image/png", "image/jpeg", "application/pdf", "text/csv")
                    : List.copyOf(allowedTypes);
            maxCustomerSize = maxCustomerSize == null ? DataSize.ofMegabytes(100) : maxCustomerSize;
            customerWindow = customerWindow == null ? Duration.ofDays(30) : customerWindow;
            maxImagePixels = maxImagePixels == null ? 40_000_000L : maxImagePixels;
        }
    }

    /**
     * Checked before an upload's body is read (the submission and added-evidence routes are the only ones whose
     * multipart bodies are parsed).
     *
     * @param maxRequestSize           largest upload request: a declared Content-Length above it is answered 413
     *                                 at once, and a body streamed without one is cut off there
     * @param maxConcurrentPerCustomer uploads of one caller taken at the same time; more are answered 429
     * @param maxConcurrent            uploads of all callers taken at the same time; more are answered 503
     * @param retryAfter               the Retry-After of those 429 and 503 answers
     * @param smallUploadSize          an upload declaring at most this many bytes (an application without files) is
     *                                 taken like any other POST, outside the concurrency limits
     */
    public record Uploads(DataSize maxRequestSize, Integer maxConcurrentPerCustomer, Integer maxConcurrent,
            Duration retryAfter, DataSize smallUploadSize) {
        public Uploads {
            smallUploadSize = smallUploadSize == null ? DataSize.ofKilobytes(64) : smallUploadSize;
            maxRequestSize = maxRequestSize == null ? DataSize.ofMegabytes(26) : maxRequestSize;
            maxConcurrentPerCustomer = maxConcurrentPerCustomer == null ? 2 : maxConcurrentPerCustomer;
            maxConcurrent = maxConcurrent == null ? 8 : maxConcurrent;
            retryAfter = retryAfter == null ? Duration.ofSeconds(5) : retryAfter;
        }
    }

    /**
     * @param maxPerOrderPerDay cases that may be opened on one order within 24 hours; more are answered 429
     */
    public record Cases(Integer maxPerOrderPerDay) {
        public Cases {
            maxPerOrderPerDay = maxPerOrderPerDay == null ? 3 : maxPerOrderPerDay;
        }
    }

    /**
     * @param defaultSize page size when the caller gives none
     * @param maxSize     largest page size a caller may ask for
     */
    public record Paging(Integer defaultSize, Integer maxSize) {
        public Paging {
            defaultSize = defaultSize == null ? 20 : defaultSize;
            maxSize = maxSize == null ? 100 : maxSize;
        }
    }

    /**
     * @param holdFor       how long an event about an unknown refund waits for the refund's request before it is
     *                      dead-lettered with the cause
     * @param sweepInterval how often held events are retried (and expired ones dead-lettered)
     * @param batchSize     how many refunds / expired events one sweep handles at most
     */
    public record Parking(Duration holdFor, Duration sweepInterval, Integer batchSize) {
        public Parking {
            holdFor = holdFor == null ? Duration.ofHours(24) : holdFor;
            sweepInterval = sweepInterval == null ? Duration.ofSeconds(30) : sweepInterval;
            batchSize = batchSize == null ? 100 : batchSize;
        }
    }

    /** @param quota how many requests each partner may send in a window, by broker time */
    public record Partners(Quota quota) {
        public Partners {
            quota = quota == null ? new Quota(null, null) : quota;
        }
    }

    /**
     * @param requests requests one partner may have accepted (cases opened) or refused as not the owner's within
     *                 {@code per}; the excess is dead-lettered naming the quota
     * @param per      the sliding window, measured in broker time (the records' append time)
     */
    public record Quota(Integer requests, Duration per) {
        public Quota {
            requests = requests == null ? 600 : requests;
            per = per == null ? Duration.ofMinutes(1) : per;
        }
    }

    /**
     * Bounds on the API's requests, checked before anything else is done for them (see {@code AdmissionGate}).
     *
     * @param maxConcurrent          API requests that run at once (each holds a database connection for most of its
     *                               life, so a few more than the pool's connections keep the pool busy)
     * @param maxQueued              requests that wait for a place beyond those; more are answered 503 at once
     * @param maxWait                how long a request waits for a place before it is answered 503
     * @param maxConcurrentPerCaller requests of one caller (the subject of a verified token) running or waiting; more
     *                               are answered 429
     * @param retryAfter             the Retry-After of those 503 and 429 answers
     * @param maxUnverified          requests without a valid token that run at once (on to Spring Security, which
     *                               answers them 401), apart from the places above; more are answered 503 at once
     * @param maxUndecided           refunds submitted within {@code undecidedWindow} that wait for their decision
     *                               (SUBMITTED); while this many wait, a new submission is answered 503 at once
     * @param undecidedWindow        how far back a submission still waiting for its decision counts
     * @param undecidedSampleInterval how old the count of those may be (one query per interval, only when a
     *                               submission arrives)
     */
    public record Admission(Integer maxConcurrent, Integer maxQueued, Duration maxWait, Integer maxConcurrentPerCaller,
            Duration retryAfter, Integer maxUnverified, Integer maxUndecided, Duration undecidedWindow,
            Duration undecidedSampleInterval) {
        public Admission {
            maxConcurrent = maxConcurrent == null ? 16 : maxConcurrent;
            maxQueued = maxQueued == null ? 64 : maxQueued;
            maxWait = maxWait == null ? Duration.ofMillis(50) : maxWait;
            maxConcurrentPerCaller = maxConcurrentPerCaller == null ? 8 : maxConcurrentPerCaller;
            retryAfter = retryAfter == null ? Duration.ofSeconds(1) : retryAfter;
            maxUnverified = maxUnverified == null ? 4 : maxUnverified;
            maxUndecided = maxUndecided == null ? 80 : maxUndecided;
            undecidedWindow = undecidedWindow == null ? Duration.ofMinutes(1) : undecidedWindow;
            undecidedSampleInterval = undecidedSampleInterval == null ? Duration.ofMillis(100)
                    : undecidedSampleInterval;
        }
    }
}
