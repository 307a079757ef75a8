package io.refundflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.events.TopicSpec;
import io.refundflow.platform.security.DemoTokens;
import io.refundflow.platform.security.JwtProperties;
import io.refundflow.platform.security.Roles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * No Docker engine runs where the tests run, so this keeps docker-compose.yml honest instead: every
 * service is in it, built from the repository, on the port its application.yml declares, configured only
 * through environment variables that name properties the service really reads, and health-checked.
 */
class ComposeFileTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final JsonNode COMPOSE = read(ROOT.resolve("docker-compose.yml"));
    /** spring.kafka.properties.* is handed to the Kafka client as it is (sasl.jaas.config, ...). */
    private static final String KAFKA_CLIENT_SETTING = "SPRING_KAFKA_PROPERTIES_";
    private static final Path ACLS = ROOT.resolve("refund-launcher/src/main/resources/kafka-acls.txt");
    /** Spring Boot's OAuth2 client settings: a map keyed by registration and provider id, read by Boot itself. */
    private static final String OAUTH2_CLIENT_SETTING = "SPRING_SECURITY_OAUTH2_CLIENT_";
    /** The pages people sign in to through the realm (each a public client with PKCE). */
    private static final Set<String> SIGNS_IN_BROWSERS = Set.of("ops-dashboard", "customer-portal");
    private static final Path REALM_DIRECTORY = ROOT.resolve("docker/keycloak");
    private static final JsonNode REALM = readJson(REALM_DIRECTORY.resolve("refundflow-realm.json"));
    /** The settings every service verifies tokens with, as the platform reads them when nothing is configured. */
    private static final JwtProperties PLATFORM = new JwtProperties(null, null, null, null, null, null, null, null, null);

    @ParameterizedTest
    @ValueSource(strings = {"refund-intake", "policy-evaluator", "notifier", "ops-dashboard", "customer-portal"})
    void serviceIsBuiltFromThisRepositoryWithItsModuleAsBuildArgument(String service) {
        JsonNode build = COMPOSE.path("services").path(service).path("build");

        assertThat(build.path("context").asString()).isEqualTo(".");
        assertThat(ROOT.resolve(build.path("dockerfile").asString())).isRegularFile();
        assertThat(build.path("args").path("SERVICE").asString()).isEqualTo(service);
    }

    @ParameterizedTest
    @ValueSource(strings = {"refund-intake", "policy-evaluator", "notifier", "ops-dashboard", "customer-portal"})
    void servicePublishesAndListensOnThePortItsApplicationYmlDeclares(String service) {
        String port = ServiceSettings.applicationProperties(service).get("server.port");
        JsonNode definition = COMPOSE.path("services").path(service);

        assertThat(port).as("server.port in %s's application.yml", service).isNotBlank();
        assertThat(definition.path("environment").path("SERVER_PORT").asString()).isEqualTo(port);
        assertThat(texts(definition.path("ports"))).contains("${REFUND_BIND:-127.0.0.1}:" + port + ":" + port);
        assertThat(definition.path("healthcheck").path("test").toString()).contains("/tcp/127.0.0.1/" + port)
                .contains("/actuator/health");
    }

    @ParameterizedTest
    @ValueSource(strings = {"refund-intake", "policy-evaluator", "notifier", "ops-dashboard", "customer-portal"})
    void everyEnvironmentVariableNamesAPropertyTheServiceReads(String service) {
        Set<String> known = new HashSet<>();
        ServiceSettings.applicationProperties(service).keySet().forEach(key -> known.add(canonical(key)));
        ServiceSettings.platformDefaults().stringPropertyNames().forEach(key -> known.add(canonical(key)));

        Iterator<String> variables = COMPOSE.path("services").path(service).path("environment").propertyNames()
                .iterator();
        assertThat(variables.hasNext()).isTrue();
        while (variables.hasNext()) {
            String variable = variables.next();
            if (variable.startsWith(KAFKA_CLIENT_SETTING)
                    || (SIGNS_IN_BROWSERS.contains(service) && variable.startsWith(OAUTH2_CLIENT_SETTING))) {
                continue;
            }
            assertThat(known).as("%s sets %s, which %s does not read (not in its application.yml)", service,
                    variable, service).contains(canonical(variable));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"refund-intake", "policy-evaluator", "notifier", "ops-dashboard", "customer-portal", "kafka",
            "postgres", "mail", "keycloak"})
    void everyPartHasAHealthCheck(String part) {
        assertThat(COMPOSE.path("services").path(part).path("healthcheck").path("test").isMissingNode())
                .as("%s health check", part).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"refund-intake", "policy-evaluator", "notifier", "ops-dashboard"})
    void serviceStartsOnlyOnceKafkaAndPostgresAreHealthy(String service) {
        JsonNode dependsOn = COMPOSE.path("services").path(service).path("depends_on");

        assertThat(dependsOn.path("kafka").path("condition").asString()).isEqualTo("service_healthy");
        assertThat(dependsOn.path("postgres").path("condition").asString()).isEqualTo("service_healthy");
    }

    @ParameterizedTest
    @ValueSource(strings = {"kafka", "postgres", "mail", "kafka-ui", "keycloak"})
    void infrastructurePartUsesAnOfficialImage(String part) {
        assertThat(COMPOSE.path("services").path(part).path("image").asString()).isNotBlank().doesNotContain("latest");
    }

    @Test
    void kafkaAcceptsOnlySignedInClientsAndAuthorizesEachAgainstItsAcls() {
        JsonNode kafka = COMPOSE.path("services").path("kafka").path("environment");

        assertThat(kafka.path("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").asString())
                .isEqualTo("CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
        assertThat(kafka.path("KAFKA_AUTHORIZER_CLASS_NAME").asString())
                .isEqualTo("org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        assertThat(kafka.path("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND").asString()).isEqualTo("false");
    }

    @ParameterizedTest
    @ValueSource(strings = {"refund-intake", "policy-evaluator", "notifier", "ops-dashboard"})
    void serviceSignsInToKafkaAsItsOwnPrincipalWithAPasswordFromTheEnvironment(String service) {
        JsonNode environment = COMPOSE.path("services").path(service).path("environment");
        String jaas = environment.path("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG").asString();

        assertThat(environment.path("SPRING_KAFKA_SECURITY_PROTOCOL").asString()).isEqualTo("SASL_PLAINTEXT");
        assertThat(jaas).contains("username=\"" + service + "\"")
                .contains("password=\"${KAFKA_PASSWORD_" + service.toUpperCase().replace('-', '_') + ":?");
        assertThat(aclPrincipals()).as("principals granted anything in kafka-acls.txt").contains(service);
    }

    @Test
    void noKafkaPasswordIsWrittenInTheComposeFile() throws IOException {
        String text = Files.readString(ROOT.resolve("docker-compose.yml"));

        assertThat(Pattern.compile("password=\"(?!\\$\\{)").matcher(text).find())
                .as("a Kafka password that is not a ${...} from .env").isFalse();
    }

    @Test
    void topicBrowserIsReadOnlyAndBehindALogin() {
        JsonNode ui = COMPOSE.path("services").path("kafka-ui").path("environment");

        assertThat(ui.path("KAFKA_CLUSTERS_0_READONLY").asString()).isEqualTo("true");
        assertThat(ui.path("AUTH_TYPE").asString()).isEqualTo("LOGIN_FORM");
        assertThat(ui.path("SPRING_SECURITY_USER_PASSWORD").asString()).startsWith("${KAFKA_UI_PASSWORD:?");
        assertThat(ui.path("KAFKA_CLUSTERS_0_PROPERTIES_SASL_JAAS_CONFIG").asString())
                .contains("username=\"kafka-ui\"");
        assertThat(aclRules()).filteredOn(rule -> rule[0].equals("kafka-ui"))
                .allMatch(rule -> rule[1].equals("READ") || rule[1].startsWith("DESCRIBE"));
    }

    @Test
    void kafkaSetupCreatesEveryTopicWithTheSettingsItNeeds() throws IOException {
        String setup = Files.readString(ROOT.resolve("docker/kafka/setup.sh"));

        for (TopicSpec spec : TopicSpec.all()) {
            String name = spec.name().endsWith(".DLT") ? spec.name().substring(0, spec.name().length() - 4)
                    : spec.name();
            assertThat(setup).as("setup.sh creates %s", spec.name()).contains(name);
            spec.configs().forEach((key, value) -> assertThat(setup).contains("topic " + spec.name() + " --config "
                    + key + "=" + value));
        }
    }

    @Test
    void keycloakImportsTheRefundflowRealmFromTheRepository() {
        JsonNode keycloak = COMPOSE.path("services").path("keycloak");

        assertThat(texts(keycloak.path("command"))).contains("start-dev", "--import-realm");
        assertThat(texts(keycloak.path("volumes"))).contains("./docker/keycloak:/opt/keycloak/data/import:ro");
        assertThat(REALM.path("realm").asString()).isEqualTo("refundflow");
        assertThat(REALM.path("enabled").asBoolean()).isTrue();
        assertThat(keycloak.path("environment").path("KC_BOOTSTRAP_ADMIN_PASSWORD").asString())
                .startsWith("${KEYCLOAK_ADMIN_PASSWORD:?");
    }

    @ParameterizedTest
    @ValueSource(strings = {"refund-intake", "policy-evaluator", "notifier", "ops-dashboard"})
    void serviceVerifiesTokensAgainstKeycloaksKeysForTheRealmsIssuer(String service) {
        JsonNode environment = COMPOSE.path("services").path(service).path("environment");

        assertThat(environment.path("REFUND_SECURITY_JWT_ISSUER").asString()).isEqualTo(realmIssuer());
        assertThat(environment.path("REFUND_SECURITY_JWT_JWK_SET_URI").asString())
                .isEqualTo(realmInsideTheNetwork() + "/protocol/openid-connect/certs");
        assertThat(environment.path("REFUND_SECURITY_JWT_SECRET").isMissingNode()).isTrue();
        assertThat(environment.path("REFUND_SECURITY_DEVELOPMENT_MODE").asString()).isEqualTo("false");
        assertThat(COMPOSE.path("services").path(service).path("depends_on").path("keycloak").path("condition")
                .asString()).isEqualTo("service_healthy");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ops-dashboard", "customer-portal", "refundflow-api"})
    void realmClientPutsTheRolesAndTheAudienceInTheAccessTokenWhereTheServicesReadThem(String clientId) {
        JsonNode client = realmClient(clientId);
        JsonNode roles = mapper(client, "oidc-usermodel-client-role-mapper");
        JsonNode audience = mapper(client, "oidc-audience-mapper");

        assertThat(roles.path("claim.name").asString()).isEqualTo(PLATFORM.rolesClaim());
        assertThat(roles.path("multivalued").asString()).isEqualTo("true");
        assertThat(roles.path("access.token.claim").asString()).isEqualTo("true");
        assertThat(roles.path("usermodel.clientRoleMapping.clientId").asString()).isEqualTo(PLATFORM.audience());
        assertThat(audience.path("included.client.audience").asString()).isEqualTo(PLATFORM.audience());
        assertThat(audience.path("access.token.claim").asString()).isEqualTo("true");
    }

    @Test
    void theRealmsRolesAreTheOnesTheServicesKnow() {
        List<String> roles = new java.util.ArrayList<>();
        REALM.path("roles").path("client").path(PLATFORM.audience()).forEach(role -> roles.add(role.path("name")
                .asString()));

        assertThat(roles).containsExactlyInAnyOrder(Roles.CUSTOMER, Roles.AGENT, Roles.OPS);
    }

    @Test
    void everyDemoUserHasARoleAndTheSubjectTheServicesMatchCustomersBy() {
        // the services take the token's sub as the customer id (c-1 owns c-1's orders), and Keycloak's sub is the id
        assertThat(REALM.path("users")).isNotEmpty().allSatisfy(user -> {
            assertThat(user.path("id").asString()).isEqualTo(user.path("username").asString());
            assertThat(user.path("clientRoles").path(PLATFORM.audience())).hasSize(1);
            assertThat(user.path("credentials").path(0).path("temporary").asBoolean()).isFalse();
        });
        List<String> users = new java.util.ArrayList<>();
        REALM.path("users").forEach(user -> users.add(user.path("username").asString()));
        assertThat(users).contains(DemoTokens.CUSTOMER_1, DemoTokens.CUSTOMER_2, DemoTokens.AGENT, DemoTokens.OPS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ops-dashboard", "customer-portal"})
    void pageSignsInThroughTheRealmsPublicClientWithPkceAndARegisteredRedirect(String page) {
        JsonNode environment = COMPOSE.path("services").path(page).path("environment");
        String registration = OAUTH2_CLIENT_SETTING + "REGISTRATION_REFUNDFLOW_";
        String provider = OAUTH2_CLIENT_SETTING + "PROVIDER_"
                + environment.path(registration + "PROVIDER").asString().toUpperCase().replace('-', '_') + "_";
        JsonNode client = realmClient(environment.path(registration + "CLIENT_ID").asString());
        String port = environment.path("SERVER_PORT").asString();

        assertThat(environment.path(registration + "CLIENT_AUTHENTICATION_METHOD").asString()).isEqualTo("none");
        assertThat(environment.path(registration + "AUTHORIZATION_GRANT_TYPE").asString())
                .isEqualTo("authorization_code");
        assertThat(client.path("publicClient").asBoolean()).isTrue();
        assertThat(client.path("attributes").path("pkce.code.challenge.method").asString()).isEqualTo("S256");
        assertThat(environment.path(registration + "REDIRECT_URI").asString())
                .isEqualTo("{baseUrl}/login/oauth2/code/{registrationId}");
        assertThat(texts(client.path("redirectUris")))
                .containsExactly("http://localhost:" + port + "/login/oauth2/code/refundflow");
        // the browser goes to the issuer's address; the page fetches tokens and keys inside the network
        assertThat(environment.path(provider + "AUTHORIZATION_URI").asString())
                .isEqualTo(realmIssuer() + "/protocol/openid-connect/auth");
        assertThat(environment.path(provider + "TOKEN_URI").asString())
                .isEqualTo(realmInsideTheNetwork() + "/protocol/openid-connect/token");
        assertThat(environment.path(provider + "JWK_SET_URI").asString())
                .isEqualTo(realmInsideTheNetwork() + "/protocol/openid-connect/certs");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ops-dashboard", "customer-portal"})
    void pagesOAuth2ClientSettingsAreSpringBootsOwn(String page) {
        Set<String> known = Set.of("REGISTRATION_REFUNDFLOW_PROVIDER", "REGISTRATION_REFUNDFLOW_CLIENT_ID",
                "REGISTRATION_REFUNDFLOW_CLIENT_AUTHENTICATION_METHOD", "REGISTRATION_REFUNDFLOW_AUTHORIZATION_GRANT_TYPE",
                "REGISTRATION_REFUNDFLOW_REDIRECT_URI", "REGISTRATION_REFUNDFLOW_SCOPE", "PROVIDER_KEYCLOAK_AUTHORIZATION_URI",
                "PROVIDER_KEYCLOAK_TOKEN_URI", "PROVIDER_KEYCLOAK_JWK_SET_URI", "PROVIDER_KEYCLOAK_USER_NAME_ATTRIBUTE");

        List<String> settings = new java.util.ArrayList<>();
        COMPOSE.path("services").path(page).path("environment").propertyNames().forEach(name -> {
            if (name.startsWith(OAUTH2_CLIENT_SETTING)) {
                settings.add(name.substring(OAUTH2_CLIENT_SETTING.length()));
            }
        });

        assertThat(settings).isNotEmpty();
        assertThat(known).containsAll(settings);
    }

    @Test
    void everyCustomerEmailLinksToTheCustomerPageAtTheAddressBrowsersUse() {
        JsonNode portal = COMPOSE.path("services").path("customer-portal").path("environment");
        JsonNode notifier = COMPOSE.path("services").path("notifier").path("environment");

        assertThat(notifier.path("REFUND_NOTIFIER_CASE_PAGE_BASE_URL").asString())
                .isEqualTo(portal.path("REFUND_PORTAL_PUBLIC_BASE_URL").asString())
                .isEqualTo("http://localhost:" + portal.path("SERVER_PORT").asString());
    }

    /** The issuer in every token: Keycloak's address for browsers and curl, whatever address a request used. */
    private static String realmIssuer() {
        return COMPOSE.path("services").path("keycloak").path("environment").path("KC_HOSTNAME").asString()
                + "/realms/" + REALM.path("realm").asString();
    }

    private static String realmInsideTheNetwork() {
        return "http://keycloak:" + COMPOSE.path("services").path("keycloak").path("environment").path("KC_HTTP_PORT")
                .asString() + "/realms/" + REALM.path("realm").asString();
    }

    private static JsonNode realmClient(String clientId) {
        for (JsonNode client : REALM.path("clients")) {
            if (client.path("clientId").asString().equals(clientId)) {
                return client;
            }
        }
        throw new AssertionError("no client " + clientId + " in docker/keycloak/refundflow-realm.json");
    }

    private static JsonNode mapper(JsonNode client, String type) {
        for (JsonNode mapper : client.path("protocolMappers")) {
            if (mapper.path("protocolMapper").asString().equals(type)) {
                return mapper.path("config");
            }
        }
        throw new AssertionError("client " + client.path("clientId").asString() + " has no " + type);
    }

    private static JsonNode readJson(Path file) {
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(file.toFile());
    }

    private static List<String[]> aclRules() {
        try {
            return Files.readAllLines(ACLS).stream().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.split("\\s+")).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> aclPrincipals() {
        Set<String> principals = new HashSet<>();
        aclRules().forEach(rule -> principals.add(rule[0]));
        return principals;
    }

    /** Relaxed binding: SPRING_DATASOURCE_URL, spring.datasource.url and spring.data-source.url are one property. */
    private static String canonical(String name) {
        return name.toLowerCase().replace("-", "").replace("_", "").replace(".", "");
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }

    private static JsonNode read(Path file) {
        return YAML.readTree(file.toFile());
    }
}
