package io.refundflow.evaluator.tryout;

import static io.refundflow.evaluator.Fixtures.id;
import static io.refundflow.evaluator.PolicyTexts.dryRunBody;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.evaluator.PolicyTexts;
import io.refundflow.evaluator.Api;
import io.refundflow.evaluator.EvaluatorTest;
import io.refundflow.platform.security.DemoTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** POST /api/policy/evaluations: the current policy's answer, nothing stored or published. */
@EvaluatorTest
class DryRunEndpointTest {

    static final String PATH = "/api/policy/evaluations";

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;
    @Autowired
    JdbcTemplate jdbc;

    Api api;
    String ops;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        ops = tokens.ops("ops-1");
    }

    @Test
    void answersWithTheCurrentPolicysDecisionAndStoresNothing() {
        // given a SAAS order asked about two days after payment
        String orderId = id("o");

        // when
        Api.Response answer = api.post(PATH, ops, dryRunBody(orderId, "SAAS", 2));

        // then the answer is the stable dry-run contract
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode body = answer.body();
        assertThat(body.get("outcome").asString()).isEqualTo("APPROVED");
        assertThat(body.get("refundAmount").get("amount").asString()).isEqualTo("100.00");
        assertThat(body.get("refundAmount").get("currency").asString()).isEqualTo("CNY");
        assertThat(body.get("ruleId").asString()).isEqualTo("saas.guarantee.inside");
        assertThat(body.get("policyVersion").asString()).isEqualTo(PolicyTexts.bundledVersion());
        assertThat(body.get("reason").get("zh").asString()).isNotBlank();
        assertThat(body.has("remedy")).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from evaluator.decision where order_id = ?", Integer.class,
                orderId)).isZero();
    }

    @Test
    void anUnknownProductKindIsABadRequestNamingTheField() {
        // when
        Api.Response refused = api.post(PATH, ops, dryRunBody(id("o"), "SPACESHIP", 2));

        // then
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.body().get("errors").get(0).get("field").asString()).isEqualTo("order.productKind");
        assertThat(refused.body().get("detail").asString()).contains("order.productKind");
    }

    @Test
    void aMissingSubmissionTimeIsABadRequestNamingTheField() {
        // when
        Api.Response refused = api.post(PATH, ops, dryRunBody(id("o"), "SAAS", 2)
                .replace(",\n                             \"submittedAt\": \"2026-11-03T08:00:00Z\"", "")
                .replaceAll(",\\s*\"submittedAt\": \"[^\"]+\"", ""));

        // then
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.body().get("errors").get(0).get("field").asString()).isEqualTo("request.submittedAt");
        assertThat(refused.body().get("detail").asString()).contains("is required");
    }

    @Test
    void aBodyThatIsNotJsonIsABadRequest() {
        // when
        Api.Response refused = api.post(PATH, ops, "{\"order\": ");

        // then
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.body().get("detail").asString()).contains("not valid JSON");
    }

    @Test
    void onlyOpsMayDryRun() {
        // when
        Api.Response customer = api.post(PATH, tokens.customer("c-1"), dryRunBody(id("o"), "SAAS", 2));

        // then
        assertThat(customer.status()).isEqualTo(403);
    }
}
