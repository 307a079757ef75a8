package io.refundflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.testsupport.CommittedApiDocument;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document the service serves is the one committed in {@code openapi.json}. When the API
 * changes on purpose, regenerate the file: {@code mvn test -pl refund-intake -Dtest=OpenApiDocumentTest
 * -Dopenapi.write=true}, and commit it.
 */
@IntakeTest
class OpenApiDocumentTest {

    @LocalServerPort
    int port;

    @Test
    void theServedDocumentIsTheCommittedOneAndNeedsNoToken() throws Exception {
        Api.Response served = new Api(port).get(null, "/v3/api-docs");
        assertThat(served.status()).isEqualTo(200);
        JsonNode document = CommittedApiDocument.isServed(served.text(), "refund-intake");
        assertThat(document.get("paths").has("/api/cases")).isTrue();
        assertThat(document.get("paths").has("/api/cases/{caseId}/submissions")).isTrue();
        assertThat(document.get("paths").has("/api/cases/{caseId}/evidence")).isTrue();
    }
}
