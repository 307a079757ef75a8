package io.refundflow.evaluator;

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
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.math.BigDecimal;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document's header; served at {@code /v3/api-docs}, a copy kept in {@code openapi.json}. */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
        info = @Info(title = "policy-evaluator", version = "1",
                description = "Review step of the refund workflow, for ops reviewers (role ops): the manual-review"
                        + " queue (claim, decide), a dry run of the current policy and a what-if comparison of a"
                        + " candidate policy. Every error is an RFC 9457 problem-details body.",
                license = @License(name = "All rights reserved", identifier = "LicenseRef-Proprietary")),
        servers = @Server(url = "/"),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
class OpenApiConfiguration {

    private static final Map<String, String> COMMON = Map.of(
            "400", "Invalid input (malformed JSON, wrong type, unknown enum value, out-of-range field)",
            "401", "No valid bearer token",
            "403", "The caller does not have role ops");
    private static final String NOT_FOUND = "No such refund awaiting or past manual review";
    private static final String CONFLICT = "Another reviewer holds the case, it is decided already, or the approval"
            + " exceeds what is left to refund on the order";

    /** The database is down: nothing was accepted (refund-platform's DependencyOutage). */
    private static final String UNAVAILABLE = "The database is unavailable: the request was not accepted and changed"
            + " nothing; retry after Retry-After seconds";

    /** Documents the problem-details answers: every operation's, and those of one refund's review. */
    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            Schema<?> problem = new ObjectSchema()
                    .addProperty("type", new StringSchema().format("uri"))
                    .addProperty("title", new StringSchema())
                    .addProperty("status", new IntegerSchema())
                    .addProperty("detail", new StringSchema())
                    .addProperty("instance", new StringSchema())
                    .addProperty("field", new StringSchema().description("the request field at fault, if one is"));
            openApi.getComponents().addSchemas("Problem", problem);
            Content content = new Content().addMediaType("application/problem+json",
                    new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem")));
            openApi.getPaths().forEach((name, path) -> {
                for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.readOperationsMap().entrySet()) {
                    var responses = entry.getValue().getResponses();
                    COMMON.forEach((status, text) ->
                            responses.addApiResponse(status, new ApiResponse().description(text).content(content)));
                    responses.addApiResponse("503", unavailable(content));
                    if (name.contains("{refundId}")) {
                        responses.addApiResponse("404", new ApiResponse().description(NOT_FOUND).content(content));
                        if (entry.getKey() == PathItem.HttpMethod.POST) {
                            responses.addApiResponse("409", new ApiResponse().description(CONFLICT).content(content));
                        }
                    }
                }
            });
        };
    }

    private static ApiResponse unavailable(Content problem) {
        return new ApiResponse().description(UNAVAILABLE).content(problem).addHeaderObject("Retry-After",
                new Header().description("whole seconds to wait before retrying")
                        .schema(new IntegerSchema().minimum(BigDecimal.ONE)));
    }
}
