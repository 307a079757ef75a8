package io.refundflow.notifier.sending;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A MIME message whose Message-ID is fixed instead of generated anew on every {@code saveChanges()}. It also
 * notes when its whole content was handed to the SMTP connection: the transport writes it only after the
 * server's go-ahead to {@code DATA}, so a failure after that may come after the server accepted it.
 */
final class StableIdMimeMessage extends MimeMessage {

    private final String messageId;
    private volatile boolean contentSent;

    StableIdMimeMessage(Session session, String messageId) {
        super(session);
        this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
    }

    @Override
    public void writeTo(OutputStream out, String[] ignoreList) throws IOException, MessagingException {
        super.writeTo(out, ignoreList);
        contentSent = true;
    }

    /** Whether the whole message was written to the server after its go-ahead to DATA. */
    boolean contentSent() {
        return contentSent;
    }
}
