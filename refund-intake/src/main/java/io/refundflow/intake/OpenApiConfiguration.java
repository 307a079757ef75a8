package io.refundflow.intake;

import io.refundflow.intake.idempotency.IdempotencyFilter;
import io.refundflow.platform.web.openapi.ServiceApiDocument;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
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
     * itself (what its 409 means), its own words are kept.
     */
    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            ServiceApiDocument.Problems problems = ServiceApiDocument.problems(openApi);
            for (PathItem path : openApi.getPaths().values()) {
                for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.readOperationsMap().entrySet()) {
                    COMMON.forEach((status, text) -> problem(entry.getValue(), status, text, problems));
                    entry.getValue().getResponses().addApiResponse("503", problems.unavailable());
                    if (entry.getKey() == PathItem.HttpMethod.POST) {
                        POST_ONLY.forEach((status, text) -> problem(entry.getValue(), status, text, problems));
                    }
                }
            }
        };
    }

    private static void problem(Operation operation, String status, String text,
            ServiceApiDocument.Problems problems) {
        ApiResponse own = operation.getResponses().get(status);
        String description = own == null || own.getDescription() == null ? text : own.getDescription();
        operation.getResponses().addApiResponse(status, problems.response(description));
    }
}
