package io.refundflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service's committed OpenAPI document ({@code <module>/openapi.json}) kept equal to the one it serves:
 * {@code -Dopenapi.write=true} (or a missing file) writes the served one, to be reviewed and committed.
 */
public final class CommittedApiDocument {

    private static final Path COMMITTED = Path.of("openapi.json");

    private CommittedApiDocument() {
    }

    /**
     * Asserts that the served document equals the committed one and returns it, parsed.
     *
     * @param served the body of the service's {@code /v3/api-docs}
     * @param module the module whose working directory holds the committed file, named in the failure
     */
    public static JsonNode isServed(String served, String module) throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        JsonNode document = json.readTree(served);
        if (Boolean.getBoolean("openapi.write") || !Files.exists(COMMITTED)) {
            Files.writeString(COMMITTED, json.writerWithDefaultPrettyPrinter().writeValueAsString(document) + "\n",
                    StandardCharsets.UTF_8);
        }
        JsonNode committed = json.readTree(Files.readString(COMMITTED, StandardCharsets.UTF_8));
        assertThat(document).as("served /v3/api-docs vs committed " + module + "/openapi.json (regenerate with"
                + " -Dopenapi.write=true)").isEqualTo(committed);
        return document;
    }
}
