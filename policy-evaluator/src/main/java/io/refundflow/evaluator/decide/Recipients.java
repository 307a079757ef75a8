package io.refundflow.evaluator.decide;

import io.refundflow.events.BillingOrder;
import io.refundflow.events.Recipient;
import java.util.Locale;

/**
 * Who is told about a decision: always the customer the billing system holds for the order, at the address
 * it holds, never an address or a customer id from the request. The request may only choose the language.
 */
public final class Recipients {

    private Recipients() {
    }

    /** @param requestedLocale the request's locale, or null to use the billing system's */
    public static Recipient of(BillingOrder order, String requestedLocale) {
        String locale = supported(requestedLocale);
        if (locale == null) {
            locale = supported(order.customerLocale());
        }
        return new Recipient(order.customerId(), order.customerEmail(), locale == null ? "en" : locale);
    }

    private static String supported(String locale) {
        if (locale == null || locale.isBlank()) {
            return null;
        }
        String lower = locale.strip().toLowerCase(Locale.ROOT);
        if (lower.startsWith("zh")) {
            return "zh";
        }
        return lower.startsWith("en") ? "en" : null;
    }
}
