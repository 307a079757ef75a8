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
 * @param evidence         what evidence uploads are accepted
 * @param paging           page sizes of the case list
 * @param outageRetryAfter the {@code Retry-After} of a 503 answered while PostgreSQL refuses the service
 * @param parking          how events about a refund not known yet are held
 * @param partners         what a partner (a producer on refund.requests.partner) may send
 */
@ConfigurationProperties("refund.intake")
public record IntakeProperties(
        String source,
        String caseNumberPrefix,
        Idempotency idempotency,
        Evidence evidence,
        Paging paging,
        Duration outageRetryAfter,
        Parking parking,
        Partners partners) {

    public IntakeProperties {
        source = source == null || source.isBlank() ? "refund-intake" : source;
        caseNumberPrefix = caseNumberPrefix == null || caseNumberPrefix.isBlank() ? "RF" : caseNumberPrefix;
        idempotency = idempotency == null ? new Idempotency(null, null, null) : idempotency;
        evidence = evidence == null ? new Evidence(null, null, null, null) : evidence;
        paging = paging == null ? new Paging(null, null) : paging;
        outageRetryAfter = outageRetryAfter == null ? Duration.ofSeconds(5) : outageRetryAfter;
        parking = parking == null ? new Parking(null, null, null) : parking;
        partners = partners == null ? new Partners(null) : partners;
    }

    /**
     * @param ttl           how long a key is remembered (its first response replayed); after that the key is free
     * @param purgeInterval how often expired keys are deleted
     * @param maxBodySize   largest non-multipart POST body accepted (it is read whole to fingerprint it)
     */
    public record Idempotency(Duration ttl, Duration purgeInterval, DataSize maxBodySize) {
        public Idempotency {
            ttl = ttl == null ? Duration.ofHours(24) : ttl;
            purgeInterval = purgeInterval == null ? Duration.ofMinutes(10) : purgeInterval;
            maxBodySize = maxBodySize == null ? DataSize.ofKilobytes(256) : maxBodySize;
        }
    }

    /**
     * @param maxFileSize  largest single attachment
     * @param maxCaseSize  largest total of all attachments of one case, over all its submissions
     * @param maxFiles     most attachments in one submission
     * @param allowedTypes content types (as detected from the bytes) that are accepted
     */
    public record Evidence(DataSize maxFileSize, DataSize maxCaseSize, Integer maxFiles, List<String> allowedTypes) {
        public Evidence {
            maxFileSize = maxFileSize == null ? DataSize.ofMegabytes(10) : maxFileSize;
            maxCaseSize = maxCaseSize == null ? DataSize.ofMegabytes(25) : maxCaseSize;
            maxFiles = maxFiles == null ? 20 : maxFiles;
            allowedTypes = allowedTypes == null || allowedTypes.isEmpty()
                    ? List.of("image/png", "image/jpeg", "application/pdf", "text/plain", "text/csv")
                    : List.copyOf(allowedTypes);
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

    /** @param quota how many requests each partner may have accepted in a window, by broker time */
    public record Partners(Quota quota) {
        public Partners {
            quota = quota == null ? new Quota(null, null) : quota;
        }
    }

    /**
     * @param requests requests one partner may have accepted (cases opened) within {@code per}; the excess is
     *                 dead-lettered naming the quota
     * @param per      the sliding window, measured in broker time (the records' append time)
     */
    public record Quota(Integer requests, Duration per) {
        public Quota {
            requests = requests == null ? 600 : requests;
            per = per == null ? Duration.ofMinutes(1) : per;
        }
    }
}
