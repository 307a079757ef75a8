package io.refundflow.evaluator.policy;

import static io.refundflow.evaluator.policy.Given.exchange;
import static io.refundflow.evaluator.policy.Given.order;
import static io.refundflow.evaluator.policy.Given.refund;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.evaluator.policy.Conditions.Window;
import io.refundflow.events.BillingMode;
import io.refundflow.events.Ground;
import io.refundflow.events.ImageUsage;
import io.refundflow.events.Money;
import io.refundflow.events.ProductKind;
import io.refundflow.events.RequestKind;
import io.refundflow.events.ServiceStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The "why not matched" line of the rule trace: which condition failed, with the value it saw and the values it
 * allows, so that a reviewer reading the trace can tell why a rule did not fire.
 */
class WhyNotMatchedTest {

    private static final Window GUARANTEE = new Window("guarantee", Duration.ofHours(120));
    private static final Supplier<Money> HUNDRED = () -> Money.of("100.00", "CNY");
    private static final OrderFacts SAAS = order(ProductKind.SAAS).facts();

    @Test
    void conditionsThatAllHoldGiveNoExplanation() {
        // given every kind of condition, each satisfied
        Conditions all = new Conditions(Set.of(ProductKind.SAAS), Set.of(BillingMode.SUBSCRIPTION),
                Set.of(Ground.UNSATISFIED), Set.of(RequestKind.REFUND), null, null, false, GUARANTEE, null,
                Map.of("CNY", new BigDecimal("100.00")));

        // when
        String why = all.mismatch(SAAS, refund(Ground.UNSATISFIED, Duration.ofDays(1), 0), HUNDRED);

        // then
        assertThat(why).isNull();
    }

    @Test
    void aListConditionNamesItsKeyTheValueSeenAndTheValuesAllowed() {
        // given
        OrderFacts server = order(ProductKind.SERVER).billing(BillingMode.PAY_AS_YOU_GO).facts();
        Conditions forUnsatisfied = listed(null, null, Set.of(Ground.UNSATISFIED), null, null, null);

        // then each list names itself
        assertThat(listed(Set.of(ProductKind.SAAS), null, null, null, null, null)
                .mismatch(server, refund(Ground.UNSATISFIED, Duration.ZERO, 0), HUNDRED))
                .isEqualTo("productKind SERVER not in [SAAS]");
        assertThat(listed(null, Set.of(BillingMode.SUBSCRIPTION), null, null, null, null)
                .mismatch(server, refund(Ground.UNSATISFIED, Duration.ZERO, 0), HUNDRED))
                .isEqualTo("billingMode PAY_AS_YOU_GO not in [SUBSCRIPTION]");
        assertThat(forUnsatisfied.mismatch(server, refund(Ground.QUALITY_ISSUE, Duration.ZERO, 0), HUNDRED))
                .isEqualTo("ground QUALITY_ISSUE not in [UNSATISFIED]");
        assertThat(listed(null, null, null, Set.of(RequestKind.REFUND), null, null)
                .mismatch(server, exchange(Ground.UNSATISFIED, Duration.ZERO, 0), HUNDRED))
                .isEqualTo("requestKind EXCHANGE not in [REFUND]");
    }

    @Test
    void aFactTheOrderDoesNotHaveMatchesNoList() {
        // given a SaaS order, which has neither a service status nor an image usage
        Conditions inProgress = listed(null, null, null, null, Set.of(ServiceStatus.IN_PROGRESS), null);
        Conditions unused = listed(null, null, null, null, null, Set.of(ImageUsage.UNUSED));

        // when
        String whyNotInProgress = inProgress.mismatch(SAAS, refund(Ground.UNSATISFIED, Duration.ZERO, 0), HUNDRED);
        String whyNotUnused = unused.mismatch(SAAS, refund(Ground.UNSATISFIED, Duration.ZERO, 0), HUNDRED);

        // then
        assertThat(whyNotInProgress).isEqualTo("serviceStatus null not in [IN_PROGRESS]");
        assertThat(whyNotUnused).isEqualTo("imageUsage null not in [UNUSED]");
    }

    @Test
    void theFirstFailingConditionInTheFilesOrderIsTheOneNamed() {
        // given conditions on product kind and ground, both failing
        Conditions saasUnsatisfied = listed(Set.of(ProductKind.SAAS), null, Set.of(Ground.UNSATISFIED), null, null,
                null);

        // when
        String why = saasUnsatisfied.mismatch(order(ProductKind.SERVER).facts(),
                refund(Ground.FORCE_MAJEURE, Duration.ZERO, 0), HUNDRED);

        // then
        assertThat(why).isEqualTo("productKind SERVER not in [SAAS]");
    }

