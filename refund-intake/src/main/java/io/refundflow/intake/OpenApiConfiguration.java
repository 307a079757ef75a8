package io.refundflow.intake;

import io.refundflow.intake.idempotency.IdempotencyFilter;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.servers.Server;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document's header; served at {@code /v3/api-docs}, a copy kept in {@code openapi.json}. */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
        info = @Info(title = "refund-intake", version = "1",
                description = "Contact and submit steps of the refund workflow: open a case for an order, submit"
                        + " a refund or exchange application with evidence, follow the case's status. Every POST"
                        + " needs an Idempotency-Key header; every error is an RFC 9457 problem-details body.",
                license = @License(name = "All rights reserved", identifier = "LicenseRef-Proprietary")),
        servers = @Server(url = "/"),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
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

    /**
     * Types the Idempotency-Key header (OpenAPI requires a schema on every parameter; generated clients need it
     * to send the header) and documents the headers of a POST's success answer.
     */
    @Bean
    OpenApiCustomizer idempotencyHeaders() {
        return openApi -> {
            for (PathItem path : openApi.getPaths().values()) {
                Operation post = path.getPost();
                if (post == null) {
                    continue;
                }
                for (Parameter parameter : post.getParameters() == null ? List.<Parameter>of() : post.getParameters()) {
                    if (IdempotencyFilter.HEADER.equals(parameter.getName()) && "header".equals(parameter.getIn())) {
                        parameter.schema(new StringSchema().minLength(1).maxLength(IDEMPOTENCY_KEY_MAX_LENGTH));
                    }
                }
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

    /** The database is down: nothing was accepted (refund-platform's DependencyOutage). */
    private static final String UNAVAILABLE = "The database is unavailable: the request was not accepted and changed"
            + " nothing; retry after Retry-After seconds";

    /**
     * Documents the problem-details answers every operation may give; where an operation describes one of them
     * itself (what its 409 means), its own words are kept.
     */
    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            Schema<?> problem = new ObjectSchema()
                    .addProperty("type", new StringSchema().format("uri"))
                    .addProperty("title", new StringSchema())
                    .addProperty("status", new IntegerSchema())
                    .addProperty("detail", new StringSchema())
                    .addProperty("instance", new StringSchema())
                    .addProperty("errors", new ArraySchema().items(new ObjectSchema()
                            .addProperty("field", new StringSchema())
                            .addProperty("reason", new StringSchema())));
            openApi.getComponents().addSchemas("Problem", problem);
            Content content = new Content().addMediaType("application/problem+json",
                    new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem")));
            for (PathItem path : openApi.getPaths().values()) {
                for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.readOperationsMap().entrySet()) {
                    COMMON.forEach((status, text) -> problem(entry.getValue(), status, text, content));
                    entry.getValue().getResponses().addApiResponse("503", unavailable(content));
                    if (entry.getKey() == PathItem.HttpMethod.POST) {
                        POST_ONLY.forEach((status, text) -> problem(entry.getValue(), status, text, content));
                    }
                }
            }
        };
    }

    private static void problem(Operation operation, String status, String text, Content problem) {
        ApiResponse own = operation.getResponses().get(status);
        String description = own == null || own.getDescription() == null ? text : own.getDescription();
        operation.getResponses().addApiResponse(status, new ApiResponse().description(description).content(problem));
    }

    private static ApiResponse unavailable(Content problem) {
        return new ApiResponse().description(UNAVAILABLE).content(problem).addHeaderObject("Retry-After",
                new Header().description("whole seconds to wait before retrying")
                        .schema(new IntegerSchema().minimum(BigDecimal.ONE)));
    }
}
