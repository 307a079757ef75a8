package io.refundflow.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PeerDriverTest {

    @Test
    void thePeersAnswerCountsAsTheDecisionEventItsScenarioExpectsOnlyWithTheRightAmount() {
        String full = PeerDriver.eventType(Scenario.SAAS, "APPROVE", new BigDecimal("199.00"));
        String short_ = PeerDriver.eventType(Scenario.SAAS, "APPROVE", new BigDecimal("99.00"));
        String rejected = PeerDriver.eventType(Scenario.SERVER, "REJECT", new BigDecimal("0.00"));
        String review = PeerDriver.eventType(Scenario.EXCHANGE, "MANUAL_REVIEW", BigDecimal.ZERO);

        assertThat(Scenario.SAAS.matches(full)).isTrue();
        assertThat(Scenario.SAAS.matches(short_)).isFalse();
        assertThat(Scenario.SERVER.matches(rejected)).isTrue();
        assertThat(Scenario.EXCHANGE.matches(review)).isTrue();
        assertThat(Scenario.SAAS.matches(rejected)).isFalse();
    }
}
