package io.refundflow.notifier.email;

import io.refundflow.events.DecisionHeader;
import io.refundflow.events.EvidenceRequested;
import io.refundflow.events.ManualReviewRequired;
import io.refundflow.events.Money;
import io.refundflow.events.RefundApproved;
import io.refundflow.events.RefundDecision;
import io.refundflow.events.RefundRejected;
import io.refundflow.events.RefundReviewed;
import io.refundflow.events.ReviewOverdue;
import io.refundflow.notifier.NotifierProperties;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;

/**
 * Renders the email for one decision with Thymeleaf ({@link EmailTemplates}): one layout as plain
 * text ({@code templates/email/text/email.txt}) and as HTML ({@code templates/email/html/email.html}), filled
 * with the outcome's wording from {@code templates/email/messages_{en,zh}.properties} (keys prefixed by the
 * outcome) and the outcome's details (amount, remedy, when the money arrives, what a reviewer asks for and by
 * when, or for ops how late a review is and who holds it). An approved exchange has its own wording and shows no
 * amount: it moves no money. Every email is rendered from a fresh context holding
 * only this decision's data.
 */
@Component
public class EmailRenderer {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final EmailTemplates templates = new EmailTemplates();
    private final MessageSource messages = templates.messages();
    private final NotifierProperties properties;
    private final CasePageLinks links;

    /** With the customer page at its default address. */
    public EmailRenderer(NotifierProperties properties) {
        this(properties, new CasePageLinks(null));
    }

    @Autowired
    public EmailRenderer(NotifierProperties properties, CasePageLinks links) {
        this.properties = properties;
        this.links = links;
    }

    /** @param customerLocale the customer's locale; the configured default when missing or not served */
    public RenderedEmail render(RefundDecision decision, String customerLocale) {
        Locale language = properties.languageFor(customerLocale);
        String outcome = outcomeOf(decision);
        DecisionHeader header = decision.header();
        Context context = templates.context(language, outcome, header.caseNumber(), header.orderId());
        context.setVariable("outcome", outcome);
        context.setVariable("reason", header.reason() == null ? null : header.reason().in(language.getLanguage()));
        context.setVariable("amountLabel", decision instanceof ManualReviewRequired ? "label.proposedAmount"
                : "label.amount");
        context.setVariable("decidedOnLabel", decidedOnLabel(decision));
        context.setVariable("decidedOn", date(header.decidedAt().atZone(ZoneOffset.UTC).toLocalDate(), language));
        // ops read an overdue review: no customer service signature, no "your case" footer
        boolean forOps = decision instanceof ReviewOverdue;
        context.setVariable("signatureKey", forOps ? outcome + ".signature" : "signature");
        context.setVariable("footerKey", forOps ? outcome + ".footer" : "footer");
        // ops look a review up by its refund id; a customer never reads one (see EmailTemplates.context)
        context.setVariable("refundId", forOps ? header.refundId() : null);
        // the customer follows their case on the customer page; ops have the dashboard
        context.setVariable("caseLink", forOps ? null : links.to(header.caseNumber()));
        addOutcomeDetails(decision, language, context);

        return templates.render("email", context);
    }

    private void addOutcomeDetails(RefundDecision decision, Locale language, Context context) {
        if (decision instanceof RefundApproved approved) {
            context.setVariable("amount", amount(approved.refundAmount()));
            addSettlement(decision, language, context);
        } else if (decision instanceof RefundRejected rejected) {
            context.setVariable("remedy", rejected.remedy() == null ? null : rejected.remedy().in(language.getLanguage()));
        } else if (decision instanceof ManualReviewRequired review) {
            context.setVariable("amount", amount(review.proposedAmount()));
        } else if (decision instanceof RefundReviewed reviewed) {
            // an approved exchange moves no money: no amount, no settlement period
            if (reviewed.paysMoney()) {
                context.setVariable("amount", amount(reviewed.refundAmount()));
                addSettlement(decision, language, context);
            }
        } else if (decision instanceof EvidenceRequested request) {
            addEvidenceRequest(request, language, context);
        } else if (decision instanceof ReviewOverdue overdue) {
            addOverdueReview(overdue, language, context);
        }
    }

