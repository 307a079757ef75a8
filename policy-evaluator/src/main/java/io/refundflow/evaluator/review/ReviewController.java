package io.refundflow.evaluator.review;

import io.refundflow.evaluator.problems.ApiProblem;
import io.refundflow.evaluator.review.ReviewViews.Case;
import io.refundflow.evaluator.review.ReviewViews.DecisionBody;
import io.refundflow.evaluator.review.ReviewViews.Outcome;
import io.refundflow.evaluator.review.ReviewViews.Page;
import io.refundflow.events.Ground;
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

/** The manual-review API for ops reviewers (role ops, see EvaluatorSecurity). */
@RestController
@RequestMapping("/api/reviews")
class ReviewController {

    private static final int MAX_PAGE_SIZE = 100;

    private final ReviewService reviews;

    ReviewController(ReviewService reviews) {
        this.reviews = reviews;
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
            + " already holds is harmless.")
    @PostMapping("/{refundId}/claim")
    Case claim(@PathVariable String refundId) {
        return reviews.claim(refundId, Caller.current().subject());
    }

    /** Decides a case one holds; an approval reserves its amount in the order's ledger (see DecisionBody). */
    @Operation(summary = "Decide a claimed case", description = "An approval is capped by what is left to refund"
            + " on the order and reserves its amount in the order's ledger (409 nothing-left-to-refund).")
    @PostMapping("/{refundId}/decision")
    Outcome decide(@PathVariable String refundId, @RequestBody DecisionBody body) {
        return reviews.decide(refundId, Caller.current().subject(), body);
    }
}
