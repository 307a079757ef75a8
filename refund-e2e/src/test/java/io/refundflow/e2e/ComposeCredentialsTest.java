package io.refundflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * No credential the repository publishes works in the compose stack, and nothing of it answers beyond this
 * machine unless the operator says so: the realm's users get passwords that scripts/compose-secrets.sh makes anew
 * into .env, no public client takes passwords, and every published port binds to 127.0.0.1 by default.
 */
class ComposeCredentialsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final JsonNode COMPOSE = new YAMLMapper().readTree(ROOT.resolve("docker-compose.yml").toFile());
    private static final JsonNode REALM = JsonMapper.builder().build()
            .readTree(ROOT.resolve("docker/keycloak/refundflow-realm.json").toFile());
    /** A published port: {@code ${REFUND_BIND:-127.0.0.1}:<host port>:<container port>}. */
    private static final Pattern LOOPBACK_UNLESS_THE_OPERATOR_SAYS = Pattern.compile(
            "\\$\\{REFUND_BIND:-127\\.0\\.0\\.1}:\\d+:\\d+");
    /** A value Keycloak takes from its environment when it imports the realm. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)}");

    @Test
    void everyPublishedPortBindsToLoopbackUnlessTheOperatorSetsREFUND_BIND() {
        Map<String, List<String>> published = new HashMap<>();
        COMPOSE.path("services").properties().forEach(service -> service.getValue().path("ports")
                .forEach(port -> published.computeIfAbsent(service.getKey(), k -> new ArrayList<>())
                        .add(port.asString())));

        assertThat(published).containsKeys("refund-intake", "policy-evaluator", "notifier", "ops-dashboard",
                "keycloak", "mail", "kafka-ui");
        published.forEach((service, ports) -> assertThat(ports).as("ports %s publishes", service)
                .allMatch(port -> LOOPBACK_UNLESS_THE_OPERATOR_SAYS.matcher(port).matches()));
    }

    @Test
    void noRealmUserHasAPasswordWrittenInTheRepository() {
        assertThat(REALM.path("users")).isNotEmpty().allSatisfy(user -> assertThat(user.path("credentials"))
                .allSatisfy(credential -> assertThat(credential.path("value").asString())
                        .as("password of %s", user.path("username").asString())
                        .matches(PLACEHOLDER)));
    }

    @Test
    void noPublicClientAllowsThePasswordGrant() {
        assertThat(REALM.path("clients")).isNotEmpty().allSatisfy(client -> {
            if (client.path("publicClient").asBoolean()) {
                assertThat(client.path("directAccessGrantsEnabled").isBoolean()).as(client.path("clientId").asString())
                        .isTrue();
                assertThat(client.path("directAccessGrantsEnabled").asBoolean()).as(client.path("clientId").asString())
                        .isFalse();
            }
        });
    }

    @Test
    void composeSecretsMakesEverySecretTheRealmNeedsAnewForEachStack() throws Exception {
        List<String> needed = placeholders(REALM.toString());
        JsonNode keycloak = COMPOSE.path("services").path("keycloak").path("environment");
        assertThat(needed).as("secrets the realm takes from its environment").isNotEmpty();

        Map<String, String> first = secretsWritten("first.env");
        Map<String, String> second = secretsWritten("second.env");

        for (String variable : needed) {
            assertThat(keycloak.path(variable).asString()).as("keycloak's %s", variable)
                    .startsWith("${" + variable + ":?");
            assertThat(first.get(variable)).as("%s in .env", variable).isNotBlank();
            assertThat(first.get(variable)).as("%s made anew", variable).isNotEqualTo(second.get(variable));
        }
    }

    private static List<String> placeholders(String text) {
        List<String> variables = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            variables.add(matcher.group(1));
        }
        return variables;
    }

    /** Runs scripts/compose-secrets.sh as an operator does, writing to a file of the test's own. */
    private static Map<String, String> secretsWritten(String name) throws IOException, InterruptedException {
        Path file = Path.of("target", "compose-secrets", name).toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        ProcessBuilder script = new ProcessBuilder("bash", ROOT.resolve("scripts/compose-secrets.sh").toString())
                .redirectErrorStream(true).redirectOutput(file.resolveSibling(name + ".log").toFile());
        script.environment().put("COMPOSE_ENV_FILE", file.toString());
        Process process = script.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(file.resolveSibling(name + ".log"))).isZero();
        Map<String, String> values = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            int equals = line.indexOf('=');
            if (!line.startsWith("#") && equals > 0) {
                values.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return values;
    }
}
