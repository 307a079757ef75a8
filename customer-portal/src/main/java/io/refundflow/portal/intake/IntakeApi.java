package io.refundflow.portal.intake;

import io.refundflow.platform.web.problems.InvalidField;
import io.refundflow.portal.PortalProperties;
import io.refundflow.portal.model.CaseDetails;
import io.refundflow.portal.model.CaseSummary;
import io.refundflow.portal.model.Order;
import io.refundflow.portal.model.UploadLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * refund-intake's API, called with the signed-in customer's own access token (token relay): intake decides what
 * this customer may see and do, exactly as for any other client. A refusal comes back as an {@link IntakeProblem};
 * an API that does not answer as {@link IntakeUnavailable}.
 */
@Component
public class IntakeApi {

    private static final Logger log = LoggerFactory.getLogger(IntakeApi.class);
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final RestClient http;
    private final JsonMapper json = JsonMapper.builder()
            .disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    public IntakeApi(PortalProperties properties) {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(properties.apiTimeout());
        requests.setReadTimeout(properties.apiTimeout());
        this.http = RestClient.builder().baseUrl(properties.intakeUrl().toString()).requestFactory(requests).build();
    }

    /** A file the customer attached, streamed on to the API as it came. */
    public record Upload(String name, String contentType, Resource content) {
    }

    public List<Order> orders(String token) {
        return List.of(json.treeToValue(get(token, "/api/orders"), Order[].class));
    }

    public List<CaseSummary> cases(String token) {
        return List.of(json.treeToValue(get(token, "/api/cases?size=100").get("items"), CaseSummary[].class));
    }

    public CaseDetails caseView(String token, String caseId) {
        return json.treeToValue(get(token, "/api/cases/{caseId}", caseId), CaseDetails.class);
    }

    public UploadLimits uploadLimits(String token) {
        return json.treeToValue(get(token, "/api/uploads/limits"), UploadLimits.class);
    }

    /** The contact step: opens a case on the order (channel WEB); returns the case id. */
    public String openCase(String token, String idempotencyKey, String orderId, String description) {
        JsonNode opened = call(() -> http.post().uri("/api/cases").headers(bearer(token, idempotencyKey))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("orderId", orderId, "channel", "WEB", "description", description))
                .retrieve().onStatus(HttpStatusCode::isError, (request, response) -> {
                    throw problem(response.getStatusCode().value(), response.getBody().readAllBytes());
                }).body(JsonNode.class));
        return opened.get("caseId").asString();
    }

    /** The submit step: the application and its files; returns the case as the API answers it. */
    public CaseDetails submit(String token, String idempotencyKey, String caseId, Map<String, Object> application,
            List<Upload> files) {
        MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
        HttpHeaders applicationPart = new HttpHeaders();
        applicationPart.setContentType(MediaType.APPLICATION_JSON);
        body.add("application", new HttpEntity<>(application, applicationPart));
        files.forEach(file -> addFile(body, file));
        return json.treeToValue(upload(token, idempotencyKey, "/api/cases/{caseId}/submissions", caseId, body),
                CaseDetails.class);
    }

    /** Files a reviewer asked for; the case goes back to review. */
    public CaseDetails addEvidence(String token, String idempotencyKey, String caseId, List<Upload> files) {
        MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
        files.forEach(file -> addFile(body, file));
        return json.treeToValue(upload(token, idempotencyKey, "/api/cases/{caseId}/evidence", caseId, body),
                CaseDetails.class);
    }

    private static void addFile(MultiValueMap<String, Object> body, Upload file) {
        HttpHeaders part = new HttpHeaders();
        part.setContentType(file.contentType() == null || file.contentType().isBlank()
                ? MediaType.APPLICATION_OCTET_STREAM : MediaType.parseMediaType(file.contentType()));
        part.setContentDispositionFormData("evidence", file.name());
        body.add("evidence", new HttpEntity<>(file.content(), part));
    }

    private JsonNode upload(String token, String idempotencyKey, String path, String caseId,
            MultiValueMap<String, Object> body) {
        return call(() -> http.post().uri(path, caseId).headers(bearer(token, idempotencyKey))
                .contentType(MediaType.MULTIPART_FORM_DATA).body(body)
                .retrieve().onStatus(HttpStatusCode::isError, (request, response) -> {
                    throw problem(response.getStatusCode().value(), response.getBody().readAllBytes());
                }).body(JsonNode.class));
    }

    private JsonNode get(String token, String path, Object... variables) {
        return call(() -> http.get().uri(path, variables).headers(bearer(token, null))
                .retrieve().onStatus(HttpStatusCode::isError, (request, response) -> {
                    throw problem(response.getStatusCode().value(), response.getBody().readAllBytes());
                }).body(JsonNode.class));
    }

    private static java.util.function.Consumer<HttpHeaders> bearer(String token, String idempotencyKey) {
        return headers -> {
            headers.setBearerAuth(token);
            headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
            if (idempotencyKey != null) {
                headers.set(IDEMPOTENCY_KEY, idempotencyKey);
            }
        };
    }

    private static <T> T call(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (IntakeProblem problem) {
            throw problem;
        } catch (RestClientException e) {
            log.warn("refund-intake did not answer: {}", e.getMessage());
            throw new IntakeUnavailable(e);
        }
    }

    private IntakeProblem problem(int status, byte[] body) {
        String type = "status-" + status;
        String detail = "";
        List<InvalidField> errors = new ArrayList<>();
        try {
            JsonNode problem = json.readTree(body);
            String uri = problem.path("type").asString("");
            if (!uri.isBlank()) {
                type = uri.substring(uri.lastIndexOf('/') + 1);
            }
            detail = problem.path("detail").asString("");
            for (JsonNode error : problem.path("errors")) {
                errors.add(new InvalidField(error.path("field").asString(""),
                        error.path("reason").asString("")));
            }
        } catch (RuntimeException e) {
            // not a problem document (a proxy's page): the status alone says what happened
        }
        return new IntakeProblem(status, type, detail, errors);
    }
}
