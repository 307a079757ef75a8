package io.refundflow.evaluator.review;

import io.refundflow.evaluator.EvaluatorProperties;
import io.refundflow.evaluator.decide.EvidenceInbox;
import io.refundflow.evaluator.model.review.ManualReview;
import io.refundflow.evaluator.model.review.ManualReview.Decided;
import io.refundflow.evaluator.model.review.ReviewConflicts;
import io.refundflow.evaluator.model.review.ReviewResult;
import io.refundflow.evaluator.model.review.ReviewRow;
import io.refundflow.evaluator.policy.PolicyEngine;
import io.refundflow.evaluator.review.ReviewViews.Case;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.EvidenceAdded;
import io.refundflow.events.EvidenceRequested;
import io.refundflow.events.InvalidEventException;
import io.refundflow.events.RefundReviewed;
import io.refundflow.platform.outbox.OutboxWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Asking the customer for more evidence: the reviewer holding a case sends what is missing ({@link EvidenceRequested},
 * emailed by the notifier, shown by refund-intake); the case waits, out of the reviewers' hands, until refund-intake
 * reports the files the customer added ({@link EvidenceAdded}), and then returns to the queue in its old place; a
 * case whose customer did not answer by the policy's {@code evidenceAnswerWithin} is rejected with reason
 * EVIDENCE_NOT_PROVIDED. Each step is stored with its event in the outbox, in one transaction.
 */
@Service
class EvidenceRequests implements EvidenceInbox {

    static final String EVIDENCE_NOT_PROVIDED = "EVIDENCE_NOT_PROVIDED";

    private static final Logger log = LoggerFactory.getLogger(EvidenceRequests.class);

    private final ManualReviews reviews;
    private final ReviewEvidenceFiles evidenceFiles;
    private final OutboxWriter outbox;
    private final ReviewEvents events;
    private final ReviewService service;
    private final PolicyEngine engine;
    private final EvaluatorProperties properties;
    private final Clock clock;

    EvidenceRequests(ManualReviews reviews, ReviewEvidenceFiles evidenceFiles, OutboxWriter outbox,
            ReviewEvents events, ReviewService service, PolicyEngine engine, EvaluatorProperties properties,
            Clock clock) {
        this.reviews = reviews;
        this.evidenceFiles = evidenceFiles;
        this.outbox = outbox;
        this.events = events;
        this.service = service;
        this.engine = engine;
        this.properties = properties;
        this.clock = clock;
    }

    /** The reviewer's request (the message is checked by the controller); answers the case as it is then. */
    @Transactional
    ReviewResult<Case> request(String refundId, String reviewer, String message) {
        try (var ignored = MDC.putCloseable("refundId", refundId)) {
            ManualReview review = service.load(refundId);
            Instant now = now();
            ReviewResult<Instant> asked = review.askForEvidence(reviewer, engine.policy().evidenceAnswerWithin(), now);
            if (asked instanceof ReviewResult.Refused<Instant> refused) {
                return Rollbacks.refused(refused.refusal());
            }
            Instant answerBy = ((ReviewResult.Done<Instant>) asked).value();
            if (!reviews.requestEvidence(refundId, reviewer, now, message, answerBy)) {
                return Rollbacks.refused(ReviewConflicts.claimLost(refundId));
            }
            outbox.append(events.evidenceRequested(review, reviewer, message, now, answerBy));
            log.info("{} asked the customer for more evidence, answer by {}", reviewer, answerBy);
            return ReviewResult.done(service.view(refundId));
        }
    }

    /**
     * The policy's own request, on a case it just opened for missing evidence: the decision's reason (which says
     * what is missing) is the message, in the customer's language. Without an answer time in the policy, or
     * without a customer who owns the order to ask, the case stays in the queue for a reviewer.
     */
    void askAtOnce(String refundId) {
        ManualReview review = service.load(refundId);
        Optional<Duration> within = engine.policy().evidenceAnswerWithin();
        if (within.isEmpty() || !review.ownerAsked()) {
            log.info("evidence not asked for at once ({}): the case waits for a reviewer", within.isEmpty()
                    ? "the policy sets no evidenceAnswerWithin" : "no customer who owns the order to ask");
            return;
        }
        Instant now = now();
        Instant answerBy = now.plus(within.get());
        String message = review.decision().reason().in(review.request().locale());
        String by = properties.eventSource();
        if (reviews.requestEvidenceOnOpening(refundId, by, now, message, answerBy)) {
            outbox.append(events.evidenceRequested(review, by, message, now, answerBy));
            log.info("the policy asked the customer for the missing evidence at once, answer by {}", answerBy);
        }
    }

    /**
     * Files from refund-intake: recorded with the case whatever its status, and a case waiting for them returns
     * to the queue. Files for a refund without a review are refused (dead-lettered with the cause): intake only
     * takes files for a case that was asked for them.
     */
    @Override
    public void added(EventEnvelope<?> event, EvidenceAdded added) {
        ReviewRow row = reviews.find(added.refundId()).orElseThrow(() -> new InvalidEventException(
                "refundId: refund " + added.refundId() + " has no manual review to add evidence to"));
        evidenceFiles.add(row.refundId(), added.evidence(), added.addedAt(), event.id());
        if (reviews.resume(row.refundId())) {
            log.info("customer added {} file(s); the review is back in the queue in its place (opened {})",
                    added.evidence().size(), row.openedAt());
        } else {
            log.info("customer added {} file(s) to a review that is {}: recorded with the case, status unchanged",
                    added.evidence().size(), row.status());
        }
    }

    /**
     * Rejects a case whose customer did not add evidence by the time asked, if that time is before {@code now}.
     *
     * @return false when the case was no longer waiting (files arrived meanwhile, or another instance took it)
     */
    @Transactional
    boolean rejectUnanswered(String refundId, Instant now) {
        try (var ignored = MDC.putCloseable("refundId", refundId)) {
            ManualReview review = service.load(refundId);
            Decided rejected = Decided.rejection(EVIDENCE_NOT_PROVIDED, properties.texts().evidenceNotProvided());
            String decidedBy = properties.eventSource();
            EventEnvelope<RefundReviewed> envelope = events.of(review, rejected, decidedBy, now);
            if (!reviews.rejectUnanswered(refundId, decidedBy, now, rejected.reasonCode(), rejected.reason(),
                    envelope.id())) {
                return false;
            }
            outbox.append(envelope);
            log.info("rejected: the customer added no evidence by {} (asked by {})",
                    review.row().evidenceRequest().answerBy(), review.row().evidenceRequest().requestedBy());
            return true;
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
