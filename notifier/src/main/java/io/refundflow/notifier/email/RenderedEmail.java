package io.refundflow.notifier.email;

import java.util.Locale;

/** One customer's email, ready to send: the subject and the same content as plain text and as HTML. */
public record RenderedEmail(Locale language, String subject, String text, String html) {
}
