package io.refundflow.evaluator.model.review;

/**
 * What a request about a manual review came to: done, with its value, or refused for a reason the reviewer can
 * act on. The review API answers a refusal as a problem ({@link Refusal}).
 */
public sealed interface ReviewResult<T> {

    public static <T> ReviewResult<T> done(T value) {
        return new Done<>(value);
    }

    public static <T> ReviewResult<T> refused(Refusal refusal) {
        return new Refused<>(refusal);
    }

    public record Done<T>(T value) implements ReviewResult<T> {
    }

    public record Refused<T>(Refusal refusal) implements ReviewResult<T> {
    }

    /** Why a claim or decision was refused; nothing was changed. */
    public sealed interface Refusal {
    }

    /** A field of the decision is missing or wrong for this case (400, naming the field). */
    public record InvalidField(String field, String reason) implements Refusal {
    }

    /** The case is not in a state that allows the request (409), e.g. decided already or claimed by another. */
    public record Conflict(String type, String title, String detail) implements Refusal {
    }

    /** An approval on an order that has nothing left to refund (409 nothing-left-to-refund). */
    public record NothingLeftToRefund(String detail) implements Refusal {
    }

    /** An approval of more than the order has left to refund (400 on amount.amount). */
    public record AboveRefundable(String reason) implements Refusal {
    }
}
