package io.refundflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.testsupport.CommittedApiDocument;
import java.util.List;
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

    @Test
    void everyOperationNamesTheRefusalsOfTheAdmissionGateAndOnlySubmissionsTheDecisionBacklog() {
        JsonNode paths = new Api(port).get(null, "/v3/api-docs").json().get("paths");
        List<String> submissions = List.of("/api/submissions", "/api/cases/{caseId}/submissions");
        paths.properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            String name = operation.getKey() + " " + path.getKey();
            JsonNode responses = operation.getValue().get("responses");
            // every API request may meet the gate's limits: requests at a time (503) and a caller's share (429)
            JsonNode unavailable = responses.get("503");
            assertThat(unavailable.get("description").asString()).as(name)
                    .contains("service-unavailable: the database is unavailable", "overloaded: the service is at its"
                            + " limit of requests at a time");
            assertThat(unavailable.get("headers").has("Retry-After")).as(name).isTrue();
            assertThat(responses.get("429").get("description").asString()).as(name).contains("too-many-requests");
            assertThat(responses.get("429").get("content").has("application/problem+json")).as(name).isTrue();
            // and only a submission, which adds a refund to decide, is refused while too many wait for theirs
            boolean submission = operation.getKey().equals("post") && submissions.contains(path.getKey());
            assertThat(unavailable.get("description").asString().contains("too many refunds wait for their decision"))
                    .as(name).isEqualTo(submission);
        }));
    }
}
