package io.refundflow.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How late the HTTP client hands a fixed-rate phase's request on after its slot: the client's own share of every
 * answer's time measured from the slot, on a machine whose cores it shares with the system it measures.
 */
class ClientLatenessTest {

    private static final long SLOT = 5_000_000_000L;

    private final HttpDriver driver = new HttpDriver("http://127.0.0.1:9", Map.of(), new RefundLedger(),
            HttpDriver.Form.ONE_CALL);

    @Test
    void aFixedRateRequestHandedOnAfterItsSlotCountsHowLate() {
        // given a request handed to the HTTP client 30 ms after its slot
        driver.sending(SLOT, SLOT + 30_000_000L);

        // when the phase's outcomes are taken
        LatencySummary late = driver.takeOutcomes().lateToSend();

        // then the lateness is counted once, in milliseconds
        assertThat(late.count()).isEqualTo(1);
        assertThat(late.p99()).isCloseTo(30.0, within(0.1));
    }

    @Test
    void anOpenThrottleRequestHasNoSlotToBeLateFor() {
        // given a request of an open-throttle phase (no slot)
        driver.sending(-1, SLOT);

        // when / then nothing is counted
        assertThat(driver.takeOutcomes().lateToSend().count()).isZero();
    }

    @Test
    void eachPhaseCountsOnlyItsOwnRequests() {
        // given a phase whose outcomes were taken
        driver.sending(SLOT, SLOT + 1_000_000L);
        driver.takeOutcomes();

        // when the next phase's are taken
        LatencySummary next = driver.takeOutcomes().lateToSend();

        // then the last phase's lateness is not in them
        assertThat(next.count()).isZero();
    }
}
