package io.refundflow.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.BillingOrder;
import io.refundflow.events.BillingRefund;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Money;
import io.refundflow.events.SettlementStatus;
import io.refundflow.portal.PortalSystem;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A customer asks for a refund and follows it to the money paid back; another customer's case is "not found";
 * another site's form cannot submit on the customer's behalf; the browser holds no token.
 */
class CustomerPageInTheBrowserTest extends PortalBrowserTest {

    @Test
    void aCustomerAsksForARefundInsideTheGuaranteeAndSeesItApprovedThenPaidBack() {
        WebDriver browser = chromium.driver();
        // given a SaaS order of c-2, paid yesterday (inside the 5-day guarantee)
        BillingOrder order = saasOrder("c-2", "en", Instant.now().minus(Duration.ofDays(1)));

        // when c-2 signs in, finds the order and asks for a refund
        signIn("/", "c-2");
        awaitOrder(order.orderId());
        shotInBothLanguages("01-my-orders");
        browser.findElement(By.cssSelector("#order-" + order.orderId() + " a.request")).click();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("expectation")));
        assertThat(browser.findElement(By.id("expectation")).getText()).contains("Within 5 days of payment");
        shotInBothLanguages("02-request-form");
        browser.findElement(By.id("ground-UNSATISFIED")).click();
        browser.findElement(By.id("description")).sendKeys("Not what our team needed");
        browser.findElement(By.id("send")).click();

        // then the case page shows it approved, with the amount reserved
        awaitStatus("APPROVED");
        assertThat(browser.findElement(By.id("decision-amount")).getText()).contains("199.00 CNY");
        assertThat(browser.findElement(By.id("money")).getText()).contains("reserved");
        shotInBothLanguages("03-case-approved");

        // and, once billing pays it back, the open page shows the money paid back without a reload
        String caseUrl = browser.getCurrentUrl();
        String refundId = refundIdOf(caseUrl, "c-2");
        kafka.publish(EventEnvelope.of("billing", new BillingRefund(refundId, order.orderId(),
                Money.of("199.00", "CNY"), SettlementStatus.EXECUTED, null, CLOCK.instant()), CLOCK));
        awaitStatus("REFUNDED");
        assertThat(browser.getCurrentUrl()).isEqualTo(caseUrl);
        assertThat(browser.findElement(By.id("money")).getText()).contains("Paid back: 199.00 CNY");
        assertThat(browser.findElement(By.cssSelector("#step-SETTLED")).getAttribute("class")).contains("done");
        shotInBothLanguages("04-case-paid-back");
    }

    @Test
    void anotherCustomersCaseIsNotFound() {
        WebDriver browser = chromium.driver();
        // given a case of c-2
        BillingOrder order = saasOrder("c-2", "en", Instant.now().minus(Duration.ofDays(1)));
        String caseId = openCaseThroughTheApi(order.orderId(), "c-2");
        // which c-2 has looked at on the page (so nothing the page keeps of it can stand in for the API's answer)
        signIn("/cases/" + caseId, "c-2");
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("case-order"), order.orderId()));
        signOutEverywhere();

        // when c-1 signs in and opens its address
        signIn("/cases/" + caseId, "c-1");

        // then the page says "not found", and shows nothing of the case
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("not-found")));
        assertThat(browser.getPageSource()).doesNotContain(order.orderId());
        shotInBothLanguages("05-another-customers-case");
    }

    @Test
    void anotherSitesFormCannotSendARequestOnTheCustomersBehalf() throws Exception {
        // given c-1 signed in, with an order of their own
        BillingOrder order = saasOrder("c-1", "en", Instant.now().minus(Duration.ofDays(1)));
        signIn("/", "c-1");
        awaitOrder(order.orderId());
        Cookie session = chromium.driver().manage().getCookieNamed("REFUND_PORTAL_SESSION");

        // when a form elsewhere posts the request with the customer's session cookie, but without the page's token
        HttpResponse<String> forged = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(PortalSystem.PORTAL + "/orders/" + order.orderId() + "/request"))
                .header("Cookie", session.getName() + "=" + session.getValue())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("key=" + UUID.randomUUID()
                        + "&ground=UNSATISFIED&kind=REFUND&description=forged")).build(),
                HttpResponse.BodyHandlers.ofString());

        // then it is refused, and the order has no request
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("This form has expired");
        chromium.driver().get(PortalSystem.PORTAL + "/");
        awaitOrder(order.orderId());
        assertThat(chromium.driver().findElements(By.cssSelector("#order-" + order.orderId() + " a.open-case")))
                .isEmpty();
    }

    @Test
    void theSessionCookieIsHttpOnlyAndThePageHoldsNoToken() {
        // when a customer is signed in
        BillingOrder order = saasOrder("c-1", "en", Instant.now().minus(Duration.ofDays(1)));
        signIn("/", "c-1");
        awaitOrder(order.orderId());

        // then the browser holds only an HttpOnly session cookie, and no script-readable storage has a token
        Cookie session = chromium.driver().manage().getCookieNamed("REFUND_PORTAL_SESSION");
        assertThat(session.isHttpOnly()).isTrue();
        Object stored = chromium.driver().executeScript(
                "return document.cookie + JSON.stringify(localStorage) + JSON.stringify(sessionStorage);");
        assertThat(String.valueOf(stored)).doesNotContain("eyJ");
        assertThat(chromium.driver().getPageSource()).doesNotContain("eyJ");
    }

}