    private static String decidedOnLabel(RefundDecision decision) {
        if (decision instanceof EvidenceRequested) {
            return "label.requestedOn";
        }
        return decision instanceof ReviewOverdue ? "label.foundOverdueOn" : "label.decidedOn";
    }

    /**
     * What ops need to act on a review past its due time: when it was due and opened (instants, so to the minute
     * and in UTC, whatever zone ops sit in), where it stands and who holds it, so that it is taken or handed over.
     * A status this renderer has no wording for yet is shown as the evaluator named it.
     */
    private void addOverdueReview(ReviewOverdue overdue, Locale language, Context context) {
        context.setVariable("overdueDue",
                messages.getMessage("review-overdue.due", dateAndTime(overdue.dueAt(), language), language));
        context.setVariable("reviewOpenedAt",
                messages.getMessage("review-overdue.at", dateAndTime(overdue.openedAt(), language), language));
        context.setVariable("reviewStatus", messages.getMessage("review-overdue.status." + overdue.status(), null,
                overdue.status(), language));
        context.setVariable("heldBy", overdue.claimedBy() == null || overdue.claimedBy().isBlank()
                ? messages.getMessage("review-overdue.heldBy.nobody", null, language)
                : overdue.claimedBy());
        context.setVariable("ruleId", overdue.header().ruleId());
    }

    private static Object[] dateAndTime(Instant instant, Locale language) {
        return new Object[] {date(instant.atZone(ZoneOffset.UTC).toLocalDate(), language),
                TIME.format(instant.atZone(ZoneOffset.UTC))};
    }

    /**
     * The reviewer's message goes in as written (the templates escape it in HTML like every variable); the
     * deadline is shown to the minute and in UTC, because it is an instant and the notifier knows no customer's
     * time zone: a bare date would let a customer in a later zone believe they have until the end of that day.
     */
    private void addEvidenceRequest(EvidenceRequested request, Locale language, Context context) {
        context.setVariable("reviewerMessage", request.message());
        DecisionHeader header = request.header();
        context.setVariable("addEvidence", header.caseNumber() == null || header.caseNumber().isBlank()
                ? messages.getMessage("evidence-requested.howTo.order", new Object[] {header.orderId()}, language)
                : messages.getMessage("evidence-requested.howTo.case", new Object[] {header.caseNumber()}, language));
        Instant answerBy = request.answerBy();
        if (answerBy != null) {
            context.setVariable("answerByDate", date(answerBy.atZone(ZoneOffset.UTC).toLocalDate(), language));
            context.setVariable("answerByTime", TIME.format(answerBy.atZone(ZoneOffset.UTC)));
        }
    }

    private void addSettlement(RefundDecision decision, Locale language, Context context) {
        LocalDate decidedOn = decision.header().decidedAt().atZone(ZoneOffset.UTC).toLocalDate();
        context.setVariable("settlementMin", properties.settlementMinBusinessDays());
        context.setVariable("settlementMax", properties.settlementMaxBusinessDays());
        context.setVariable("settlementBy",
                date(BusinessDays.after(decidedOn, properties.settlementMaxBusinessDays()), language));
    }

    /** The exact amount at the currency's minor unit, e.g. {@code 100.00 CNY}; never through a double. */
    static String amount(Money money) {
        return money == null ? null : money.normalized().toString();
    }

    static String date(LocalDate date, Locale language) {
        return date.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(language));
    }

    /**
     * The outcome's message-key prefix: approved, rejected, manual-review, reviewed-approved, reviewed-exchange,
     * reviewed-rejected, evidence-requested, review-overdue.
     */
    static String outcomeOf(RefundDecision decision) {
        if (decision instanceof RefundReviewed reviewed) {
            if (!reviewed.approved()) {
                return "reviewed-rejected";
            }
            return reviewed.exchange() ? "reviewed-exchange" : "reviewed-approved";
        }
        if (decision instanceof RefundApproved) {
            return "approved";
        }
        if (decision instanceof RefundRejected) {
            return "rejected";
        }
        if (decision instanceof ManualReviewRequired) {
            return "manual-review";
        }
        if (decision instanceof EvidenceRequested) {
            return "evidence-requested";
        }
        if (decision instanceof ReviewOverdue) {
            return "review-overdue";
        }
        throw new IllegalArgumentException("unknown decision " + decision.getClass().getName());
    }
}
