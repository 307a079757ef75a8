package io.refundflow.dashboard;

import io.refundflow.platform.web.openapi.ServiceApiDocument;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of the page's API; served at {@code /v3/api-docs} (role ops, like every API here), a copy
 * kept in {@code openapi.json}. The controllers carry no OpenAPI annotations: what a reader needs beyond the
 * generated shapes (summaries, problem answers, the sign-in and CSRF rules) is added here, to the header and
 * Problem schema shared by every service ({@link ServiceApiDocument}).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    /** One summary per operation ("METHOD path"); the linter requires them and the controllers stay plain. */
    private static final Map<String, String> SUMMARIES = Map.ofEntries(
            Map.entry("GET /api/snapshot", "Everything the page shows, as of now"),
            Map.entry("GET /api/stream", "The snapshot pushed as server-sent events whenever it changes"),
            Map.entry("GET /api/trail", "One refund's events across all topics, in order"),
            Map.entry("GET /api/money", "Per currency: reserved, settled, released, refunded in billing; the alarm"),
            Map.entry("POST /api/dead-letters/replay", "Republish one dead letter onto its original topic"),
            Map.entry("POST /api/dead-letters/replay-all", "Republish every kept dead letter of a topic"),
            Map.entry("GET /api/reviews", "The manual-review queue (policy-evaluator's, as the signed-in reviewer)"),
            Map.entry("GET /api/reviews/{refundId}", "One case awaiting review (policy-evaluator's)"),
            Map.entry("POST /api/reviews/{refundId}/claim", "Claim a case (policy-evaluator's)"),
            Map.entry("POST /api/reviews/{refundId}/decision", "Decide a claimed case (policy-evaluator's)"),
            Map.entry("POST /api/reviews/{refundId}/evidence-request",
                    "Ask the customer for more evidence on a case you hold; it waits for their files"
                            + " (policy-evaluator's)"),
            Map.entry("GET /api/evidence/{refundId}/{sha256}",
                    "A file the customer attached (refund-intake's): images and PDFs inline, others to download"),
            Map.entry("GET /api/unconfirmed-emails", "Emails the mail server may not have delivered (the notifier's)"),
            Map.entry("POST /api/unconfirmed-emails/{decisionEventId}/resend",
                    "Resend one unconfirmed email; the customer may receive it twice (the notifier's)"),
            Map.entry("GET /api/session", "Who is signed in"),
            Map.entry("POST /api/session", "Sign in (development mode only): exchange an ops token for the session"
                    + " cookie"),
            Map.entry("DELETE /api/session", "Sign out: clear the session cookie"));
    private static final Map<String, String> COMMON = Map.of(
            "400", "Invalid input (malformed JSON, wrong type, missing or malformed field)",
            "401", "No valid ops token or session",
            "403", "Not role ops, or a cookie-authenticated change without the X-Requested-With header");

    /** The session cookie, the other way to call the API (the page's own). */
    static final String SESSION = "session";

    /** The platform's header, with the session cookie as a second way in beside the bearer token. */
    @Bean
    OpenAPI dashboardApi() {
        OpenAPI api = ServiceApiDocument.header("ops-dashboard", "The API behind the ops dashboard page: live"
                + " snapshot and stream, refund trails, dead letters and their replay, the money figures, the"
                + " manual-review queue proxied to policy-evaluator with the evidence files from refund-intake, the"
                + " unconfirmed emails proxied to the notifier (whose own documents describe those bodies). Ops"
                + " sign in through the identity provider (GET /oauth2/authorization/refundflow, authorization code"
                + " with PKCE), which sets the session cookie; scripts send an ops token as a bearer token; in"
                + " development mode only, a token can be exchanged for the session cookie at POST /api/session."
                + " Every error is an RFC 9457 problem-details body.");
        api.getComponents().addSecuritySchemes(SESSION, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.COOKIE).name("refund_ops_session").description("set at sign-in through the"
                        + " identity provider (or by POST /api/session in development mode); HttpOnly,"
                        + " SameSite=Strict"));
        return api.addSecurityItem(new SecurityRequirement().addList(SESSION));
    }

    @Bean
    OpenApiCustomizer dashboardOperations() {
        return openApi -> {
            ServiceApiDocument.Problems problems = ServiceApiDocument.problems(openApi);
            openApi.getPaths().forEach((name, path) -> {
                for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.readOperationsMap().entrySet()) {
                    Operation operation = entry.getValue();
                    operation.setSummary(SUMMARIES.get(entry.getKey() + " " + name));
                    ApiResponses responses = operation.getResponses();
                    COMMON.forEach((status, text) -> responses.addApiResponse(status, problems.response(text)));
                    if ("/api/session".equals(name) && entry.getKey() != PathItem.HttpMethod.GET) {
                        operation.setSecurity(List.of()); // signing in and out needs no session
                    } else if (entry.getKey() != PathItem.HttpMethod.GET) {
                        operation.addParametersItem(new HeaderParameter().name("X-Requested-With")
                                .description("required when signed in by the session cookie (CSRF guard)")
                                .schema(new StringSchema()._enum(List.of("ops-dashboard"))));
                    }
                    if (name.startsWith("/api/reviews")) {
                        responses.addApiResponse("502",
                                problems.response("policy-evaluator could not be reached"));
                    }
                    if (name.startsWith("/api/evidence")) {
                        responses.addApiResponse("404", problems.response("No such file of this refund"));
                        responses.addApiResponse("502", problems.response("refund-intake could not be reached"));
                    }
                    if (name.startsWith("/api/unconfirmed-emails")) {
                        responses.addApiResponse("502", problems.response("the notifier could not be reached"));
                    }
                    if (name.contains("{decisionEventId}")) {
                        responses.addApiResponse("404", problems.response("No email for this decision event"));
                        responses.addApiResponse("409",
                                problems.response("The email is not unconfirmed (sent, pending or failed)"));
                    }
                    if (name.contains("{refundId}")) {
                        responses.addApiResponse("404",
                                problems.response("No such refund awaiting or past manual review"));
                    }
                    if (name.endsWith("/evidence-request")) {
                        responses.addApiResponse("409", problems.response("You do"
                                + " not hold the case, it already waits for evidence or a second approval, it is"
                                + " decided, there is no customer to ask, or the policy sets no"
                                + " evidenceAnswerWithin"));
                    } else if (name.contains("{refundId}") && entry.getKey() == PathItem.HttpMethod.POST) {
                        responses.addApiResponse("409", problems.response("Another"
                                + " reviewer holds the case, it waits for the customer's evidence, it is decided,"
                                + " or nothing is left to refund"));
                    }
                    if ("/api/dead-letters/replay".equals(name)) {
                        responses.addApiResponse("404", problems.response("No such dead letter"));
                        responses.addApiResponse("409", problems.response("This dead letter was replayed before"));
                    }
                }
            });
        };
    }
}
