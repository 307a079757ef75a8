package io.refundflow.notifier.email;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The customer emails' Thymeleaf set-up, shared by every kind of email: templates under
 * {@code templates/email/} ({@code text/*.txt} and {@code html/*.html}), wording from
 * {@code templates/email/messages_{en,zh}.properties}; and what every email shows the same way: the reference
 * (the case, or the request on the order) in its subject and footer, the case and the order, and the same content
 * as plain text and as HTML. The HTML templates take their head and the rows naming the case and the order from
 * {@code html/parts.html}. Every variable is escaped in HTML ({@code th:text}, never {@code th:utext}).
 */
final class EmailTemplates {

    static final String TEMPLATES = "templates/email/";

    private final MessageSource messages = bundle();
    private final SpringTemplateEngine engine = engine(messages);

    MessageSource messages() {
        return messages;
    }

    /**
     * A fresh context (nothing from another email) with what every email shows: its language, the subject
     * ({@code subject.<outcome>} naming the reference), the reference, the case (or null) and the order. The
     * reference is the case number intake assigned, or without one the customer's request on the order: never
     * the refund id, which whoever published the request chose (a partner may have written words meant for the
     * customer into it).
     */
    Context context(Locale language, String outcome, String caseNumber, String orderId) {
        String reference = caseNumber == null || caseNumber.isBlank()
                ? messages.getMessage("reference.order", new Object[] {orderId}, language)
                : messages.getMessage("reference.case", new Object[] {caseNumber}, language);
        Context context = new Context(language);
        context.setVariable("lang", language.getLanguage());
        context.setVariable("subject", messages.getMessage("subject." + outcome, new Object[] {reference}, language));
        context.setVariable("reference", reference);
        context.setVariable("caseNumber", caseNumber);
        context.setVariable("orderId", orderId);
        return context;
    }

    /** The email from {@code text/<template>.txt} and {@code html/<template>.html}, filled from one context. */
    RenderedEmail render(String template, Context context) {
        return new RenderedEmail(context.getLocale(), (String) context.getVariable("subject"),
                engine.process("text/" + template, context), engine.process("html/" + template, context));
    }

    private static MessageSource bundle() {
        ResourceBundleMessageSource bundle = new ResourceBundleMessageSource();
        bundle.setBasename(TEMPLATES + "messages");
        bundle.setDefaultEncoding(StandardCharsets.UTF_8.name());
        bundle.setFallbackToSystemLocale(false);
        bundle.setAlwaysUseMessageFormat(true);
        return bundle;
    }

    private static SpringTemplateEngine engine(MessageSource messages) {
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.addTemplateResolver(resolver("html/*", ".html", TemplateMode.HTML, 1));
        engine.addTemplateResolver(resolver("text/*", ".txt", TemplateMode.TEXT, 2));
        engine.setTemplateEngineMessageSource(messages);
        return engine;
    }

    private static ClassLoaderTemplateResolver resolver(String pattern, String suffix, TemplateMode mode, int order) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(EmailTemplates.class.getClassLoader());
        resolver.setPrefix(TEMPLATES);
        resolver.setSuffix(suffix);
        resolver.setResolvablePatterns(Set.of(pattern));
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setCacheable(true);
        resolver.setOrder(order);
        return resolver;
    }
}
