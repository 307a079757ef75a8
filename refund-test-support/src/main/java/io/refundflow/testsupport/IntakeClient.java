package io.refundflow.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.databind.JsonNode;

/** refund-intake's REST API as one caller (a customer or an agent) uses it. */
public final class IntakeClient {

    private final RestClient http;

    public IntakeClient(String baseUrl, String bearerToken) {
        this.http = RestClient.builder().baseUrl(baseUrl)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + bearerToken)
                .build();
    }

    /**
     * Opens a case, retrying while intake has not yet received the order from billing.orders (the topic is
     * consumed asynchronously, so a just-published order may be a moment away).
     */
    public JsonNode openCase(String orderId, String channel, String description, Duration timeout) {
        JsonNode[] opened = new JsonNode[1];
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(300))
                .ignoreExceptionsMatching(IntakeClient::orderNotYetKnown).until(() -> {
                    opened[0] = http.post().uri("/api/cases")
                            .header("Idempotency-Key", UUID.randomUUID().toString())
                            .contentType(MediaType.APPLICATION_JSON)
                            .body(Map.of("orderId", orderId, "channel", channel, "description", description))
                            .retrieve().body(JsonNode.class);
                    return true;
                });
        return opened[0];
    }

    /** 422 with problem type unknown-order: intake has not consumed the order from billing.orders yet. */
    private static boolean orderNotYetKnown(Throwable failure) {
        return failure instanceof RestClientResponseException response && response.getStatusCode().value() == 422
                && response.getResponseBodyAsString().contains("/problems/unknown-order");
    }

    /** A file attached to a submission. */
    public record Attachment(String fileName, MediaType type, byte[] bytes) {
    }

    /** Submits with one attached usage file. */
    public JsonNode submit(String caseId, String ground, String kind, String description, String contactEmail) {
        return submit(caseId, ground, kind, description, contactEmail, List.of(new Attachment("usage.csv",
                MediaType.TEXT_PLAIN, "date,usage\n2026-11-01,0\n".getBytes(StandardCharsets.UTF_8))));
    }

    public JsonNode submit(String caseId, String ground, String kind, String description, String contactEmail,
            List<Attachment> evidence) {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("application", part(Map.of("ground", ground, "kind", kind, "description", description,
                "contactEmail", contactEmail), MediaType.APPLICATION_JSON));
        for (Attachment file : evidence) {
            parts.add("evidence", part(new ByteArrayResource(file.bytes()) {
                @Override
                public String getFilename() {
                    return file.fileName();
                }
            }, file.type()));
        }
        return http.post().uri("/api/cases/{caseId}/submissions", caseId)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(parts)
                .retrieve().body(JsonNode.class);
    }

    private static HttpEntity<Object> part(Object body, MediaType type) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(type);
        return new HttpEntity<>(body, headers);
    }

    public JsonNode getCase(String caseId) {
        return http.get().uri("/api/cases/{caseId}", caseId).retrieve().body(JsonNode.class);
    }

    public JsonNode awaitCase(String caseId, Predicate<JsonNode> condition, Duration timeout) {
        JsonNode[] latest = new JsonNode[1];
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(300)).until(() -> {
            latest[0] = getCase(caseId);
            return condition.test(latest[0]);
        });
        return latest[0];
    }
}
