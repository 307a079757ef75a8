package io.refundflow.notifier.email;

import static java.util.stream.Collectors.toSet;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.DecisionHeader;
import io.refundflow.events.EvidenceRequested;
import io.refundflow.events.Money;
import io.refundflow.events.Recipient;
import io.refundflow.events.RefundDecision;
import io.refundflow.events.ReviewOverdue;
import io.refundflow.notifier.Decisions;
import io.refundflow.notifier.NotifierProperties;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The rendering rules that need no infrastructure: language choice, exact amounts, settlement period, what a
 * request for evidence shows, what ops read about an overdue review.
 */
class EmailRendererTest {

    private static final Recipient OPS = new Recipient("refund-ops", "refund-ops@refundflow.invalid", "en");

    private final EmailRenderer renderer = new EmailRenderer(properties("zh", 2, 7));

    @Test
    void aCustomerEmailLinksToItsCaseOnTheCustomerPageInBothLanguages() {
        // given the customer page at its public address
        EmailRenderer linking = new EmailRenderer(properties("en", 2, 7),
                new CasePageLinks(java.net.URI.create("https://refunds.example.com/")));
        var decision = Decisions.approved("r-link", Decisions.customer("zh"), Money.of("1.00", "CNY"));

        for (String language : List.of("en", "zh")) {
            // when
            RenderedEmail email = linking.render(decision, language);

            // then the text and the HTML both carry the link to that case
            String link = "https://refunds.example.com/case/" + decision.header().caseNumber();
            assertThat(email.text()).contains(link);
            assertThat(email.html()).contains("href=\"" + link + "\"");
        }
    }

    @Test
    void anOverdueReviewForOpsCarriesNoCustomerLink() {
        // when ops are told of an overdue review
        RenderedEmail email = renderer.render(Decisions.reviewOverdue("r-ops-link", OPS, "OPEN", null), "en");

        // then it names no customer page
        assertThat(email.text()).doesNotContain("/case/");
    }

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
    void aCaseWithoutCaseNumberIsNamedByTheRequestOnItsOrder() {
        // given
        var decision = Decisions.rejected("r-no-case", Decisions.customer("en"));
        DecisionHeader header = decision.header();
        var withoutCase = new io.refundflow.events.RefundRejected(new DecisionHeader(header.refundId(), null,
                header.orderId(), header.recipient(), header.decidedAt(), header.policyVersion(), header.ruleId(),
                header.reasonCode(), header.reason()), decision.remedy());

        // when
        RenderedEmail email = renderer.render(withoutCase, "en");

        // then
        assertThat(email.subject()).isEqualTo("Your refund request was not approved (request on order "
                + decision.header().orderId() + ")");
        assertThat(email.text()).doesNotContain("Case number").doesNotContain("null");
    }

    @Test
    void customerTextIsEscapedInTheHtmlPart() {
        // given a reason with markup in it
        var decision = Decisions.rejected("r-1", Decisions.customer("en"));
        DecisionHeader header = decision.header();
        var hostile = new io.refundflow.events.RefundRejected(new DecisionHeader(header.refundId(),
                header.caseNumber(), header.orderId(), header.recipient(), header.decidedAt(), header.policyVersion(),
                header.ruleId(), header.reasonCode(),
                new io.refundflow.events.LocalizedText("<script>x</script>", "<script>x</script>")), null);

        // when
        RenderedEmail email = renderer.render(hostile, "en");

        // then
        assertThat(email.html()).contains("&lt;script&gt;").doesNotContain("<script>");
    }

    @Test
    void theReviewersMessageIsShownAsWrittenAndEscapedInTheHtmlPart() {
        // given a reviewer's message with markup, an apostrophe and a line break
        String asked = "Add the server's <b>usage</b> records\nand a screenshot of the error";
        EvidenceRequested request = Decisions.evidenceRequested("r-1", Decisions.customer("en"), asked);

        // when
        RenderedEmail email = renderer.render(request, "en");

        // then the text part carries it unchanged, the HTML part escaped with its line break kept
        assertThat(email.text()).contains("What our reviewer needs:\n" + asked + "\n");
        assertThat(email.html())
                .contains("Add the server&#39;s &lt;b&gt;usage&lt;/b&gt; records\nand a screenshot of the error")
                .doesNotContain("<b>usage");
    }

