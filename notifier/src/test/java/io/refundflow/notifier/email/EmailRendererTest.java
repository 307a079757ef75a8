package io.refundflow.notifier.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.Money;
import io.refundflow.events.Recipient;
import io.refundflow.notifier.Decisions;
import io.refundflow.notifier.NotifierProperties;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The rendering rules that need no infrastructure: language choice, exact amounts, settlement period. */
class EmailRendererTest {

    private final EmailRenderer renderer = new EmailRenderer(properties("zh", 2, 7));

    @Test
    void aLocaleTheMarketplaceDoesNotServeFallsBackToTheConfiguredDefault() {
        // given a default language of Chinese
        Recipient customer = new Recipient("c-1", "a@example.com", "fr");

        // when
        RenderedEmail email = renderer.render(Decisions.rejected("r-1", customer), customer.locale());

        // then
        assertThat(email.language()).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(email.subject()).contains("未获批准");
    }

    @Test
    void amountsAreRenderedExactlyAtTheCurrencysMinorUnit() {
        // when
        RenderedEmail email = renderer.render(Decisions.approved("r-1", Decisions.customer("en"),
                Money.of("1234567.1", "CNY")), "en");

        // then
        assertThat(email.text()).contains("1234567.10 CNY");
        assertThat(email.html()).contains("1234567.10 CNY");
    }

    @Test
    void theSettlementPeriodIsConfigurableAndCountsBusinessDaysOnly() {
        // when (decided on Tuesday 2026-11-03; 7 business days later is Thursday 2026-11-12)
        RenderedEmail email = renderer.render(Decisions.approved("r-1", Decisions.customer("en"),
                Money.of("1.00", "CNY")), "en");

        // then
        assertThat(email.text()).contains("within 2-7 business days").contains("November 12, 2026");
    }

    @Test
    void aCaseWithoutCaseNumberIsNamedByItsRefundId() {
        // given
        var decision = Decisions.rejected("r-no-case", Decisions.customer("en"));
        var withoutCase = new io.refundflow.events.RefundRejected(decision.refundId(), null, decision.orderId(),
                decision.recipient(), decision.decidedAt(), decision.policyVersion(), decision.ruleId(),
                decision.reasonCode(), decision.reason(), decision.remedy());

        // when
        RenderedEmail email = renderer.render(withoutCase, "en");

        // then
        assertThat(email.subject()).isEqualTo("Your refund request was not approved (refund r-no-case)");
        assertThat(email.text()).doesNotContain("Case number").doesNotContain("null");
    }

    @Test
    void customerTextIsEscapedInTheHtmlPart() {
        // given a reason with markup in it
        var decision = Decisions.rejected("r-1", Decisions.customer("en"));
        var hostile = new io.refundflow.events.RefundRejected(decision.refundId(), decision.caseNumber(),
                decision.orderId(), decision.recipient(), decision.decidedAt(), decision.policyVersion(),
                decision.ruleId(), decision.reasonCode(),
                new io.refundflow.events.LocalizedText("<script>x</script>", "<script>x</script>"), null);

        // when
        RenderedEmail email = renderer.render(hostile, "en");

        // then
        assertThat(email.html()).contains("&lt;script&gt;").doesNotContain("<script>");
    }

    private static NotifierProperties properties(String defaultLocale, int min, int max) {
        return new NotifierProperties(defaultLocale, null, min, max, null, null, null, null, null);
    }
}
