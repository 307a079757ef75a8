package io.refundflow.evaluator.review;

import io.refundflow.evaluator.model.review.ReviewResult;
import io.refundflow.evaluator.model.review.ReviewResult.Refusal;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * Refusals decided inside a request's transaction. The model's {@link ReviewResult} knows nothing of
 * transactions, so the services that hold one roll it back here.
 */
final class Rollbacks {

    private Rollbacks() {
    }

    /** A refusal from inside the request's transaction, which is rolled back: nothing of it stays. */
    static <T> ReviewResult<T> refused(Refusal refusal) {
        TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
        return ReviewResult.refused(refusal);
    }
}