    @Test
    void anEvidenceRequestNamesNoAmountAndGivesTheDeadlineToTheMinuteInUtc() {
        // given an answer-by late in the evening, UTC
        EvidenceRequested asked = Decisions.evidenceRequested("r-1", Decisions.customer("en"), "Usage records");
        EvidenceRequested lateInTheDay = withAnswerBy(asked, Instant.parse("2026-11-10T23:30:00Z"));

        // when
        RenderedEmail english = renderer.render(lateInTheDay, "en");
        RenderedEmail chinese = renderer.render(lateInTheDay, "zh");

        // then
        assertThat(english.text())
                .contains("Please add the files by November 10, 2026, 23:30 (UTC). If we have not received them by"
                        + " then, your refund request will be rejected.")
                .contains("Requested on: November 3, 2026")
                .doesNotContain("amount").doesNotContain("Amount");
        assertThat(chinese.text())
                .contains("请于 2026年11月10日 23:30（UTC 时间）之前补充材料。如届时仍未收到，您的退款申请将被拒绝。")
                .doesNotContain("金额");
        assertThat(english.html()).contains("November 10, 2026, 23:30 (UTC)").doesNotContain("Refund amount");
    }

    @Test
    void anEvidenceRequestTellsTheCustomerToAddTheFilesToTheSameCase() {
        // given
        EvidenceRequested request = Decisions.evidenceRequested("r-1", Decisions.customer("en"), "Usage records");

        // when
        RenderedEmail email = renderer.render(request, "en");

        // then
        assertThat(email.subject()).isEqualTo(
                "We need more evidence for your refund request (case " + request.header().caseNumber() + ")");
        assertThat(email.text()).contains("How to add the files:\nAdd the files as evidence to your existing case "
                + request.header().caseNumber() + ", not to a new case or request");
    }

    @Test
    void anEvidenceRequestWithoutCaseNumberNamesTheCaseOfTheRequestOnTheOrder() {
        // given
        EvidenceRequested asked = Decisions.evidenceRequested("r-no-case", Decisions.customer("zh"), "使用记录");
        DecisionHeader header = asked.header();
        EvidenceRequested withoutCase = new EvidenceRequested(new DecisionHeader(header.refundId(), null,
                header.orderId(), header.recipient(), header.decidedAt(), header.policyVersion(), header.ruleId(),
                header.reasonCode(), header.reason()), asked.message(), asked.answerBy(), asked.requestedBy());

        // when
        RenderedEmail email = renderer.render(withoutCase, "zh");

        // then
        assertThat(email.subject()).isEqualTo("您的退款申请需要补充材料（订单 " + header.orderId() + " 的申请）");
        assertThat(email.text()).contains("补充到订单 " + header.orderId() + " 的申请原有的案件中")
                .doesNotContain("null");
    }

    @Test
    void everyKindOfDecisionHasItsOwnEmailInEveryLanguage() {
        // given one decision of each kind the contracts define, and each outcome of a review
        Recipient customer = Decisions.customer("en");
        List<RefundDecision> decisions = List.of(
                Decisions.approved("r-1", customer, Money.of("1.00", "CNY")),
                Decisions.rejected("r-1", customer),
                Decisions.manualReview("r-1", customer, Money.of("1.00", "CNY")),
                Decisions.reviewed("r-1", customer, true, Money.of("1.00", "CNY")),
                Decisions.reviewed("r-1", customer, false, null),
                Decisions.exchangeApproved("r-1", customer),
                Decisions.evidenceRequested("r-1", customer, "Usage records"),
                Decisions.reviewOverdue("r-1", OPS, "CLAIMED", "ops-1"));
        Set<Class<?>> kinds = decisions.stream().map(decision -> (Class<?>) decision.getClass()).collect(toSet());
        assertThat(kinds).containsExactlyInAnyOrder(RefundDecision.class.getPermittedSubclasses());

        for (String language : List.of("en", "zh")) {
            // when
            List<RenderedEmail> emails = decisions.stream().map(decision -> renderer.render(decision, language))
                    .toList();

            // then every email has its own subject and lead, and no wording is missing ("??key??")
            assertThat(emails).extracting(RenderedEmail::subject).doesNotHaveDuplicates();
            assertThat(emails).allSatisfy(email -> assertThat(List.of(email.subject(), email.text(), email.html()))
                    .allSatisfy(content -> assertThat(content).doesNotContain("??")));
        }
    }

