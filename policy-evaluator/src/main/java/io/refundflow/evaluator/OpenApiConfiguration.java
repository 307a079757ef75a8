package io.refundflow.evaluator;

import io.refundflow.platform.web.openapi.ServiceApiDocument;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document: served at {@code /v3/api-docs}, a copy kept in {@code openapi.json}. The header, the
 * Problem schema and the outage answer are the platform's ({@link ServiceApiDocument}); this API's problem
 * answers are added here.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final Map<String, String> COMMON = Map.of(
            "400", "Invalid input (malformed JSON, wrong type, unknown enum value, out-of-range field)",
            "401", "No valid bearer token",
            "403", "The caller does not have role ops");
    private static final String NOT_FOUND = "No such refund awaiting or past manual review";
    private static final String CONFLICT = "Another reviewer holds the case, it is decided already, or the approval"
            + " exceeds what is left to refund on the order";

    @Bean
    OpenAPI evaluatorApi() {
        return ServiceApiDocument.header("policy-evaluator", "Review step of the refund workflow, for ops reviewers"
                + " (role ops): the manual-review queue (claim, decide), a dry run of the current policy and a"
                + " what-if comparison of a candidate policy. Every error is an RFC 9457 problem-details body.");
    }

    /** Documents the problem-details answers: every operation's, and those of one refund's review. */
    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> ServiceApiDocument.addProblemAnswers(openApi, COMMON, (path, method, responses, problems) -> {
            if (path.contains("{refundId}")) {
                responses.addApiResponse("404", problems.response(NOT_FOUND));
                if (method == PathItem.HttpMethod.POST) {
                    responses.addApiResponse("409", problems.response(CONFLICT));
                }
            }
        });
    }
}
