package io.refundflow.events;

/** A customer-facing text in the two languages the marketplace serves. */
public record LocalizedText(String en, String zh) {

    public String in(String locale) {
        return locale != null && locale.toLowerCase().startsWith("zh") ? zh : en;
    }
}
