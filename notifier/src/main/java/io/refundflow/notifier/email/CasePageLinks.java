package io.refundflow.notifier.email;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where a customer email's link points ({@code refund.notifier.case-page.base-url}): the customer page's one public
 * address, followed by {@code /case/<case number>}, which the page opens after sign-in among the signed-in customer's
 * own cases. The email names the case by the number intake assigned, never by anything a request's sender chose;
 * without a case number the link opens the customer's orders.
 *
 * @param baseUrl the customer page as customers reach it
 */
@ConfigurationProperties("refund.notifier.case-page")
public record CasePageLinks(URI baseUrl) {

    public CasePageLinks {
        baseUrl = baseUrl == null ? URI.create("http://127.0.0.1:8086") : baseUrl;
    }

    /** The link to the case with this number, or to the customer's orders when there is none. */
    public String to(String caseNumber) {
        String base = baseUrl.toString().replaceAll("/+$", "");
        return caseNumber == null || caseNumber.isBlank() ? base + "/"
                : base + "/case/" + URLEncoder.encode(caseNumber, StandardCharsets.UTF_8);
    }
}
