package io.refundflow.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.testsupport.WithRealInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document the notifier serves is the one committed in {@code openapi.json} (which refund-contracts
 * lints). When the ops API changes on purpose, regenerate the file: {@code mvn test -pl notifier
 * -Dtest=OpenApiDocumentTest -Dopenapi.write=true}, and commit it. Same annotations as UnconfirmedEmailTest, so
 * the same application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
@ActiveProfiles("test")
class OpenApiDocumentTest {

    static final Path COMMITTED = Path.of("openapi.json");

    @LocalServerPort
    int port;

    @Test
    void theServedDocumentIsTheCommittedOneAndNeedsNoToken() throws Exception {
        // when the document is asked for without a token
        HttpResponse<String> served = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v3/api-docs")).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

        // then it is served, and it is the committed one
        assertThat(served.statusCode()).isEqualTo(200);
        JsonMapper json = JsonMapper.builder().build();
        JsonNode document = json.readTree(served.body());
        if (Boolean.getBoolean("openapi.write") || !Files.exists(COMMITTED)) {
            Files.writeString(COMMITTED, json.writerWithDefaultPrettyPrinter().writeValueAsString(document) + "\n",
                    StandardCharsets.UTF_8);
        }
        JsonNode committed = json.readTree(Files.readString(COMMITTED, StandardCharsets.UTF_8));
        assertThat(document).as("served /v3/api-docs vs committed notifier/openapi.json (regenerate with"
                + " -Dopenapi.write=true)").isEqualTo(committed);
        assertThat(document.get("paths").has("/api/unconfirmed-emails")).isTrue();
        assertThat(document.get("paths").has("/api/unconfirmed-emails/{decisionEventId}/resend")).isTrue();
    }
}
