package io.refundflow.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProductMixTest {

    @Test
    void sequenceHasTheMixProportionsInEveryFullRound() {
        ProductMix mix = ProductMix.parse("SAAS=4, server=1,API_OR_DOWNLOAD");

        Map<Scenario, Integer> seen = new EnumMap<>(Scenario.class);
        for (int i = 0; i < 60; i++) {
            seen.merge(mix.next(), 1, Integer::sum);
        }

        assertThat(seen).containsEntry(Scenario.SAAS, 40).containsEntry(Scenario.SERVER, 10)
                .containsEntry(Scenario.API_OR_DOWNLOAD, 10).hasSize(3);
    }

    @Test
    void heavierKindsAreSpreadOutNotBunched() {
        ProductMix mix = ProductMix.parse("SAAS=1,SERVER=1");

        assertThat(new Scenario[] {mix.next(), mix.next(), mix.next(), mix.next()})
                .containsExactly(Scenario.SAAS, Scenario.SERVER, Scenario.SAAS, Scenario.SERVER);
    }

    @Test
    void restartBeginsTheSequenceAgain() {
        ProductMix mix = ProductMix.parse("SAAS=2,IMAGE=1");
        Scenario first = mix.next();
        mix.next();

        assertThat(mix.restart().next()).isEqualTo(first);
    }

    @Test
    void unknownKindsAndBadWeightsAreNamed() {
        assertThatThrownBy(() -> ProductMix.parse("SAAS=4,BOAT=1")).hasMessageContaining("unknown kind 'BOAT'");
        assertThatThrownBy(() -> ProductMix.parse("SAAS=x")).hasMessageContaining("weight of SAAS");
        assertThatThrownBy(() -> ProductMix.parse("SAAS=0")).hasMessageContaining("no kind with a positive weight");
    }

    @Test
    void onlyExchangesNeedAPerson() {
        assertThat(ProductMix.parse(ProductMix.DEFAULT).automaticOnly()).isTrue();
        assertThat(ProductMix.parse("SAAS=1,EXCHANGE=1").automaticOnly()).isFalse();
    }
}
