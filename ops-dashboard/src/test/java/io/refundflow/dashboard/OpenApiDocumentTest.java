package io.refundflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.platform.security.DemoTokens;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document the dashboard serves is the one committed in {@code openapi.json} (which refund-contracts
 * lints); the page links to it and to the system's AsyncAPI document, served beside it. When the API changes on purpose, regenerate the file: {@code mvn test -pl ops-dashboard
 * -Dtest=OpenApiDocumentTest -Dopenapi.write=true}, and commit it.
 */
@DashboardTest
class OpenApiDocumentTest {

    static final Path COMMITTED = Path.of("openapi.json");

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;

    @Test
    void theServedDocumentIsTheCommittedOne() throws Exception {
        Http.Response served = new Http(port).get("/v3/api-docs", Http.bearer(tokens.ops("ops-openapi")));
        assertThat(served.status()).isEqualTo(200);
        JsonMapper json = JsonMapper.builder().build();
        JsonNode document = json.readTree(served.body());

        if (Boolean.getBoolean("openapi.write") || !Files.exists(COMMITTED)) {
            Files.writeString(COMMITTED, json.writerWithDefaultPrettyPrinter().writeValueAsString(document) + "\n",
                    StandardCharsets.UTF_8);
        }

        JsonNode committed = json.readTree(Files.readString(COMMITTED, StandardCharsets.UTF_8));
        assertThat(document).as("served /v3/api-docs vs committed ops-dashboard/openapi.json (regenerate with"
                + " -Dopenapi.write=true)").isEqualTo(committed);
        assertThat(document.get("paths").has("/api/money")).isTrue();
    }

    @Test
    void theSystemsAsyncApiDocumentIsServedBesideThePage() {
        Http.Response served = new Http(port).get("/asyncapi.yaml", Http.bearer(tokens.ops("ops-openapi")));

        assertThat(served.status()).isEqualTo(200);
        assertThat(served.body()).contains("asyncapi: 3.0.0");
    }

    @Test
    void theDocumentsAreForOpsOnlyLikeThePage() {
        for (String path : List.of("/v3/api-docs", "/asyncapi.yaml")) {
            Http.Response anonymous = new Http(port).get(path, Map.of());

            assertThat(anonymous.status()).as(path).isEqualTo(302);
            assertThat(anonymous.header("Location")).as(path).endsWith("/login.html");
        }
    }
}