    @Test
    void anEvidenceConditionSaysWhetherTheRequestHadAttachments() {
        // given
        Conditions needsEvidence = evidence(true);
        Conditions needsNone = evidence(false);

        // then
        assertThat(needsEvidence.mismatch(SAAS, refund(Ground.QUALITY_ISSUE, Duration.ZERO, 0), HUNDRED))
                .isEqualTo("evidence absent");
        assertThat(needsEvidence.mismatch(SAAS, refund(Ground.QUALITY_ISSUE, Duration.ZERO, 2), HUNDRED)).isNull();
        assertThat(needsNone.mismatch(SAAS, refund(Ground.QUALITY_ISSUE, Duration.ZERO, 1), HUNDRED))
                .isEqualTo("evidence present");
        assertThat(needsNone.mismatch(SAAS, refund(Ground.QUALITY_ISSUE, Duration.ZERO, 0), HUNDRED)).isNull();
        assertThat(evidence(null).mismatch(SAAS, refund(Ground.QUALITY_ISSUE, Duration.ZERO, 1), HUNDRED)).isNull();
    }

    @Test
    void aWithinWindowIncludesItsLastInstantAndNamesTheTimeElapsedAfterIt() {
        // given
        Conditions within = windows(GUARANTEE, null);

        // when submitted exactly at the end of the window, and one second later
        String atTheEnd = within.mismatch(SAAS, refund(Ground.UNSATISFIED, Duration.ofHours(120), 0), HUNDRED);
        String justAfter = within.mismatch(SAAS,
                refund(Ground.UNSATISFIED, Duration.ofHours(120).plusSeconds(1), 0), HUNDRED);

        // then
        assertThat(atTheEnd).isNull();
        assertThat(justAfter).isEqualTo("submitted PT120H1S after payment, outside window guarantee");
    }

    @Test
    void anOutsideWindowExcludesTheWindowsLastInstantAndNamesTheTimeElapsed() {
        // given
        Conditions outside = windows(null, GUARANTEE);

        // when submitted exactly at the end of the window, and one second later
        String atTheEnd = outside.mismatch(SAAS, refund(Ground.UNSATISFIED, Duration.ofHours(120), 0), HUNDRED);
        String justAfter = outside.mismatch(SAAS,
                refund(Ground.UNSATISFIED, Duration.ofHours(120).plusSeconds(1), 0), HUNDRED);

        // then
        assertThat(atTheEnd).isEqualTo("submitted PT120H after payment, inside window guarantee");
        assertThat(justAfter).isNull();
    }

    @Test
    void anAmountConditionNamesTheRefundAndTheThresholdOfItsCurrency() {
        // given
        Conditions upTo200 = atMost(Map.of("CNY", new BigDecimal("200.00")));

        // when
        String above = upTo200.mismatch(SAAS, refund(Ground.UNSATISFIED, Duration.ZERO, 0),
                () -> Money.of("200.01", "CNY"));
        String at = upTo200.mismatch(SAAS, refund(Ground.UNSATISFIED, Duration.ZERO, 0),
                () -> Money.of("200.00", "CNY"));

        // then
        assertThat(above).isEqualTo("refund 200.01 CNY above refundAtMost 200.00 CNY");
        assertThat(at).isNull();
    }

    @Test
    void anAmountConditionDoesNotMatchACurrencyItHasNoThresholdForOrNoRefundAtAll() {
        // given
        Conditions upTo200Cny = atMost(Map.of("CNY", new BigDecimal("200.00")));

        // when
        String inDollars = upTo200Cny.mismatch(SAAS, refund(Ground.UNSATISFIED, Duration.ZERO, 0),
                () -> Money.of("1.00", "USD"));
        String noRefund = upTo200Cny.mismatch(SAAS, refund(Ground.UNSATISFIED, Duration.ZERO, 0), () -> null);

        // then
        assertThat(inDollars).isEqualTo("refundAtMost has no threshold for USD");
        assertThat(noRefund).isEqualTo("no refund amount to compare with refundAtMost");
    }

    @Test
    void theRefundIsComputedOnlyForAnAmountCondition() {
        // given a refund that must not be asked for
        Supplier<Money> notToBeComputed = () -> {
            throw new AssertionError("the refund was computed for conditions without refundAtMost");
        };

        // when
        String why = windows(GUARANTEE, null).mismatch(SAAS, refund(Ground.UNSATISFIED, Duration.ofHours(1), 0),
                notToBeComputed);

        // then
        assertThat(why).isNull();
    }

    private static Conditions listed(Set<ProductKind> productKind, Set<BillingMode> billingMode, Set<Ground> ground,
            Set<RequestKind> requestKind, Set<ServiceStatus> serviceStatus, Set<ImageUsage> imageUsage) {
        return new Conditions(productKind, billingMode, ground, requestKind, serviceStatus, imageUsage, null, null,
                null, null);
    }

    private static Conditions evidence(Boolean present) {
        return new Conditions(null, null, null, null, null, null, present, null, null, null);
    }

    private static Conditions windows(Window within, Window outside) {
        return new Conditions(null, null, null, null, null, null, null, within, outside, null);
    }

    private static Conditions atMost(Map<String, BigDecimal> refundAtMost) {
        return new Conditions(null, null, null, null, null, null, null, null, null, refundAtMost);
    }
}
