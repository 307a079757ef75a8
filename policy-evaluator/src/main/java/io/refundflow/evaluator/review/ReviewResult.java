package io.refundflow.evaluator.review;

import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * What a request about a manual review came to: done, with its value, or refused for a reason the reviewer can
 * act on. The controller answers a refusal as a problem ({@link Refusal}).
 */
sealed interface ReviewResult<T> {

    static <T> ReviewResult<T> done(T value) {
        return new Done<>(value);
    }

    static <T> ReviewResult<T> refused(Refusal refusal) {
        return new Refused<>(refusal);
    }

    /** A refusal from inside the request's transaction, which is rolled back: nothing of it stays. */
    static <T> ReviewResult<T> refusedRollingBack(Refusal refusal) {
        TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
        return refused(refusal);
    }

    record Done<T>(T value) implements ReviewResult<T> {
    }

    record Refused<T>(Refusal refusal) implements ReviewResult<T> {
    }

    /** Why a claim or decision was refused; nothing was changed. */
    sealed interface Refusal {
    }

    /** A field of the decision is missing or wrong for this case (400, naming the field). */
    record InvalidField(String field, String reason) implements Refusal {
    }

    /** The case is not in a state that allows the request (409), e.g. decided already or claimed by another. */
    record Conflict(String type, String title, String detail) implements Refusal {
    }

    /** An approval on an order that has nothing left to refund (409 nothing-left-to-refund). */
    record NothingLeftToRefund(String detail) implements Refusal {
    }

    /** An approval of more than the order has left to refund (400 on amount.amount). */
    record AboveRefundable(String reason) implements Refusal {
    }
}