    @Test
    void anOverdueReviewTellsOpsWhenItWasDueWhoHoldsItAndWhereToTakeIt() {
        // given a claimed review, opened November 1 at 07:45 UTC and due November 3 at 07:45 UTC
        ReviewOverdue overdue = Decisions.reviewOverdue("r-1", OPS, "CLAIMED", "ops-1");

        // when
        RenderedEmail email = renderer.render(overdue, "en");

        // then the subject names the case and that it is overdue
        assertThat(email.subject()).isEqualTo(
                "Manual review overdue and still undecided (case " + overdue.header().caseNumber() + ")");
        // and both parts say when it was due, where it stands, who holds it, since when, under which rule
        for (String body : List.of(email.text(), email.html())) {
            assertThat(body)
                    .contains("The manual review was due at November 3, 2026, 07:45 (UTC) and is still undecided.")
                    .contains("Claimed by a reviewer").contains("ops-1")
                    .contains("November 1, 2026, 07:45 (UTC)")
                    .contains("server.quality")
                    .contains("Manual review tab");
        }
        // and ops, who look reviews up by refund id, read it (a customer never does)
        assertThat(email.text()).contains("Refund ID: r-1\n");
        assertThat(email.text())
                .contains("Review status: Claimed by a reviewer\nHeld by: ops-1\n"
                        + "Opened at: November 1, 2026, 07:45 (UTC)\nRule: server.quality\n")
                .contains("Please take the review, or hand it over to another reviewer, in the ops dashboard's"
                        + " Manual review tab.");
    }

    @Test
    void anOverdueReviewNobodyHoldsSaysSoAndNamesNoAmount() {
        // given a review waiting in the queue, unclaimed
        ReviewOverdue unclaimed = Decisions.reviewOverdue("r-1", OPS, "OPEN", null);

        // when
        RenderedEmail english = renderer.render(unclaimed, "en");
        RenderedEmail chinese = renderer.render(unclaimed, "zh");

        // then
        assertThat(english.text())
                .contains("Review status: Open, waiting in the queue\nHeld by: Nobody\n")
                .doesNotContain("null").doesNotContain("amount").doesNotContain("Amount");
        assertThat(english.html()).contains("Nobody").doesNotContain("Refund amount");
        assertThat(chinese.subject()).isEqualTo("人工审核已超期且仍未决定（案件 " + unclaimed.header().caseNumber() + "）");
        assertThat(chinese.text())
                .contains("该人工审核应于 2026年11月3日 07:45（UTC 时间）前完成，目前仍未作出决定。")
                .contains("处理人: 无人")
                .contains("待处理，在队列中等待认领")
                .contains("“Manual review”标签页")
                .doesNotContain("金额").doesNotContain("null");
    }

    @Test
    void anOverdueReviewIsSignedForOpsNotAsCustomerService() {
        // when
        RenderedEmail email = renderer.render(
                Decisions.reviewOverdue("r-1", OPS, "AWAITING_SECOND_APPROVAL", null), "en");

        // then
        assertThat(email.text())
                .contains("Approved once, awaiting a second reviewer's approval")
                .contains("sent automatically to the ops mailbox")
                .doesNotContain("customer service").doesNotContain("your case");
    }

    private static EvidenceRequested withAnswerBy(EvidenceRequested request, Instant answerBy) {
        // the header is unchanged: only when the customer may answer differs
        return new EvidenceRequested(request.header(), request.message(), answerBy, request.requestedBy());
    }

    private static NotifierProperties properties(String defaultLocale, int min, int max) {
        return new NotifierProperties(defaultLocale, null, min, max, null, null, null, null, null, null);
    }
}
