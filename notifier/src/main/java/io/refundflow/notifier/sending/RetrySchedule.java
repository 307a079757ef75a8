package io.refundflow.notifier.sending;

import io.refundflow.notifier.NotifierProperties;
import io.refundflow.notifier.model.EmailDelivery;
import java.time.Duration;
import java.time.Instant;

/**
 * When an email that could not be sent is tried again, or that it is given up: after
 * {@code refund.notifier.retry.max-attempts} attempts or once it is {@code max-age} old, whichever comes first;
 * until then with exponential back-off ({@link NotifierProperties.Retry#backoffAfter}).
 */
final class RetrySchedule {

    /** What follows a failed attempt. */
    sealed interface AfterFailure {
    }

    /** Try again at {@code next}; {@code attempt} attempts have failed so far. */
    record RetryAt(int attempt, Instant next) implements AfterFailure {
    }

    /** The budget is spent: {@code attempts} attempts over {@code age}. */
    record GiveUp(int attempts, Duration age) implements AfterFailure {
    }

    private final NotifierProperties.Retry retry;

    RetrySchedule(NotifierProperties.Retry retry) {
        this.retry = retry;
    }

    AfterFailure afterFailure(EmailDelivery delivery, Instant failedAt) {
        int attempt = delivery.attempts() + 1;
        Duration age = Duration.between(delivery.createdAt(), failedAt);
        if (attempt >= retry.maxAttempts() || age.compareTo(retry.maxAge()) >= 0) {
            return new GiveUp(attempt, age);
        }
        return new RetryAt(attempt, failedAt.plus(retry.backoffAfter(attempt)));
    }
}
