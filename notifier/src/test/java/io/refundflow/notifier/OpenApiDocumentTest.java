package io.refundflow.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.testsupport.CommittedApiDocument;
import io.refundflow.testsupport.WithRealInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

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
        JsonNode document = CommittedApiDocument.isServed(served.body(), "notifier");
        assertThat(document.get("paths").has("/api/unconfirmed-emails")).isTrue();
        assertThat(document.get("paths").has("/api/unconfirmed-emails/{decisionEventId}/resend")).isTrue();
    }
}
