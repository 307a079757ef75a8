package io.refundflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.platform.security.DemoTokens;
import io.refundflow.testsupport.CommittedApiDocument;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document the dashboard serves is the one committed in {@code openapi.json} (which refund-contracts
 * lints); the page links to it, to the other services' committed documents and to the system's AsyncAPI document
 * with its event schemas, all served beside it under /contracts/. When the API changes on purpose, regenerate the
 * file: {@code mvn test -pl ops-dashboard -Dtest=OpenApiDocumentTest -Dopenapi.write=true}, and commit it.
 */
@DashboardTest
class OpenApiDocumentTest {

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;

    @Test
    void theServedDocumentIsTheCommittedOne() throws Exception {
        Http.Response served = new Http(port).get("/v3/api-docs", Http.bearer(tokens.ops("ops-openapi")));
        assertThat(served.status()).isEqualTo(200);
        JsonNode document = CommittedApiDocument.isServed(served.body(), "ops-dashboard");
        assertThat(document.get("paths").has("/api/money")).isTrue();
    }

    @Test
    void theSystemsAsyncApiDocumentIsServedWithTheSchemasItsReferencesResolveTo() {
        // given the document the page links to
        String page = new Http(port).get("/", Http.bearer(tokens.ops("ops-openapi"))).body();
        Matcher link = Pattern.compile("id=\"doc-asyncapi\" href=\"([^\"]+)\"").matcher(page);
        assertThat(link.find()).as("the page's AsyncAPI link").isTrue();
        Http.Response served = new Http(port).get(link.group(1), Http.bearer(tokens.ops("ops-openapi")));
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.body()).contains("asyncapi: 3.0.0");

        // when each schema file it references is fetched where its relative $ref points from the document
        URI document = URI.create("http://127.0.0.1:" + port + link.group(1));
        Set<String> schemas = new TreeSet<>();
        Matcher ref = Pattern.compile("\\$ref: *['\"]?([^'\"#\\s]+\\.schema\\.json)").matcher(served.body());
        while (ref.find()) {
            schemas.add(ref.group(1));
        }
        assertThat(schemas).isNotEmpty();
        for (String schema : schemas) {
            Http.Response file = new Http(port).get(document.resolve(schema).getPath(),
                    Http.bearer(tokens.ops("ops-openapi")));

            // then it is there: the served document is whole
            assertThat(file.status()).as("%s from %s", schema, document).isEqualTo(200);
            assertThat(file.json().path("$schema").asString()).as(schema).contains("json-schema.org");
        }
    }

    @Test
    void theOldAsyncApiAddressLeadsToTheDocumentBesideItsSchemas() {
        Http.Response old = new Http(port).get("/asyncapi.yaml", Http.bearer(tokens.ops("ops-openapi")));

        assertThat(old.status()).isEqualTo(302);
        assertThat(URI.create(old.header("Location")).getPath()).isEqualTo("/contracts/docs/asyncapi.yaml");
    }

    @Test
    void thePageLinksEachServicesOpenApiDocumentAsCommitted() throws Exception {
        String page = new Http(port).get("/", Http.bearer(tokens.ops("ops-openapi"))).body();
        JsonMapper json = JsonMapper.builder().build();
        for (String service : List.of("refund-intake", "policy-evaluator", "notifier")) {
            String path = "/contracts/" + service + "/openapi.json";
            assertThat(page).as("the page links %s", path).contains("href=\"" + path + "\"");

            Http.Response served = new Http(port).get(path, Http.bearer(tokens.ops("ops-openapi")));

            assertThat(served.status()).as(path).isEqualTo(200);
            assertThat(served.json()).as(path).isEqualTo(json.readTree(
                    Files.readString(Path.of("..", service, "openapi.json"), StandardCharsets.UTF_8)));
        }
    }

    @Test
    void theDocumentsAreForOpsOnlyLikeThePage() {
        for (String path : List.of("/v3/api-docs", "/asyncapi.yaml", "/contracts/docs/asyncapi.yaml",
                "/contracts/refund-events/src/main/resources/schemas/refund-requested.schema.json",
                "/contracts/refund-intake/openapi.json")) {
            Http.Response anonymous = new Http(port).get(path, Map.of());

            assertThat(anonymous.status()).as(path).isEqualTo(302);
            assertThat(anonymous.header("Location")).as(path).endsWith("/login.html");
        }
    }
}
