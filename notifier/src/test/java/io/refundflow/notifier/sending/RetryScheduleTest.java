package io.refundflow.notifier.sending;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.notifier.NotifierProperties;
import io.refundflow.notifier.model.EmailDelivery;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Whether an email that could not be sent is tried again, and when, or given up. */
class RetryScheduleTest {

    private static final Instant CREATED = Instant.parse("2026-11-29T12:00:00Z");

    private final RetrySchedule schedule = new RetrySchedule(new NotifierProperties.Retry(Duration.ofSeconds(10),
            2.0, Duration.ofMinutes(1), 3, Duration.ofHours(1)));

    @Test
    void aFailedAttemptWithinTheBudgetIsRetriedAfterTheBackoff() {
        // given: the first attempt failed a minute after the email was recorded
        Instant failedAt = CREATED.plusSeconds(60);

        // when
        RetrySchedule.AfterFailure next = schedule.afterFailure(delivery(0), failedAt);

        // then
        assertThat(next).isEqualTo(new RetrySchedule.RetryAt(1, failedAt.plusSeconds(10)));
    }

    @Test
    void theLastAllowedAttemptGivesUp() {
        // given: two attempts failed before
        Instant failedAt = CREATED.plusSeconds(60);

        // when
        RetrySchedule.AfterFailure next = schedule.afterFailure(delivery(2), failedAt);

        // then
        assertThat(next).isEqualTo(new RetrySchedule.GiveUp(3, Duration.ofSeconds(60)));
    }

    @Test
    void anEmailAsOldAsTheMaximumAgeGivesUpWhateverItsAttempts() {
        // given
        Instant failedAt = CREATED.plus(Duration.ofHours(1));

        // when
        RetrySchedule.AfterFailure next = schedule.afterFailure(delivery(0), failedAt);

        // then
        assertThat(next).isEqualTo(new RetrySchedule.GiveUp(1, Duration.ofHours(1)));
    }

    private static EmailDelivery delivery(int attempts) {
        return new EmailDelivery("evt-1", 1, "rf-1", "io.refundflow.refund.approved.v1", "c@example.com", "en",
                "Your refund", "text", "<p>html</p>", "<evt-1@refundflow>", "{}", "{}", "refund.decisions", attempts,
                CREATED);
    }
}
