package io.refundflow.testsupport;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Reads the parts of a received email the way a mail client shows them. */
public final class Emails {

    private Emails() {
    }

    /** The decoded text/plain part (or the whole body of a single-part text message). */
    public static String text(Part message) {
        return part(message, "text/plain");
    }

    /** The decoded text/html part. */
    public static String html(Part message) {
        return part(message, "text/html");
    }

    private static String part(Part part, String mimeType) {
        try {
            if (part.isMimeType(mimeType)) {
                return (String) part.getContent();
            }
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    String found = part(child, mimeType);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        } catch (MessagingException e) {
            throw new IllegalStateException("unreadable email: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
