package io.refundflow.benchmark;

import io.refundflow.launcher.LocalKafka;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.convert.DurationStyle;

/**
 * The properties each service is started with: where Kafka, PostgreSQL and SMTP are, and (with
 * {@code --tuning tuned}) what only the benchmark's run wants. Only configuration: the services' code is not
 * touched. {@code --prop [service:]key=value} adds or overrides.
 */
final class Tuning {

    private static final List<String> CONNECTION_KEYS = List.of("spring.kafka.bootstrap-servers",
            "spring.kafka.security.protocol", "spring.kafka.properties.sasl.mechanism",
            "spring.kafka.properties.sasl.jaas.config", "spring.datasource.url", "spring.datasource.username",
            "spring.mail.host", "spring.mail.port");

    private static final String PROCESSED_EVENTS = "refund.retention.processed-events";
    private static final String IDEMPOTENCY_TTL = "refund.intake.idempotency.ttl";
    private static final String SWEEP_INTERVAL = "refund.retention.sweep-interval";
    /** What each service keeps a table for until its retention sweep deletes the rows. */
    private static final List<String> RETENTION_KEYS = List.of(PROCESSED_EVENTS, IDEMPOTENCY_TTL);

    private static final int SOAK_RETENTION_PARTS = 6;
    private static final Duration MIN_SOAK_RETENTION = Duration.ofMinutes(1);

    private Tuning() {
    }

    static boolean isConnection(String key) {
        return CONNECTION_KEYS.contains(key);
    }

    /**
     * What {@code --tuning tuned} adds for every service: only what is about the benchmark's run, not about how fast
     * the services are. What the benchmark found to make them faster they now ship (docs/benchmark.md, Tuning).
     */
    static Map<String, String> tunedCommon() {
        Map<String, String> p = new LinkedHashMap<>();
        // Kafka client INFO lines (consumer group joins, configs) are noise in a run's service logs.
        p.put("logging.level.org.apache.kafka", "WARN");
        return p;
    }

    /**
     * Retentions short enough for a soak to see the tables they bound stay flat: with the shipped ones (processed ids
     * 30 days, idempotency keys 24 hours) those tables only grow within any soak, and the soak could not tell a sweep
     * that works from one that does not. A sixth of the soak (at least a minute), swept four times as often.
     */
    static Map<String, String> soakRetention(String service, Duration soak) {
        Duration keep = soak.dividedBy(SOAK_RETENTION_PARTS).compareTo(MIN_SOAK_RETENTION) < 0
                ? MIN_SOAK_RETENTION : soak.dividedBy(SOAK_RETENTION_PARTS);
        Map<String, String> p = new LinkedHashMap<>();
        p.put(PROCESSED_EVENTS, keep.toString());
        p.put(SWEEP_INTERVAL, keep.dividedBy(4).toString());
        if (service.equals("refund-intake")) {
            p.put(IDEMPOTENCY_TTL, keep.toString());
        }
        return p;
    }

    /**
     * The soak's fill-up, from the properties the services are actually started with ({@code --prop} included):
     * the longest retention any service is given plus that service's sweep interval. Parsed as the services parse
     * them, so {@code 10m} and {@code PT10M} mean the same here as there.
     */
    static Soak.FillUp soakFillUp(Map<String, Map<String, String>> properties) {
        Soak.FillUp longest = null;
        for (Map.Entry<String, Map<String, String>> service : properties.entrySet()) {
            Map<String, String> p = service.getValue();
            for (String key : RETENTION_KEYS) {
                if (!p.containsKey(key)) {
                    continue;
                }
                if (!p.containsKey(SWEEP_INTERVAL)) {
                    throw new IllegalStateException(
                            service.getKey() + " is given " + key + " but no " + SWEEP_INTERVAL);
                }
                Duration time = DurationStyle.detectAndParse(p.get(key))
                        .plus(DurationStyle.detectAndParse(p.get(SWEEP_INTERVAL)));
                if (longest == null || time.compareTo(longest.time()) > 0) {
                    longest = new Soak.FillUp(time, String.format("%s's %s=%s + its %s=%s", service.getKey(), key,
                            p.get(key), SWEEP_INTERVAL, p.get(SWEEP_INTERVAL)));
                }
            }
        }
        if (longest == null) {
            throw new IllegalStateException("no service is given a retention (" + RETENTION_KEYS + ")");
        }
        return longest;
    }

    /** Each service signs in to the secured broker as its own principal; the reports leave its password out. */
    static Map<String, Map<String, String>> properties(Options options, LocalKafka kafka, String jdbcUrl, String user,
            int smtpPort) {
        Map<String, Map<String, String>> all = new LinkedHashMap<>();
        for (String service : Benchmark.SERVICES) {
            Map<String, String> p = new LinkedHashMap<>();
            p.putAll(kafka.user(service).springProperties(kafka.bootstrapServers()));
            p.put("spring.datasource.url", jdbcUrl);
            p.put("spring.datasource.username", user);
            p.put("spring.mail.host", "127.0.0.1");
            p.put("spring.mail.port", String.valueOf(smtpPort));
            p.put("refund.security.jwt.print-demo-tokens", "false");
            // the benchmark mints its customers' tokens with the published development secret
            p.put("refund.security.development-mode", "true");
            if (service.equals("refund-intake")) {
                // the whole Kafka load comes from one partner, as fast as the system takes it: the partner quota
                // (600 a minute by default) would measure the quota, not the system
                p.put("refund.intake.partners.quota.requests", String.valueOf(Integer.MAX_VALUE));
            }
            if (options.tuning.equals("tuned")) {
                p.putAll(tunedCommon());
            }
            if (options.soak != null) {
                p.putAll(soakRetention(service, options.soak));
            }
            options.extraProperties.forEach((key, value) -> {
                int colon = key.indexOf(':');
                if (colon < 0) {
                    p.put(key, value);
                } else if (key.substring(0, colon).equals(service)) {
                    p.put(key.substring(colon + 1), value);
                }
            });
            all.put(service, p);
        }
        return all;
    }
}
