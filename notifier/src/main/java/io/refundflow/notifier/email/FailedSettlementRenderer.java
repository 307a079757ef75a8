package io.refundflow.notifier.email;

import io.refundflow.events.BillingRefund;
import io.refundflow.notifier.NotifierProperties;
import java.time.ZoneOffset;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;

/**
 * Renders the short email telling a customer that billing could not pay back an approved refund: which
 * amount on which order, billing's reason, and that the amount can be requested again
 * ({@code templates/email/text/settlement-failed.txt}, {@code html/settlement-failed.html}).
 */
@Component
public class FailedSettlementRenderer {

    static final String OUTCOME = "settlement-failed";

    private final EmailTemplates templates = new EmailTemplates();
    private final NotifierProperties properties;
    private final CasePageLinks links;

    public FailedSettlementRenderer(NotifierProperties properties, CasePageLinks links) {
        this.properties = properties;
        this.links = links;
    }

    /**
     * @param caseNumber     the case the approval email named, or null
     * @param customerLocale the language the approval was emailed in
     */
    public RenderedEmail render(BillingRefund settlement, String caseNumber, String customerLocale) {
        Locale language = properties.languageFor(customerLocale);
        Context context = templates.context(language, OUTCOME, caseNumber, settlement.orderId());
        context.setVariable("amount", EmailRenderer.amount(settlement.amount()));
        context.setVariable("billingReason", settlement.reason());
        context.setVariable("caseLink", links.to(caseNumber));
        context.setVariable("failedOn",
                EmailRenderer.date(settlement.occurredAt().atZone(ZoneOffset.UTC).toLocalDate(), language));
        return templates.render(OUTCOME, context);
    }
}
