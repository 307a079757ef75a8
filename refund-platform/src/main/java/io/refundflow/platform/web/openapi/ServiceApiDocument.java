package io.refundflow.platform.web.openapi;

import io.refundflow.platform.web.problems.DependencyOutage;
import io.refundflow.platform.web.problems.ProblemDetails;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What every refund service's OpenAPI document shares, in one place: the header (licence, relative server, the
 * bearer-token scheme required everywhere), the RFC 9457 {@code Problem} schema and the answers that refer to
 * it (one shape for every service), among them the {@link DependencyOutage} 503. A service declares {@link #header} as its {@code OpenAPI}
 * bean (springdoc starts from it) and adds its own operations' answers in an {@code OpenApiCustomizer}.
 *
 * <p>Only the swagger models are used here (an optional dependency of this module): a service without springdoc
 * gets none of it.
 */
public final class ServiceApiDocument {

    /** The licence every document names (the linters' recommended rules require one). */
    public static final String LICENSE_NAME = "All rights reserved";
    public static final String LICENSE_IDENTIFIER = "LicenseRef-Proprietary";
    /** The security scheme of the platform's JWT bearer tokens ({@code RefundSecurityAutoConfiguration}). */
    public static final String BEARER = "bearer";
    public static final String PROBLEM = "Problem";
    public static final String PROBLEM_MEDIA_TYPE = "application/problem+json";
    static final String UNAVAILABLE = "The database is unavailable: the request was not accepted and changed"
            + " nothing; retry after Retry-After seconds";

    private ServiceApiDocument() {
    }

    /**
     * A service's document before springdoc adds its operations: OpenAPI 3.1, version 1 of the API, the licence,
     * the server relative to where the document is read, and a bearer token required by every operation.
     */
    public static OpenAPI header(String title, String description) {
        return new OpenAPI(SpecVersion.V31)
                .info(new Info().title(title).version("1").description(description)
                        .license(new License().name(LICENSE_NAME).identifier(LICENSE_IDENTIFIER)))
                .addServersItem(new Server().url("/"))
                .addSecurityItem(new SecurityRequirement().addList(BEARER))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")));
    }

    /**
     * The one problem shape of every service (docs/architecture.md, "Problems"): the members of RFC 9457 and, when
     * inputs are at fault, {@code errors}, each naming the input (a JSON path, a parameter or a header) and why.
     */
    static ObjectSchema problemSchema() {
        ObjectSchema error = new ObjectSchema();
        error.addProperty("field", new StringSchema().description("the input at fault: the JSON path of a body's"
                        + " field (items[2].amount), or the name of a parameter, header or part"))
                .addProperty("reason", new StringSchema().description("why it was refused"));
        error.setRequired(List.of("field", "reason"));
        ObjectSchema problem = new ObjectSchema();
        problem.addProperty("type", new StringSchema().format("uri")
                        .description(ProblemDetails.TYPE_BASE + " plus the problem's name, e.g. "
                                + ProblemDetails.INVALID_REQUEST))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().description("the path of the request answered"))
                .addProperty(ProblemDetails.ERRORS, new ArraySchema().items(error)
                        .description("the inputs at fault, when the problem is about the request's input"));
        problem.setRequired(List.of("type", "title", "status", "instance"));
        return problem;
    }

    /** Registers the one {@code #/components/schemas/Problem}; the answers returned refer to it. */
    public static Problems problems(OpenAPI api) {
        api.getComponents().addSchemas(PROBLEM, problemSchema());
        return new Problems();
    }

    /**
     * Registers the {@code Problem} schema and documents every operation's problem answers, in this order: those
     * all of the service's operations share ({@code everyOperation}, status to description), the outage 503, then
     * the operation's own. Called from a service's {@code OpenApiCustomizer}, once springdoc has read the paths.
     */
    public static void addProblemAnswers(OpenAPI api, Map<String, String> everyOperation, OwnAnswers own) {
        Problems problems = problems(api);
        api.getPaths().forEach((path, item) -> {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.readOperationsMap().entrySet()) {
                ApiResponses responses = entry.getValue().getResponses();
                everyOperation.forEach((status, text) -> responses.addApiResponse(status, problems.response(text)));
                responses.addApiResponse("503", problems.unavailable());
                own.add(path, entry.getKey(), responses, problems);
            }
        });
    }

    /** The problem answers of one operation beyond those every operation of the service has. */
    @FunctionalInterface
    public interface OwnAnswers {

        void add(String path, PathItem.HttpMethod method, ApiResponses responses, Problems problems);
    }

    /** Answers with a problem-details body, each a new object (springdoc's models are mutable). */
    public static final class Problems {

        private Problems() {
        }

        /** An answer whose body is a problem. */
        public ApiResponse response(String description) {
            return new ApiResponse().description(description).content(content());
        }

        /** The {@link DependencyOutage} answer: 503 with Retry-After, nothing accepted. */
        public ApiResponse unavailable() {
            return response(UNAVAILABLE).addHeaderObject("Retry-After", new Header()
                    .description("whole seconds to wait before retrying")
                    .schema(new IntegerSchema().minimum(BigDecimal.ONE)));
        }

        private static Content content() {
            return new Content().addMediaType(PROBLEM_MEDIA_TYPE,
                    new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
        }
    }
}
