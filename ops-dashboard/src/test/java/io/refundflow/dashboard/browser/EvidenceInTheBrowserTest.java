package io.refundflow.dashboard.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.dashboard.ServiceProcesses;
import io.refundflow.events.EventEnvelope;
import io.refundflow.testsupport.IntakeClient;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.http.MediaType;

/**
 * The reviewer opens the files the customer attached, from the case on the review page: refund-intake (its own
 * process) serves them through the dashboard; an image is shown in the case, another type is a download.
 */
class EvidenceInTheBrowserTest extends BrowserTest {

    private static final byte[] USAGE = "day,cpu\n1,0.97\n2,0.99\n".getBytes(StandardCharsets.UTF_8);
    private static final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aReviewerSeesTheAttachedImageInTheCaseAndDownloadsTheOtherFile() throws Exception {
        // given a server claim submitted at refund-intake with a screenshot and a usage file, sent to manual review
        String customerId = "c-" + UUID.randomUUID().toString().substring(0, 8);
        String orderId = "o-" + UUID.randomUUID();
        byte[] screenshot = png();
        kafka.publish(EventEnvelope.of("billing", Claims.serverOrder(orderId, customerId, "3650.00"),
                Clock.systemUTC()));
        IntakeClient customer = new IntakeClient(ServiceProcesses.intake().baseUrl(), tokens.customer(customerId));
        String caseId = customer.openCase(orderId, "WEB", "the disk fails every night", WAIT).get("caseId")
                .asString();
        String refundId = customer.submit(caseId, "QUALITY_ISSUE", "REFUND", "the disk fails every night",
                Claims.email(customerId),
                List.of(new IntakeClient.Attachment("fault.png", MediaType.IMAGE_PNG, screenshot),
                        new IntakeClient.Attachment("usage.csv", MediaType.TEXT_PLAIN, USAGE)))
                .get("refundId").asString();

        signInAsOps("ops-1");

        // when the reviewer opens the case from the review queue
        page.click(By.cssSelector("#tabs button[data-view='reviews']"));
        By open = By.cssSelector("#reviews button[data-open='" + refundId + "']");
        new WebDriverWait(browser, WAIT).pollingEvery(Duration.ofSeconds(1)).until(driver -> {
            page.click(By.id("reviews-refresh"));
            return !driver.findElements(open).isEmpty();
        });
        page.click(open);

        // then the screenshot is shown in the case, decoded from the bytes the customer uploaded
        By image = By.cssSelector("#review-evidence li[data-evidence='" + sha256(screenshot) + "'] img");
        new WebDriverWait(browser, WAIT).until(driver -> !driver.findElements(image).isEmpty()
                && ((Number) ((JavascriptExecutor) driver).executeScript(
                        "return arguments[0].complete ? arguments[0].naturalWidth : 0;",
                        driver.findElement(image))).intValue() == 40);
        assertThat(page.text(By.id("review-evidence"))).contains("fault.png").contains("usage.csv");
        chromium.screenshot(SCREENSHOTS, "13-review-evidence");

        // and both files come through the dashboard as uploaded: the image to be shown, the other to download
        String csvLink = browser.findElement(By.cssSelector(
                "#review-evidence li[data-evidence='" + sha256(USAGE) + "'] a")).getDomAttribute("href");
        HttpResponse<byte[]> shown = get(browser.findElement(image).getDomAttribute("src"));
        HttpResponse<byte[]> downloaded = get(csvLink);
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).isEqualTo(screenshot);
        assertThat(shown.headers().firstValue("Content-Disposition")).hasValueSatisfying(value ->
                assertThat(value).startsWith("inline"));
        assertThat(shown.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(downloaded.body()).isEqualTo(USAGE);
        assertThat(downloaded.headers().firstValue("Content-Disposition")).hasValueSatisfying(value ->
                assertThat(value).startsWith("attachment").contains("usage.csv"));
    }

    private HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + tokens.ops("ops-1")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] png() {
        BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        Graphics2D pen = image.createGraphics();
        pen.setColor(Color.RED);
        pen.fillRect(5, 5, 30, 20);
        pen.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
