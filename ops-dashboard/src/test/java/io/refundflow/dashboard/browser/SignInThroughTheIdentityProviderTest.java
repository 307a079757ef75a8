package io.refundflow.dashboard.browser;

import io.refundflow.testsupport.browser.Chromium;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.dashboard.DashboardApplication;
import io.refundflow.dashboard.Http;
import io.refundflow.identity.IdentityApplication;
import io.refundflow.platform.security.DemoTokens;
import io.refundflow.testsupport.WithRealInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Ops sign in through the identity provider's login page in headless Chromium: the development provider
 * (refund-identity) runs in-process, and the dashboard is configured as in production: not in development
 * mode, its OAuth2 login registration pointing at the provider, tokens verified against the provider's JWKS
 * and issuer. Ports are chosen first, since the provider must know the dashboard's redirect URI and the
 * dashboard the provider's issuer. A consumer group of its own keeps this dashboard from taking partitions
 * from the other tests' one; its context is closed after this class, while the test broker still runs (no other
 * test uses this configuration).
 */
@DirtiesContext
@SpringBootTest(classes = DashboardApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@WithRealInfrastructure
@ActiveProfiles("test")
class SignInThroughTheIdentityProviderTest {

    static final Duration WAIT = Duration.ofSeconds(45);
    static final int DASHBOARD_PORT = freePort();
    static final String DASHBOARD = "http://127.0.0.1:" + DASHBOARD_PORT;
    static final String ISSUER = "http://127.0.0.1:" + freePort();
    static ConfigurableApplicationContext identityProvider;
    static final List<String> DASHBOARD_ONLY_AUTO_CONFIGURATION = List.of(
            "io.refundflow.platform.PlatformAutoConfiguration",
            "io.refundflow.platform.security.RefundSecurityAutoConfiguration",
            "io.refundflow.platform.health.PlatformHealthAutoConfiguration",
            "io.refundflow.platform.lifecycle.ParentWatchAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
            "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
            "org.springframework.boot.kafka.autoconfigure.metrics.KafkaMetricsAutoConfiguration");
    static Chromium chromium;

    @Autowired
    DemoTokens tokens;

    @DynamicPropertySource
    static void signInThroughTheProvider(DynamicPropertyRegistry registry) {
        identityProvider = IdentityApplication.application().run(
                "--server.port=" + ISSUER.substring(ISSUER.lastIndexOf(':') + 1),
                "--refund.identity.issuer=" + ISSUER,
                "--refund.identity.dashboard-redirect-uris=" + DASHBOARD + "/login/oauth2/code/refundflow",
                "--spring.application.name=refund-identity",
                // the development provider starts in development mode only (on 127.0.0.1, the tests' default)
                "--refund.security.development-mode=true",
                // the dashboard's classpath is the provider's here: none of its Kafka, database or platform setup
                "--spring.autoconfigure.exclude=" + String.join(",", DASHBOARD_ONLY_AUTO_CONFIGURATION));
        registry.add("server.port", () -> DASHBOARD_PORT);
        registry.add("spring.application.name", () -> "ops-dashboard-sign-in-test");
        registry.add("refund.security.development-mode", () -> "false");
        registry.add("refund.security.jwt.jwk-set-uri", () -> ISSUER + "/oauth2/jwks");
        registry.add("refund.security.jwt.issuer", () -> ISSUER);
        String registration = "spring.security.oauth2.client.registration.refundflow.";
        registry.add(registration + "provider", () -> "refund-identity");
        registry.add(registration + "client-id", () -> "ops-dashboard");
        registry.add(registration + "client-authentication-method", () -> "none");
        registry.add(registration + "authorization-grant-type", () -> "authorization_code");
        registry.add(registration + "redirect-uri", () -> "{baseUrl}/login/oauth2/code/{registrationId}");
        registry.add(registration + "scope", () -> "openid");
        registry.add("spring.security.oauth2.client.provider.refund-identity.issuer-uri", () -> ISSUER);
    }

    @BeforeAll
    static void startBrowser() {
        chromium = Chromium.shared();
    }

    @AfterAll
    static void stop() {
        if (identityProvider != null) {
            identityProvider.close();
        }
    }

    @BeforeEach
    void signedOutEverywhere() {
        // the provider and the dashboard share the host 127.0.0.1, so this drops both sessions
        chromium.driver().get(DASHBOARD + "/login.html");
        chromium.driver().manage().deleteAllCookies();
    }

    @Test
    void anOpsReviewerSignsInOnTheProvidersLoginPageAndSeesTheDashboard() {
        WebDriver browser = chromium.driver();
        WebDriverWait wait = new WebDriverWait(browser, WAIT);

        // when the reviewer opens the dashboard, they are sent to the provider's login page
        browser.get(DASHBOARD + "/");
        wait.until(ExpectedConditions.urlToBe(ISSUER + "/login"));
        chromium.screenshot(DashboardInTheBrowserTest.SCREENSHOTS, "10-identity-provider-login");

        // and sign in there as ops-1
        signIn(browser, "ops-1", "ops-1-demo");

        // then they are back on the dashboard, signed in as ops-1, with its data
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "ops-1"));
        assertThat(browser.getCurrentUrl()).startsWith(DASHBOARD);
        Cookie session = browser.manage().getCookieNamed("refund_ops_session");
        assertThat(session).isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        chromium.screenshot(DashboardInTheBrowserTest.SCREENSHOTS, "11-signed-in-through-identity-provider");
        browser.get(DASHBOARD + "/api/snapshot");
        assertThat(browser.getPageSource()).contains("refund.requests").doesNotContain("\"status\":401");
    }

    @Test
    void aCustomerWhoSignsInOnTheProvidersLoginPageIsRefused() {
        WebDriver browser = chromium.driver();
        WebDriverWait wait = new WebDriverWait(browser, WAIT);

        // when a customer signs in on the provider's login page
        browser.get(DASHBOARD + "/");
        wait.until(ExpectedConditions.urlToBe(ISSUER + "/login"));
        signIn(browser, "c-1", "c-1-demo");

        // then the dashboard refuses them, and they get no session and no data
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sign-in-error"),
                "does not have role ops"));
        assertThat(browser.findElement(By.id("sign-in-error")).getText()).contains("c-1");
        chromium.screenshot(DashboardInTheBrowserTest.SCREENSHOTS, "12-customer-refused");
        assertThat(browser.manage().getCookieNamed("refund_ops_session")).isNull();
        browser.get(DASHBOARD + "/api/snapshot");
        assertThat(browser.getPageSource()).contains("401").doesNotContain("refund.requests");
    }

    @Test
    void outsideDevelopmentModeAPastedTokenOpensNoSession() {
        // when an ops token is pasted on the login page's API
        Http.Response login = new Http(DASHBOARD_PORT).post("/api/session",
                Map.of("X-Requested-With", "ops-dashboard"), "{\"token\":\"" + tokens.ops("ops-1") + "\"}");

        // then it is refused, naming where to sign in instead
        assertThat(login.status()).isEqualTo(404);
        assertThat(login.body()).contains("development mode").contains("/oauth2/authorization/refundflow");
        assertThat(login.header("set-cookie")).isNull();
    }

    private static void signIn(WebDriver browser, String username, String password) {
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type='submit']")).click();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
