package io.refundflow.intake;

import io.refundflow.intake.admission.AdmissionGate;
import io.refundflow.intake.idempotency.IdempotencyFilter;
import io.refundflow.intake.uploads.UploadRoutes;
import io.refundflow.platform.web.openapi.ServiceApiDocument;
import io.refundflow.platform.web.problems.DependencyOutage;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document: served at {@code /v3/api-docs}, a copy kept in {@code openapi.json}. The header, the
 * Problem schema and the outage answer are the platform's ({@link ServiceApiDocument}); the Idempotency-Key
 * header and this API's problem answers are added here.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final Map<String, String> COMMON = Map.of(
            "400", "Invalid input (malformed JSON, wrong type, unknown enum value, failed validation, missing header)",
            "401", "No valid bearer token",
            "403", "The caller's role or identity does not allow this",
            "404", "No such case, or not one of the caller's");
    private static final Map<String, String> POST_ONLY = Map.of(
            "409", "An open request already exists for the order",
            "413", "Upload over the per-file, per-case or per-request size limit",
            "415", "Unsupported content type of the body, the application part or an evidence file",
            "422", "Unknown order or another customer's order; Idempotency-Key reused with another body");

    private static final String DATABASE_UNAVAILABLE = DependencyOutage.TYPE + ": the database is unavailable";
    private static final String REQUESTS_OVERLOADED = "overloaded: the service is at its limit of requests at a"
            + " time";
    private static final String UNDECIDED_OVERLOADED = "overloaded: too many refunds wait for their decision";
    private static final String CALLER_OVER_SHARE = "too-many-requests: more of the caller's requests at a time than"
            + " its share (with Retry-After)";
    private static final String RETRY_AFTER = ". None of them accepted or changed anything: retry after Retry-After"
            + " seconds";
    private static final String RETRY_AFTER_IF_SENT = ". None of them accepted or changed anything; where"
            + " Retry-After is sent, retry after that many seconds";

    /** IdempotencyFilter refuses longer keys with a 400. */
    private static final int IDEMPOTENCY_KEY_MAX_LENGTH = 255;

    @Bean
    OpenAPI intakeApi() {
        return ServiceApiDocument.header("refund-intake", "Contact and submit steps of the refund workflow: open a"
                + " case for an order, submit a refund or exchange application with evidence, follow the case's"
                + " status. Every POST needs an Idempotency-Key header; every error is an RFC 9457 problem-details"
                + " body.");
    }

    /**
     * Documents the Idempotency-Key header on every POST, as {@link IdempotencyFilter} requires it on every one, typed
     * (OpenAPI requires a schema on every parameter; generated clients need it to send the header), and the headers
     * of a POST's success answer.
     */
    @Bean
    OpenApiCustomizer idempotencyHeaders() {
        return openApi -> {
            for (PathItem path : openApi.getPaths().values()) {
                Operation post = path.getPost();
                if (post == null) {
                    continue;
                }
                post.addParametersItem(new HeaderParameter().name(IdempotencyFilter.HEADER).required(true)
                        .description("unique per intended operation; a retry with the same key and body replays the"
                                + " first answer")
                        .schema(new StringSchema().minLength(1).maxLength(IDEMPOTENCY_KEY_MAX_LENGTH)));
                post.getResponses().forEach((status, response) -> {
                    if (status.startsWith("2")) {
                        response.addHeaderObject(IdempotencyFilter.REPLAYED, new Header()
                                .description("true when this is the stored answer to an earlier request with the"
                                        + " same Idempotency-Key and body")
                                .schema(new BooleanSchema()));
                    }
                    if ("201".equals(status)) {
                        response.addHeaderObject("Location", new Header().description("the new resource")
                                .schema(new StringSchema().format("uri-reference")));
                    }
                });
            }
        };
    }

    /**
     * Documents the problem-details answers every operation may give; where an operation describes one of them
     * itself (what its 409 means), its own words are kept. The 503 and 429 name every cause the operation can
     * really meet, not only the platform's database outage: the admission gate's limits ({@link AdmissionGate}:
     * requests at a time, and for a new refund the refunds waiting for their decision; a caller's share) and the
     * operation's own (the upload gate's, a day's cases), so that a client knows which answers to retry.
     */
    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            ServiceApiDocument.Problems problems = ServiceApiDocument.problems(openApi);
            openApi.getPaths().forEach((route, path) -> {
                for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.readOperationsMap().entrySet()) {
                    Operation operation = entry.getValue();
                    COMMON.forEach((status, text) -> problem(operation, status, text, problems));
                    boolean post = entry.getKey() == PathItem.HttpMethod.POST;
                    if (post) {
                        POST_ONLY.forEach((status, text) -> problem(operation, status, text, problems));
                    }
                    boolean gated = route.startsWith(AdmissionGate.GATED);
                    List<String> unavailable = new ArrayList<>(List.of(DATABASE_UNAVAILABLE));
                    List<String> tooMany = new ArrayList<>();
                    if (gated) {
                        unavailable.add(REQUESTS_OVERLOADED);
                        if (post && UploadRoutes.NEW_REFUND.contains(route)) {
                            unavailable.add(UNDECIDED_OVERLOADED);
                        }
                        tooMany.add(CALLER_OVER_SHARE);
                    }
                    retryLater(operation, "503", unavailable, RETRY_AFTER, problems);
                    retryLater(operation, "429", tooMany, RETRY_AFTER_IF_SENT, problems);
                }
            });
        };
    }

    /**
     * The answer of {@code status} naming each of its {@code causes}, the operation's own first, then how to
     * {@code retry}, with the platform's Retry-After header (the outage answer's: only its words are this
     * operation's); none without a cause.
     */
    private static void retryLater(Operation operation, String status, List<String> causes, String retry,
            ServiceApiDocument.Problems problems) {
        ApiResponse own = operation.getResponses().get(status);
        List<String> all = new ArrayList<>();
        if (own != null && own.getDescription() != null) {
            all.add(own.getDescription());
        }
        all.addAll(causes);
        if (all.isEmpty()) {
            return;
        }
        operation.getResponses().addApiResponse(status, problems.unavailable()
                .description("One of: " + String.join("; ", all) + retry));
    }

    private static void problem(Operation operation, String status, String text,
            ServiceApiDocument.Problems problems) {
        ApiResponse own = operation.getResponses().get(status);
        String description = own == null || own.getDescription() == null ? text : own.getDescription();
        operation.getResponses().addApiResponse(status, problems.response(description));
    }
}
