package io.refundflow.dashboard.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.refundflow.dashboard.ServiceProcesses;
import io.refundflow.events.EventEnvelope;
import io.refundflow.testsupport.SilentAfterDataSmtp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * An email the mail server may have delivered (it took the message and never answered) is shown to ops on
 * the Emails page; the resend says first that the customer may receive it twice, and then goes out with the
 * same Message-ID. The evaluator decides and the notifier sends, each as its own process.
 */
class UnconfirmedEmailsInTheBrowserTest extends BrowserTest {

    @Test
    void opsSeeAnEmailTheServerMayHaveDeliveredAndResendItAfterTheWarning() {
        // given a customer whose decision email the mail server takes and then leaves unanswered
        String customerId = "c-" + UUID.randomUUID().toString().substring(0, 8);
        String email = Claims.email(customerId);
        String orderId = "o-" + UUID.randomUUID();
        String refundId = "r-" + UUID.randomUUID();
        SilentAfterDataSmtp mailServer = ServiceProcesses.mailServer();
        mailServer.silenceFirstMessageTo(email);
        kafka.publish(EventEnvelope.of("billing", Claims.serverOrder(orderId, customerId, "365.00"),
                Clock.systemUTC()));
        // a server claim without a reason the guarantee covers: the policy rejects it at once, and it is emailed
        kafka.publish(EventEnvelope.of("refund-intake", Claims.unsatisfiedClaim(refundId, orderId, customerId),
                Clock.systemUTC()));

        signInAsOps("ops-1");

        // when ops open the Emails page
        page.click(By.cssSelector("#tabs button[data-view='emails']"));

        // then the email is listed as one the server may or may not have delivered
        By row = By.cssSelector("#emails tr[data-email-id]");
        new WebDriverWait(browser, WAIT).pollingEvery(Duration.ofSeconds(1)).until(driver -> {
            page.click(By.id("emails-refresh"));
            return driver.findElements(By.xpath("//table[@id='emails']//td[text()='" + refundId + "']")).size() == 1;
        });
        By emailRow = By.xpath("//table[@id='emails']//tr[td[text()='" + refundId + "']]");
        assertThat(page.text(emailRow)).contains(email).contains("may have been delivered");
        String decisionEventId = browser.findElement(emailRow).getDomAttribute("data-email-id");
        chromium.screenshot(SCREENSHOTS, "08-unconfirmed-email");

        // when ops ask to resend it
        page.click(By.cssSelector("button[data-resend='" + decisionEventId + "']"));

        // then the page warns that it may duplicate, and nothing is sent yet
        assertThat(page.text(emailRow)).contains("receive it twice");
        assertThat(delivered(mailServer, email)).isEmpty();

        // when ops resend it anyway
        page.click(By.cssSelector("button[data-resend-confirm='" + decisionEventId + "']"));

        // then the notifier queues it with its warning, the email goes out once more with the same Message-ID,
        // and the page no longer lists it
        page.awaitText(By.id("emails-message"), "queued");
        assertThat(page.text(By.id("emails-message"))).contains(refundId).contains("twice");
        await().atMost(WAIT).until(() -> delivered(mailServer, email).size() == 1);
        assertThat(delivered(mailServer, email).get(0).messageId())
                .isEqualTo("<" + decisionEventId + "@refundflow.notifier>");
        page.click(By.id("emails-refresh"));
        assertThat(browser.findElements(emailRow)).isEmpty();
        assertThat(browser.findElements(row))
                .noneMatch(r -> decisionEventId.equals(r.getDomAttribute("data-email-id")));
        chromium.screenshot(SCREENSHOTS, "09-unconfirmed-email-resent");
    }

    private static List<SilentAfterDataSmtp.Delivered> delivered(SilentAfterDataSmtp server, String email) {
        return server.delivered().stream().filter(message -> message.recipients().contains(email)).toList();
    }
}
