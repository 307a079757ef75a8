package io.refundflow.notifier.sending;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.notifier.model.EmailDelivery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a round of emails is split over SMTP connections. */
class SmtpLanesTest {

    @Test
    void aSmallRoundGoesOverOneConnection() {
        // given fewer emails than two connections are worth
        List<EmailDelivery> round = emails(19, 19);

        // when it is split over up to four connections
        List<List<EmailDelivery>> lanes = SmtpBatches.lanesOf(round, 4);

        // then it stays one lane, in its order
        assertThat(lanes).containsExactly(round);
    }

    @Test
    void aBusyRoundIsSplitWithEachRefundsEmailsInOneLaneInTheirOrder() {
        // given 60 emails for 30 refunds, two each, in the order they were decided
        List<EmailDelivery> round = emails(60, 30);

        // when it is split over up to four connections
        List<List<EmailDelivery>> lanes = SmtpBatches.lanesOf(round, 4);

        // then there are several lanes, every email is in exactly one, and each refund's emails share a lane
        // in the round's order
        assertThat(lanes).hasSizeBetween(2, 4);
        assertThat(lanes.stream().mapToInt(List::size).sum()).isEqualTo(60);
        for (List<EmailDelivery> lane : lanes) {
            List<EmailDelivery> inRoundOrder = new ArrayList<>(lane);
            inRoundOrder.sort((a, b) -> Long.compare(a.seq(), b.seq()));
            assertThat(lane).containsExactlyElementsOf(inRoundOrder);
            for (EmailDelivery email : lane) {
                assertThat(round.stream().filter(other -> other.refundId().equals(email.refundId())))
                        .allSatisfy(sameRefund -> assertThat(lane).contains(sameRefund));
            }
        }
    }

    @Test
    void oneConnectionKeepsEveryRoundInOneLane() {
        // given a busy round and a notifier configured for one SMTP connection
        List<EmailDelivery> round = emails(60, 30);

        // when it is split
        List<List<EmailDelivery>> lanes = SmtpBatches.lanesOf(round, 1);

        // then it is one lane
        assertThat(lanes).containsExactly(round);
    }

    private static List<EmailDelivery> emails(int count, int refunds) {
        List<EmailDelivery> emails = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String refundId = "r-" + (i % refunds);
            emails.add(new EmailDelivery("e-" + i, i, refundId, "io.refundflow.refund.approved.v1",
                    refundId + "@billing.example", "en", "subject", "text", "<p>html</p>", "<e-" + i + "@test>", "{}",
                    "{}", "refund.decisions", 0, Instant.EPOCH));
        }
        return emails;
    }
}
