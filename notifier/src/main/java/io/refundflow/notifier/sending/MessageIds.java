package io.refundflow.notifier.sending;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The Message-ID of the email for a decision, derived from the decision's event id alone, so that every
 * attempt to send it (after a time-out, a crash, a restart) carries the same id and a mail server or
 * client can drop the duplicate.
 */
public final class MessageIds {

    static final String DOMAIN = "refundflow.notifier";
    private static final Pattern DOT_ATOM = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

    private MessageIds() {
    }

    public static String of(String decisionEventId) {
        String local = decisionEventId.length() <= 128 && DOT_ATOM.matcher(decisionEventId).matches()
                ? decisionEventId
                // an id that is not a valid msg-id local part still maps to one stable id
                : "x-" + UUID.nameUUIDFromBytes(decisionEventId.getBytes(StandardCharsets.UTF_8));
        return "<" + local + "@" + DOMAIN + ">";
    }
}
