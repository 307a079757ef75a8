package io.refundflow.notifier.email;

import io.refundflow.events.BillingRefund;
import io.refundflow.notifier.NotifierProperties;
import java.time.ZoneOffset;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;

/**
 * Renders the short email telling a customer that billing could not pay back an approved refund: which
 * amount on which order, billing's reason, and that the amount can be requested again
 * ({@code templates/email/text/settlement-failed.txt}, {@code html/settlement-failed.html}).
 */
@Component
public class FailedSettlementRenderer {

    static final String OUTCOME = "settlement-failed";

    private final SpringTemplateEngine engine;
    private final MessageSource messages;
    private final NotifierProperties properties;

    public FailedSettlementRenderer(NotifierProperties properties) {
        this.properties = properties;
        this.messages = EmailTemplates.messages();
        this.engine = EmailTemplates.engine(messages);
    }

    /**
     * @param caseNumber     the case the approval email named, or null
     * @param customerLocale the language the approval was emailed in
     */
    public RenderedEmail render(BillingRefund settlement, String caseNumber, String customerLocale) {
        Locale language = properties.languageFor(customerLocale);
        String reference = caseNumber == null || caseNumber.isBlank()
                ? messages.getMessage("reference.refund", new Object[] {settlement.refundId()}, language)
                : messages.getMessage("reference.case", new Object[] {caseNumber, settlement.refundId()}, language);
        String subject = messages.getMessage("subject." + OUTCOME, new Object[] {reference}, language);

        Context context = new Context(language);
        context.setVariable("lang", language.getLanguage());
        context.setVariable("subject", subject);
        context.setVariable("reference", reference);
        context.setVariable("refundId", settlement.refundId());
        context.setVariable("caseNumber", caseNumber);
        context.setVariable("orderId", settlement.orderId());
        context.setVariable("amount", EmailRenderer.amount(settlement.amount()));
        context.setVariable("billingReason", settlement.reason());
        context.setVariable("failedOn",
                EmailRenderer.date(settlement.occurredAt().atZone(ZoneOffset.UTC).toLocalDate(), language));
        return new RenderedEmail(language, subject, engine.process("text/" + OUTCOME, context),
                engine.process("html/" + OUTCOME, context));
    }
}
