package io.refundflow.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every HTTP service's committed OpenAPI document (kept equal to the served one by the service's own
 * OpenApiDocumentTest) is valid, and holds what a client generator and a standard linter's recommended rules
 * need: a schema on every parameter and header, a licence, defined security schemes, a summary per operation
 * and its error answers as problem details.
 */
class OpenApiDocumentsTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"refund-intake", "policy-evaluator", "ops-dashboard", "notifier"})
    void theCommittedDocumentIsValid(String service) throws IOException {
        SwaggerParseResult result = parse(service);

        assertThat(result.getMessages()).as("swagger-parser's messages for %s/openapi.json", service).isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).startsWith("3.");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"refund-intake", "policy-evaluator", "ops-dashboard", "notifier"})
    void theCommittedDocumentMeetsTheLintRules(String service) throws IOException {
        OpenAPI api = parse(service).getOpenAPI();

        assertThat(lintErrors(api)).as("lint errors of %s/openapi.json", service).isEmpty();
    }

    static SwaggerParseResult parse(String service) throws IOException {
        String text = Files.readString(Path.of("..", service, "openapi.json"), StandardCharsets.UTF_8);
        ParseOptions options = new ParseOptions();
        options.setValidateInternalRefs(true);
        return new OpenAPIParser().readContents(text, null, options);
    }

    /** The rules the linter run failed on or warned about, phrased as errors of this build. */
    static List<String> lintErrors(OpenAPI api) {
        List<String> errors = new ArrayList<>();
        if (api.getInfo() == null || api.getInfo().getLicense() == null
                || api.getInfo().getLicense().getName() == null) {
            errors.add("info.license: missing");
        }
        Map<String, ?> schemes = api.getComponents() == null || api.getComponents().getSecuritySchemes() == null
                ? Map.of() : api.getComponents().getSecuritySchemes();
        List<SecurityRequirement> global = api.getSecurity() == null ? List.of() : api.getSecurity();
        global.forEach(requirement -> requirement.keySet().stream().filter(name -> !schemes.containsKey(name))
                .forEach(name -> errors.add("security: scheme '" + name + "' is not defined")));
        api.getPaths().forEach((path, item) -> {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.readOperationsMap().entrySet()) {
                String where = entry.getKey() + " " + path;
                Operation operation = entry.getValue();
                if (operation.getSummary() == null || operation.getSummary().isBlank()) {
                    errors.add(where + ": no summary");
                }
                for (Parameter parameter : operation.getParameters() == null ? List.<Parameter>of()
                        : operation.getParameters()) {
                    if (parameter.getSchema() == null && parameter.getContent() == null) {
                        errors.add(where + ": parameter " + parameter.getName() + " has neither schema nor content");
                    }
                }
                if (operation.getSecurity() == null && global.isEmpty()) {
                    errors.add(where + ": no security requirement");
                }
                boolean problem4xx = false;
                for (Map.Entry<String, ApiResponse> response : operation.getResponses().entrySet()) {
                    if (response.getValue().getHeaders() != null) {
                        response.getValue().getHeaders().forEach((name, header) -> {
                            if (header.getSchema() == null && header.getContent() == null) {
                                errors.add(where + ": response " + response.getKey() + " header " + name
                                        + " has no schema");
                            }
                        });
                    }
                    problem4xx |= response.getKey().startsWith("4") && response.getValue().getContent() != null
                            && response.getValue().getContent().containsKey("application/problem+json");
                }
                if (!problem4xx) {
                    errors.add(where + ": no 4xx answer as application/problem+json");
                }
            }
        });
        return errors;
    }
}
