package io.refundflow.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.BillingMode;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Money;
import io.refundflow.events.ProductKind;
import io.refundflow.portal.PortalApplication;
import io.refundflow.portal.PortalSystem;
import io.refundflow.testsupport.KafkaTestClient;
import io.refundflow.testsupport.WithRealInfrastructure;
import io.refundflow.testsupport.browser.Chromium;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The customer's page in headless Chromium, signed in at the development identity provider, against refund-intake,
 * policy-evaluator and the notifier running as processes ({@link PortalSystem}). Every browser test class extends
 * this one, so they share one page on one port, and the test JVM's one browser ({@link Chromium#shared()}),
 * which each test starts signed out. Screenshots go to {@code target/screenshots}.
 */
@SpringBootTest(classes = PortalApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@WithRealInfrastructure
@ActiveProfiles("test")
abstract class PortalBrowserTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final Path SCREENSHOTS = Path.of(System.getProperty("refund.portal.screenshots", "target/screenshots"));
    static final Clock CLOCK = Clock.systemUTC();
    /** One client for every class (they share the page): closed when the test JVM ends. */
    static final KafkaTestClient kafka = closedAtExit(new KafkaTestClient());
    static Chromium chromium;

    @DynamicPropertySource
    static void system(DynamicPropertyRegistry registry) {
        PortalSystem.configure(registry);
    }

    @BeforeAll
    static void startBrowser() {
        chromium = Chromium.shared();
    }

    @BeforeEach
    void signedOutEverywhere() {
        signOutEverywhere();
    }

    /** The provider and the page share the host 127.0.0.1, so dropping the cookies ends both sessions. */
    static void signOutEverywhere() {
        chromium.driver().get(PortalSystem.PORTAL + "/portal.css");
        chromium.driver().manage().deleteAllCookies();
    }

    // ------------------------------------------------------------------------------------------ steps

    private static KafkaTestClient closedAtExit(KafkaTestClient client) {
        Runtime.getRuntime().addShutdownHook(new Thread(client::close, "portal-test-kafka-close"));
        return client;
    }

    /** Opens the page at {@code path}, which sends the browser to the provider's login, and signs in there. */
    static void signIn(String path, String user) {
        WebDriver browser = chromium.driver();
        browser.get(PortalSystem.PORTAL + path);
        waiting().until(ExpectedConditions.urlToBe(PortalSystem.ISSUER + "/login"));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(user + "-demo");
        browser.findElement(By.cssSelector("button[type='submit']")).click();
        waiting().until(ExpectedConditions.urlContains(PortalSystem.PORTAL));
    }

    /** Reloads "my orders" until intake has read the order from billing.orders. */
    static void awaitOrder(String orderId) {
        waiting().until(driver -> {
            if (!driver.findElements(By.id("order-" + orderId)).isEmpty()) {
                return true;
            }
            driver.navigate().refresh();
            return false;
        });
    }

    static void awaitStatus(String status) {
        waiting().ignoring(StaleElementReferenceException.class).until(driver ->
                status.equals(driver.findElement(By.id("case-status")).getDomAttribute("data-status")));
    }

    static BillingOrder saasOrder(String customerId, String locale, Instant paidAt) {
        BillingOrder order = new BillingOrder("o-" + UUID.randomUUID(), customerId, customerId + "@example.com",
                locale, ProductKind.SAAS, BillingMode.SUBSCRIPTION, Money.of("199.00", "CNY"), paidAt, paidAt,
                paidAt.plus(Duration.ofDays(365)), null, null, null);
        kafka.publish(EventEnvelope.of("billing", order, CLOCK));
        return order;
    }

    /** The case's refund id, read from intake's API as the customer (the page does not show it). */
    static String refundIdOf(String caseUrl, String customer) {
        String caseId = caseUrl.substring(caseUrl.lastIndexOf('/') + 1);
        return IntakeCalls.caseOf(caseId, PortalSystem.tokens().customer(customer)).get("refundId").asString();
    }

    static String openCaseThroughTheApi(String orderId, String customer) {
        return IntakeCalls.openCase(orderId, PortalSystem.tokens().customer(customer));
    }

    static WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(chromium.driver(), WAIT);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    static void shot(String name) {
        chromium.screenshot(SCREENSHOTS, name);
    }

    /**
     * A step's screenshot in both languages: as shown ({@code <name>-en}), then the same address through the page's
     * own switch in Chinese ({@code <name>-zh}, only once the page says {@code lang="zh"}), then back in English at
     * the address it was on, so the walk goes on where it was.
     */
    static void shotInBothLanguages(String name) {
        WebDriver browser = chromium.driver();
        String here = browser.getCurrentUrl();
        waiting().until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "en"));
        shot(name + "-en");
        inLanguage(here, "zh");
        shot(name + "-zh");
        inLanguage(here, "en");
        browser.get(here);
        waiting().until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "en"));
    }

    private static void inLanguage(String address, String language) {
        chromium.driver().get(address + (address.contains("?") ? "&" : "?") + "lang=" + language);
        waiting().until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", language));
        if ("zh".equals(language)) {
            assertThat(chromium.driver().findElement(By.tagName("h1")).getText())
                    .as("the heading of %s in Chinese", address).containsPattern("\\p{IsHan}");
        }
    }
}
