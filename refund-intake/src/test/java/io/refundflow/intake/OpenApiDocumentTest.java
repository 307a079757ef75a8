package io.refundflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document the service serves is the one committed in {@code openapi.json}. When the API
 * changes on purpose, regenerate the file: {@code mvn test -pl refund-intake -Dtest=OpenApiDocumentTest
 * -Dopenapi.write=true}, and commit it.
 */
@IntakeTest
class OpenApiDocumentTest {

    static final Path COMMITTED = Path.of("openapi.json");

    @LocalServerPort
    int port;

    @Test
    void theServedDocumentIsTheCommittedOneAndNeedsNoToken() throws Exception {
        Api.Response served = new Api(port).get(null, "/v3/api-docs");
        assertThat(served.status()).isEqualTo(200);
        JsonMapper json = JsonMapper.builder().build();
        JsonNode document = json.readTree(served.text());

        if (Boolean.getBoolean("openapi.write") || !Files.exists(COMMITTED)) {
            Files.writeString(COMMITTED, json.writerWithDefaultPrettyPrinter().writeValueAsString(document) + "\n",
                    StandardCharsets.UTF_8);
        }

        JsonNode committed = json.readTree(Files.readString(COMMITTED, StandardCharsets.UTF_8));
        assertThat(document).as("served /v3/api-docs vs committed refund-intake/openapi.json (regenerate with"
                + " -Dopenapi.write=true)").isEqualTo(committed);
        assertThat(document.get("paths").has("/api/cases")).isTrue();
        assertThat(document.get("paths").has("/api/cases/{caseId}/submissions")).isTrue();
        assertThat(document.get("paths").has("/api/cases/{caseId}/evidence")).isTrue();
    }
}
