package io.refundflow.platform.ops;

import io.refundflow.events.Recipient;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The ops team's mailbox ({@code refund.ops-mailbox.*}, set in refund-platform's defaults): the one recipient
 * outside billing's customers a decision may name. The evaluator addresses to it what has no trusted customer (a
 * manual review without a billing order) and what is for ops only (an overdue review); the notifier accepts it as
 * a recipient only when it is exactly this mailbox. Both read this one setting, so they cannot drift apart.
 *
 * @param id     the customer id a decision names for the mailbox
 * @param email  its address
 * @param locale the language of the emails it receives
 */
@ConfigurationProperties("refund.ops-mailbox")
public record OpsMailbox(String id, String email, String locale) {

    public OpsMailbox {
        id = required("id", id);
        email = required("email", email);
        locale = required("locale", locale);
    }

    /** The mailbox as a decision names its recipient. */
    public Recipient recipient() {
        return new Recipient(id, email, locale);
    }

    private static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("refund.ops-mailbox." + name + ": must be set (refund-platform's"
                    + " defaults set it; an override must not be blank)");
        }
        return value.strip();
    }
}
