package io.refundflow.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.BillingMode;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Money;
import io.refundflow.events.ProductKind;
import io.refundflow.portal.PortalSystem;
import io.refundflow.testsupport.Emails;
import io.refundflow.testsupport.RealInfrastructure;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A claim without evidence is asked for it, and the customer adds a file on the case page; an email's link opens its
 * case after sign-in; a sign-in that names another site to return to still ends on the page.
 */
class EvidenceAndEmailLinkInTheBrowserTest extends PortalBrowserTest {

    /** The smallest valid PNG (1x1 pixel): intake proves a file is what it says. */
    private static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
    private static final Pattern CASE_LINK = Pattern.compile(Pattern.quote(PortalSystem.PORTAL) + "/case/[A-Za-z0-9-]+");

    @Test
    void aServerClaimWithoutEvidenceIsAskedForItAndTheCustomerAddsAFileOnThePage() throws IOException {
        WebDriver browser = chromium.driver();
        // given a cloud server order of c-1, paid ten days ago
        Instant paidAt = Instant.now().minus(Duration.ofDays(10));
        BillingOrder order = new BillingOrder("o-" + UUID.randomUUID(), "c-1", "c-1@example.com", "en",
                ProductKind.SERVER, BillingMode.SUBSCRIPTION, Money.of("3650.00", "CNY"), paidAt, paidAt,
                paidAt.plus(Duration.ofDays(365)), null, null, null);
        kafka.publish(EventEnvelope.of("billing", order, CLOCK));

        // when c-1 claims a quality problem without a file
        signIn("/", "c-1");
        awaitOrder(order.orderId());
        browser.findElement(By.cssSelector("#order-" + order.orderId() + " a.request")).click();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("expectation")));
        assertThat(browser.findElement(By.id("expectation")).getText()).contains("attach evidence");
        browser.findElement(By.id("ground-QUALITY_ISSUE")).click();
        browser.findElement(By.id("description")).sendKeys("The server drops its network every hour");
        browser.findElement(By.id("send")).click();

        // then the case asks for evidence, with the policy's message and a deadline
        awaitStatus("AWAITING_EVIDENCE");
        assertThat(browser.findElement(By.id("evidence-message")).getText()).contains("no evidence attached");
        assertThat(browser.findElement(By.id("evidence-deadline")).getText()).contains("UTC");
        shotInBothLanguages("06-evidence-requested");

        // and when the customer adds a screenshot there
        Path screenshot = Files.createTempFile("fault-", ".png");
        Files.write(screenshot, PNG);
        browser.findElement(By.id("evidence")).sendKeys(screenshot.toAbsolutePath().toString());
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("file-checks"), "ready"));
        browser.findElement(By.id("add-evidence")).click();

        // then the case is back in review, the request gone
        awaitStatus("UNDER_REVIEW");
        assertThat(browser.findElements(By.id("evidence-request"))).isEmpty();
        shotInBothLanguages("07-back-in-review");
    }

    @Test
    void theLinkInACustomersEmailOpensThatCaseAfterSignIn() {
        WebDriver browser = chromium.driver();
        // given a request of c-2 decided and emailed to the address billing holds
        String email = "c-2+" + UUID.randomUUID() + "@example.com";
        Instant paidAt = Instant.now().minus(Duration.ofDays(1));
        BillingOrder order = new BillingOrder("o-" + UUID.randomUUID(), "c-2", email, "en", ProductKind.SAAS,
                BillingMode.SUBSCRIPTION, Money.of("99.00", "CNY"), paidAt, paidAt, paidAt.plus(Duration.ofDays(30)),
                null, null, null);
        kafka.publish(EventEnvelope.of("billing", order, CLOCK));
        signIn("/", "c-2");
        awaitOrder(order.orderId());
        browser.findElement(By.cssSelector("#order-" + order.orderId() + " a.request")).click();
        waiting().until(ExpectedConditions.elementToBeClickable(By.id("ground-UNSATISFIED"))).click();
        browser.findElement(By.id("send")).click();
        awaitStatus("APPROVED");
        String caseNumber = browser.findElement(By.tagName("h1")).getText().replaceAll(".* ", "");
        List<MimeMessage> mails = RealInfrastructure.get().smtp().awaitMessagesTo(email, 1, WAIT);
        String text = Emails.text(mails.get(0));
        Matcher link = CASE_LINK.matcher(text);
        assertThat(link.find()).as("a link to the case in:%n%s", text).isTrue();
        assertThat(Emails.html(mails.get(0))).contains("href=\"" + link.group() + "\"");

        // when the customer, signed out, follows the link
        signOutEverywhere();
        signIn(link.group().substring(PortalSystem.PORTAL.length()), "c-2");

        // then they land on that case
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), caseNumber));
        assertThat(browser.getCurrentUrl()).startsWith(PortalSystem.PORTAL + "/cases/");
        assertThat(browser.findElement(By.id("case-order")).getText()).isEqualTo(order.orderId());
        shotInBothLanguages("08-case-from-email-link");
    }

    @Test
    void aSignInThatNamesAnotherSiteToReturnToEndsOnThePage() {
        // when the sign-in is started with parameters naming another site
        signIn("/oauth2/authorization/refundflow?continue=https://evil.example/&redirect_uri=https://evil.example/"
                + "&returnTo=https://evil.example/", "c-1");

        // then the customer ends on the page's own address
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("orders-title")));
        assertThat(chromium.driver().getCurrentUrl()).startsWith(PortalSystem.PORTAL + "/");
    }
}
