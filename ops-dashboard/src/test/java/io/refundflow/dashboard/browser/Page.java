package io.refundflow.dashboard.browser;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What the browser tests do on the dashboard's live page, which may rebuild an element between two steps. */
final class Page {

    private final WebDriver browser;
    private final Duration wait;

    Page(WebDriver browser, Duration wait) {
        this.browser = browser;
        this.wait = wait;
    }

    /** Signs in on the login page by pasting a token (development mode). */
    void logIn(String token) {
        WebElement field = browser.findElement(By.id("token"));
        field.clear();
        field.sendKeys(token);
        browser.findElement(By.id("login-submit")).click();
    }

    /** Clicks once the element is there. */
    void click(By target) {
        waiting().until(driver -> {
            WebElement element = ExpectedConditions.elementToBeClickable(target).apply(driver);
            if (element == null) {
                return false;
            }
            element.click();
            return true;
        });
    }

    String text(By target) {
        return waiting().until(driver -> driver.findElement(target).getText());
    }

    String attribute(By target, String name) {
        return waiting().until(driver -> driver.findElement(target).getDomAttribute(name));
    }

    void awaitText(By target, String text) {
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(target, text));
    }

    private WebDriverWait waiting() {
        WebDriverWait waiting = new WebDriverWait(browser, wait);
        waiting.ignoring(StaleElementReferenceException.class);
        return waiting;
    }
}
