package io.refundflow.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PeerDriverTest {

    @Test
    void thePeersOutcomesCountAsTheDecisionEventsTheirScenariosExpect() {
        assertThat(Scenario.SAAS.matches(PeerDriver.eventType("APPROVE"))).isTrue();
        assertThat(Scenario.SERVER.matches(PeerDriver.eventType("REJECT"))).isTrue();
        assertThat(Scenario.EXCHANGE.matches(PeerDriver.eventType("MANUAL_REVIEW"))).isTrue();
        assertThat(Scenario.SAAS.matches(PeerDriver.eventType("REJECT"))).isFalse();
        assertThat(Scenario.SAAS.matches(PeerDriver.eventType("REFUSE"))).isFalse();
    }
}
