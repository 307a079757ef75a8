package io.refundflow.launcher;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One SCRAM principal of the secured broker: a service, a partner or billing. Passwords are made anew for every
 * broker, so none is published anywhere.
 *
 * @param name the principal, {@code User:<name>} in ACLs
 */
public record KafkaUser(String name, String password) {

    public static final String MECHANISM = "SCRAM-SHA-256";
    private static final SecureRandom RANDOM = new SecureRandom();

    public static KafkaUser withNewPassword(String name) {
        byte[] secret = new byte[18];
        RANDOM.nextBytes(secret);
        return new KafkaUser(name, HexFormat.of().formatHex(secret));
    }

    public String principal() {
        return "User:" + name;
    }

    /** The Kafka client settings that sign in as this user. */
    public Map<String, String> clientProperties(String bootstrapServers) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("bootstrap.servers", bootstrapServers);
        properties.put("security.protocol", "SASL_PLAINTEXT");
        properties.put("sasl.mechanism", MECHANISM);
        properties.put("sasl.jaas.config", jaasConfig());
        return properties;
    }

    /**
     * The same settings as Spring Boot properties, for a service: Boot's own names where it has them, the others
     * passed through {@code spring.kafka.properties.*}.
     */
    public Map<String, String> springProperties(String bootstrapServers) {
        Map<String, String> properties = new LinkedHashMap<>();
        clientProperties(bootstrapServers).forEach((name, value) -> properties.put(switch (name) {
            case "bootstrap.servers" -> "spring.kafka.bootstrap-servers";
            case "security.protocol" -> "spring.kafka.security.protocol";
            default -> "spring.kafka.properties." + name;
        }, value));
        return properties;
    }

    String jaasConfig() {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + name
                + "\" password=\"" + password + "\";";
    }

    @Override
    public String toString() {
        return "KafkaUser[" + name + "]";
    }
}
