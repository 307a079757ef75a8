package io.refundflow.evaluator.review;

import io.refundflow.evaluator.model.review.ManualReview;
import io.refundflow.evaluator.model.review.ReviewResult;
import io.refundflow.evaluator.model.review.ReviewResult.AboveRefundable;
import io.refundflow.evaluator.model.review.ReviewResult.Conflict;
import io.refundflow.evaluator.model.review.ReviewResult.InvalidField;
import io.refundflow.evaluator.model.review.ReviewResult.NothingLeftToRefund;
import io.refundflow.evaluator.model.review.ReviewResult.Refusal;
import io.refundflow.evaluator.problems.ApiProblem;
import io.refundflow.evaluator.review.ReviewViews.Case;
import io.refundflow.evaluator.review.ReviewViews.DecisionBody;
import io.refundflow.evaluator.review.ReviewViews.EvidenceRequestBody;
import io.refundflow.evaluator.review.ReviewViews.Outcome;
import io.refundflow.evaluator.review.ReviewViews.Page;
import io.refundflow.events.Ground;
import io.refundflow.events.LocalizedText;
import io.refundflow.events.ProductKind;
import io.refundflow.platform.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The manual-review API for ops reviewers (role ops, see OpsOnlyApiSecurity): checks the request's fields,
 * and answers a refused claim or decision as a problem. Only people review: a machine's token (client
 * credentials, {@link Caller#person()} false) may read the queue and cases, but claiming, deciding and asking for
 * evidence are 403 {@code people-only}, so one holder of a client secret can never be a second reviewer.
 */
@RestController
@RequestMapping("/api/reviews")
class ReviewController {

    private static final int MAX_PAGE_SIZE = 100;
    private static final int MAX_TEXT = 2000;
    private static final String PEOPLE_ONLY = "people-only";

    private final ReviewService reviews;
    private final EvidenceRequests evidence;

    ReviewController(ReviewService reviews, EvidenceRequests evidence) {
        this.reviews = reviews;
        this.evidence = evidence;
    }

    /** The undecided cases, oldest first. */
    @Operation(summary = "The manual-review queue, oldest first", description = "Undecided cases, optionally"
            + " filtered by ground and product kind; page size 1 to 100.")
    @GetMapping
    Page queue(@RequestParam(required = false) Ground ground, @RequestParam(required = false) ProductKind productKind,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        if (page < 0) {
            throw ApiProblem.badField("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ApiProblem.badField("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        return reviews.queue(ground, productKind, page, size);
    }

    /** One case: the request, the order, the automatic decision, and the order's refund ledger as it is now. */
    @Operation(summary = "One case: request, order, automatic decision and the order's refund ledger")
    @GetMapping("/{refundId}")
    Case view(@PathVariable String refundId) {
        return reviews.view(refundId);
    }

    /** Takes the case; 409 if another reviewer holds it. Claiming a case one already holds is harmless. */
    @Operation(summary = "Claim a case", description = "409 if another reviewer holds it; claiming a case one"
            + " already holds is harmless. 403 people-only for a machine's token (client credentials).")
    @PostMapping("/{refundId}/claim")
    Case claim(@PathVariable String refundId) {
        return answer(reviews.claim(refundId, person()));
    }

    /** Decides a case one holds; an approval reserves its amount in the order's ledger (see DecisionBody). */
    @Operation(summary = "Decide a claimed case", description = "An approval is capped by what is left to refund"
            + " on the order and reserves its amount in the order's ledger (409 nothing-left-to-refund); without an"
            + " amount it takes the policy's proposal. Where the rule proposes no refund (refund: NONE) an approval"
            + " needs an amount and a reason (400 on amount or reason) and is marked againstPolicy (reason code"
            + " REVIEW_APPROVED_AGAINST_POLICY). An exchange's approval carries no amount (400 on amount), reserves"
            + " nothing and is published with exchange=true (reason code EXCHANGE_APPROVED). An approval that, with"
            + " what the same reviewer approved alone on the order within the policy's fourEyesWindow, is above the"
            + " four-eyes threshold (fourEyesAbove, per currency; a currency without one always) is only the first"
            + " of two: the answer's status is AWAITING_SECOND_APPROVAL, nothing is reserved or published, and a"
            + " reviewer other than the first (409 second-reviewer-required) approves the same amount or rejects the"
            + " case, without claiming it. 403 people-only for a machine's token (client credentials).")
    @PostMapping("/{refundId}/decision")
    Outcome decide(@PathVariable String refundId, @RequestBody DecisionBody body) {
        String reviewer = person();
        if (body == null || body.approved() == null) {
            throw ApiProblem.badField("approved", "is required (true to approve, false to reject)");
        }
        requireValidText("reason", body.reason());
        return answer(reviews.decide(refundId, reviewer, body));
    }

    /** Asks the customer for more evidence on a case one holds; it waits for them, out of the queue's hands. */
    @Operation(summary = "Ask the customer for more evidence", description = "On a case you hold: the message says"
            + " what is missing (1 to 2000 characters; the customer reads it as written, by email in their language"
            + " and on their case). The case waits (status AWAITING_EVIDENCE, claim let go) until the customer adds"
            + " files to it, then returns to the queue in its old place; without files within the policy's"
            + " evidenceAnswerWithin it is rejected with reason EVIDENCE_NOT_PROVIDED. 409 not-claimed-by-you,"
            + " awaiting-evidence, awaiting-second-approval, already-decided, nobody-to-ask (the customer who asked"
            + " does not own the order), evidence-requests-off (the policy sets no evidenceAnswerWithin). 403"
            + " people-only for a machine's token (client credentials).")
    @PostMapping("/{refundId}/evidence-request")
    Case requestEvidence(@PathVariable String refundId, @RequestBody EvidenceRequestBody body) {
        String reviewer = person();
        String message = body == null ? null : body.message();
        if (message == null || message.isBlank()) {
            throw ApiProblem.badField("message", "is required (what evidence is missing, for the customer)");
        }
        if (message.length() > MAX_TEXT) {
            throw ApiProblem.badField("message", "must be at most " + MAX_TEXT + " characters");
        }
        return answer(evidence.request(refundId, reviewer, message.strip()));
    }

    /** The signed-in person acting as reviewer; a machine's token is refused (403 people-only). */
    private static String person() {
        Caller caller = Caller.current();
        if (!caller.person()) {
            throw ApiProblem.forbidden(PEOPLE_ONLY, "Only people review", "the token of " + caller.subject()
                    + " was issued to a machine (client credentials), not to a person who signed in: it may read"
                    + " the queue and cases, but only a person may claim, decide or ask for evidence");
        }
        return caller.subject();
    }

    private static void requireValidText(String field, LocalizedText text) {
        if (text == null) {
            return;
        }
        if (text.en() == null || text.en().isBlank()) {
            throw ApiProblem.badField(field + ".en", "is required (the English text)");
        }
        if (text.zh() == null || text.zh().isBlank()) {
            throw ApiProblem.badField(field + ".zh", "is required (the Chinese text)");
        }
        if (text.en().length() > MAX_TEXT) {
            throw ApiProblem.badField(field + ".en", "must be at most " + MAX_TEXT + " characters");
        }
        if (text.zh().length() > MAX_TEXT) {
            throw ApiProblem.badField(field + ".zh", "must be at most " + MAX_TEXT + " characters");
        }
    }

    private static <T> T answer(ReviewResult<T> result) {
        if (result instanceof ReviewResult.Done<T> done) {
            return done.value();
        }
        throw problem(((ReviewResult.Refused<T>) result).refusal());
    }

    private static ApiProblem problem(Refusal refusal) {
        if (refusal instanceof InvalidField invalid) {
            return ApiProblem.badField(invalid.field(), invalid.reason());
        }
        if (refusal instanceof AboveRefundable above) {
            return ApiProblem.badField("amount.amount", above.reason());
        }
        if (refusal instanceof NothingLeftToRefund nothing) {
            return ApiProblem.conflict(ManualReview.NOTHING_LEFT, "Nothing left to refund", nothing.detail());
        }
        Conflict conflict = (Conflict) refusal;
        return ApiProblem.conflict(conflict.type(), conflict.title(), conflict.detail());
    }
}
