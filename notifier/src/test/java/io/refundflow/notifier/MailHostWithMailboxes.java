package io.refundflow.notifier;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A real SMTP server (GreenMail) that behaves like a mail host with a fixed set of mailboxes: mail for any other
 * address is refused at {@code RCPT TO} with a permanent {@code 550 5.1.1 ... User unknown}, as Postfix answers
 * for an unknown local recipient. GreenMail as shipped accepts every recipient; its {@link SmtpManager} has a
 * {@code checkRecipient} hook for exactly this, which this server fills in.
 */
final class MailHostWithMailboxes implements AutoCloseable {

    private final GreenMail greenMail;

    MailHostWithMailboxes(String... mailboxes) {
        Set<String> known = Arrays.stream(mailboxes).map(m -> m.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        // port 0: the server binds a port the system gives it, so no other test can take that port first
        this.greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)) {
            @Override
            protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
                return super.createServices(config, new KnownMailboxesOnly(managers, known));
            }
        };
        greenMail.start();
    }

    int port() {
        return greenMail.getSmtp().getPort();
    }

    List<MimeMessage> messages() {
        return List.of(greenMail.getReceivedMessages());
    }

    @Override
    public void close() {
        greenMail.stop();
    }

    private static final class KnownMailboxesOnly extends Managers {

        private final Managers delegate;
        private final SmtpManager smtp;

        KnownMailboxesOnly(Managers delegate, Set<String> known) {
            this.delegate = delegate;
            this.smtp = new SmtpManager(delegate.getImapHostManager(), delegate.getUserManager()) {
                @Override
                public String checkRecipient(SmtpState state, MailAddress recipient) {
                    String address = recipient.getEmail();
                    return known.contains(address.toLowerCase(Locale.ROOT)) ? null
                            : "550 5.1.1 <" + address + ">: Recipient address rejected: User unknown";
                }
            };
        }

        @Override
        public SmtpManager getSmtpManager() {
            return smtp;
        }

        @Override
        public UserManager getUserManager() {
            return delegate.getUserManager();
        }

        @Override
        public ImapHostManager getImapHostManager() {
            return delegate.getImapHostManager();
        }
    }
}
