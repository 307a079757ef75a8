package io.refundflow.notifier.sending;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.junit.jupiter.api.Test;

/** Which SMTP failures are final for an email and which are retried. */
class SmtpFailuresTest {

    private static final InternetAddress TO = address("a@example.com");

    @Test
    void aRecipientRefusedWith5xxIsPermanent() {
        assertThat(SmtpFailures.isPermanent(invalidAddresses(new SMTPAddressFailedException(TO, "RCPT TO", 550,
                "550 5.1.1 <a@example.com>: User unknown")))).isTrue();
    }

    @Test
    void aRecipientDeferredWith4xxIsRetried() {
        assertThat(SmtpFailures.isPermanent(invalidAddresses(new SMTPAddressFailedException(TO, "RCPT TO", 452,
                "452 4.2.2 Mailbox full")))).isFalse();
    }

    @Test
    void aMessageRejectedWith5xxAtDataIsPermanent() {
        assertThat(SmtpFailures.isPermanent(new SMTPSendFailedException("DATA", 554, "554 5.7.1 Rejected", null,
                null, null, null))).isTrue();
    }

    @Test
    void ourOwnSenderRefusedIsRetriedBecauseItIsOurConfigurationNotTheCustomers() {
        assertThat(SmtpFailures.isPermanent(new SMTPSenderFailedException(address("no-reply@refundflow.io"),
                "MAIL FROM", 553, "553 5.7.1 Sender address rejected"))).isFalse();
    }

    @Test
    void anUnreachableServerIsRetried() {
        assertThat(SmtpFailures.isPermanent(new MessagingException("Couldn't connect to host",
                new ConnectException("Connection refused")))).isFalse();
    }

    @Test
    void anUnparseableAddressIsPermanent() {
        assertThat(SmtpFailures.isPermanent(new AddressException("Missing final '@domain'", "nobody"))).isTrue();
    }

    @Test
    void theDescriptionNamesEveryCauseWithTheServersAnswer() {
        String detail = SmtpFailures.describe(invalidAddresses(new SMTPAddressFailedException(TO, "RCPT TO", 550,
                "550 5.1.1 <a@example.com>: User unknown")));
        assertThat(detail).contains("SendFailedException").contains("550 5.1.1 <a@example.com>: User unknown");
    }

    private static SendFailedException invalidAddresses(Exception cause) {
        return new SendFailedException("Invalid Addresses", cause);
    }

    private static InternetAddress address(String address) {
        try {
            return new InternetAddress(address);
        } catch (AddressException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
