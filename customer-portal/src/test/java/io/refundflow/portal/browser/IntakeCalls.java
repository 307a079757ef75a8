package io.refundflow.portal.browser;

import static org.awaitility.Awaitility.await;

import io.refundflow.portal.PortalSystem;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The test's own calls to refund-intake's API, with a customer's token: to set up and to read what the page hides. */
final class IntakeCalls {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private IntakeCalls() {
    }

    static JsonNode caseOf(String caseId, String token) {
        return JSON.readTree(send(HttpRequest.newBuilder(URI.create(PortalSystem.intake().baseUrl() + "/api/cases/"
                + caseId)).header("Authorization", "Bearer " + token).GET().build()).body());
    }

    /** Opens a case on the order once intake knows it; returns the case id. */
    static String openCase(String orderId, String token) {
        String[] caseId = new String[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
            HttpResponse<String> opened = send(HttpRequest.newBuilder(URI.create(PortalSystem.intake().baseUrl()
                    + "/api/cases")).header("Authorization", "Bearer " + token)
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"orderId\":\"" + orderId
                            + "\",\"channel\":\"WEB\",\"description\":\"test\"}")).build());
            if (opened.statusCode() != 201) {
                return false;
            }
            caseId[0] = JSON.readTree(opened.body()).get("caseId").asString();
            return true;
        });
        return caseId[0];
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
