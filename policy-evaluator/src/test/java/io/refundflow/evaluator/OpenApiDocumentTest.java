package io.refundflow.evaluator;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.testsupport.CommittedApiDocument;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document the service serves is the one committed in {@code openapi.json} (which refund-contracts
 * lints). When the API changes on purpose, regenerate the file: {@code mvn test -pl policy-evaluator
 * -Dtest=OpenApiDocumentTest -Dopenapi.write=true}, and commit it.
 */
@EvaluatorTest
class OpenApiDocumentTest {

    @LocalServerPort
    int port;

    @Test
    void theServedDocumentIsTheCommittedOneAndNeedsNoToken() throws Exception {
        Api.Response served = new Api(port).get("/v3/api-docs", null);
        assertThat(served.status()).isEqualTo(200);
        JsonNode document = CommittedApiDocument.isServed(served.text(), "policy-evaluator");
        assertThat(document.get("paths").has("/api/reviews/{refundId}/decision")).isTrue();
        assertThat(document.get("paths").has("/api/policy/evaluations")).isTrue();
    }
}
