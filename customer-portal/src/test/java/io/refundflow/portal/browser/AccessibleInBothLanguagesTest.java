package io.refundflow.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.BillingOrder;
import io.refundflow.testsupport.browser.Axe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every page of a customer's walk, in English and Chinese, at a desktop's and a phone's width: axe-core finds no
 * serious or critical violation, and nothing is wider than the phone's screen. Its findings, all of them, are written
 * to {@code target/axe/axe-results.json}; a screenshot of each page in each language and width beside the others.
 */
class AccessibleInBothLanguagesTest extends PortalBrowserTest {

    static final Path AXE = Path.of(System.getProperty("refund.portal.axe", "target/axe"));
    static final int PHONE_WIDTH = 390;
    static final int PHONE_HEIGHT = 844;
    static final int DESKTOP_WIDTH = 1440;
    static final int DESKTOP_HEIGHT = 1100;

    @Test
    void everyPageInBothLanguagesAndAtPhoneWidthHasNoSeriousOrCriticalViolation() throws IOException {
        WebDriver browser = chromium.driver();
        // given c-2 with an order and an approved request on another one
        BillingOrder open = saasOrder("c-2", "en", Instant.now().minus(Duration.ofDays(1)));
        BillingOrder decided = saasOrder("c-2", "en", Instant.now().minus(Duration.ofDays(1)));
        signIn("/", "c-2");
        awaitOrder(decided.orderId());
        awaitOrder(open.orderId());
        browser.findElement(By.cssSelector("#order-" + decided.orderId() + " a.request")).click();
        waiting().until(ExpectedConditions.elementToBeClickable(By.id("ground-UNSATISFIED"))).click();
        browser.findElement(By.id("send")).click();
        awaitStatus("APPROVED");
        String casePage = browser.getCurrentUrl();

        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("my-orders", "/");
        pages.put("request-form", "/orders/" + open.orderId() + "/request");
        pages.put("case", casePage.substring(casePage.indexOf("/cases/")));
        pages.put("not-found", "/cases/no-such-case");
        Map<String, List<Axe.Violation>> findings = new LinkedHashMap<>();
        List<String> serious = new ArrayList<>();
        try {
            for (String language : List.of("en", "zh")) {
                for (boolean phone : List.of(false, true)) {
                    chromium.windowSize(phone ? PHONE_WIDTH : DESKTOP_WIDTH, phone ? PHONE_HEIGHT : DESKTOP_HEIGHT);
                    for (Map.Entry<String, String> page : pages.entrySet()) {
                        // when the page is shown in this language at this width
                        String name = page.getKey() + "-" + language + (phone ? "-phone" : "");
                        browser.get(base() + page.getValue() + "?lang=" + language);
                        waiting().until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", language));
                        shot("a11y-" + name);
                        List<Axe.Violation> violations = Axe.check(browser);
                        findings.put(name, violations);
                        violations.stream().filter(Axe.Violation::isSeriousOrWorse)
                                .forEach(v -> serious.add(name + ": " + v.id() + " (" + v.impact() + ") " + v.help()
                                        + " at " + v.nodes()));
                        if (phone) {
                            Object overflow = chromium.driver().executeScript(
                                    "return document.documentElement.scrollWidth > window.innerWidth;");
                            assertThat(overflow).as("%s is wider than the phone's screen", name).isEqualTo(false);
                        }
                    }
                }
            }
        } finally {
            chromium.windowSize(DESKTOP_WIDTH, DESKTOP_HEIGHT);
            Files.createDirectories(AXE);
            Files.writeString(AXE.resolve("axe-results.json"),
                    JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(findings));
        }

        // then
        assertThat(serious).as("serious or critical accessibility violations").isEmpty();
    }

    private static String base() {
        return io.refundflow.portal.PortalSystem.PORTAL;
    }
}
