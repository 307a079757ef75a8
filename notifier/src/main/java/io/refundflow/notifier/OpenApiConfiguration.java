package io.refundflow.notifier;

import io.refundflow.platform.web.openapi.ServiceApiDocument;
import io.swagger.v3.oas.models.OpenAPI;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of the ops API (UNCONFIRMED emails): served at {@code /v3/api-docs} (public, like every
 * service's), a copy kept in {@code openapi.json}. The header, the Problem schema and the outage answer are the
 * platform's ({@link ServiceApiDocument}); this API's problem answers are added here.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final Map<String, String> COMMON = Map.of(
            "401", "No valid bearer token",
            "403", "The caller does not have role ops");

    @Bean
    OpenAPI notifierApi() {
        return ServiceApiDocument.header("notifier", "The notifier's ops API, for ops (role ops): the emails the"
                + " mail server may or may not have delivered (UNCONFIRMED: the whole message went out, then no"
                + " answer came) and the explicit resend of one, which may reach the customer twice. The emails"
                + " themselves are driven by the Kafka topics (see the system's AsyncAPI document). Every error is"
                + " an RFC 9457 problem-details body.");
    }

    /** Documents the problem-details answers: every operation's, and those of one email's resend. */
    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> ServiceApiDocument.addProblemAnswers(openApi, COMMON, (path, method, responses, problems) -> {
            if (path.contains("{decisionEventId}")) {
                responses.addApiResponse("400", problems.response("Invalid input: a malformed decisionEventId"));
                responses.addApiResponse("404", problems.response("No email for this decision event"));
                responses.addApiResponse("409", problems.response("not-unconfirmed: the email is not"
                        + " UNCONFIRMED (sent, pending, failed, or already resent)"));
            }
        });
    }
}
