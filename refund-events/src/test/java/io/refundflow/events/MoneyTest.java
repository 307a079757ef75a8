package io.refundflow.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void proRataRoundsHalfEvenToTheMinorUnit() {
        // 100.00 x 1/8 = 12.5 exactly at 3 decimals; 0.125 -> 0.12 (half-even keeps the even digit)
        assertThat(Money.of("1.00", "CNY").proRata(1, 8)).isEqualTo(Money.of("0.12", "CNY"));
        assertThat(Money.of("1.00", "CNY").proRata(3, 8)).isEqualTo(Money.of("0.38", "CNY"));
    }

    @Test
    void proRataUsesTheCurrencysOwnMinorUnit() {
        assertThat(Money.of("1000", "JPY").proRata(1, 3)).isEqualTo(Money.of("333", "JPY"));
    }

    @Test
    void amountsInDifferentCurrenciesDoNotMix() {
        assertThatThrownBy(() -> Money.of("1.00", "CNY").plus(Money.of("1.00", "USD")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("currency mismatch");
    }

    @Test
    void unknownCurrencyIsRefused() {
        assertThatThrownBy(() -> Money.of("1.00", "XYZW")).isInstanceOf(IllegalArgumentException.class);
    }
}
