package io.refundflow.portal;

import io.refundflow.identity.IdentityApplication;
import io.refundflow.platform.security.DemoTokens;
import io.refundflow.platform.security.JwtProperties;
import io.refundflow.testsupport.FreePort;
import io.refundflow.testsupport.RealInfrastructureInitializer;
import io.refundflow.testsupport.ServiceProcess;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What the customer page runs against in its tests, as in the local run: the development identity provider
 * in-process (signing access tokens with the development secret, as the launcher has it), refund-intake,
 * policy-evaluator and the notifier as processes from their executable jars, all on the real test infrastructure. Started once per
 * test JVM; the ports are chosen first, since the provider must know the page's redirect URI.
 */
public final class PortalSystem {

    public static final int PORT = FreePort.find();
    public static final String PORTAL = "http://127.0.0.1:" + PORT;
    public static final String ISSUER = "http://127.0.0.1:" + FreePort.find();
    /** The provider runs beside the page on the page's classpath: none of the test infrastructure's setup applies to it. */
    private static final List<String> NOT_FOR_THE_PROVIDER = List.of(
            "io.refundflow.platform.PlatformAutoConfiguration",
            "io.refundflow.platform.security.RefundSecurityAutoConfiguration",
            "io.refundflow.platform.health.PlatformHealthAutoConfiguration",
            "io.refundflow.platform.lifecycle.ParentWatchAutoConfiguration");

    private static ConfigurableApplicationContext identity;
    private static Services services;

    private PortalSystem() {
    }

    /** Tokens as intake checks them (the development secret): for the test's own calls, never the page's. */
    public static DemoTokens tokens() {
        return new DemoTokens(JwtProperties.DEV_SECRET.getBytes(StandardCharsets.UTF_8), null, Duration.ofHours(1),
                Clock.systemUTC());
    }

    public static ServiceProcess intake() {
        return services().intake();
    }

    public static ServiceProcess evaluator() {
        return services().evaluator();
    }

    /** The notifier, whose emails link to the page. */
    public static ServiceProcess notifier() {
        return services().notifier();
    }

    private record Services(ServiceProcess intake, ServiceProcess evaluator, ServiceProcess notifier) {
    }

    /**
     * The three are launched side by side and then awaited: a service's start is mostly one thread's work (its
     * context refresh), so two cores bring three up sooner together than one after another.
     */
    private static synchronized Services services() {
        if (services == null) {
            ServiceProcess intake = launched("refund-intake", Map.of());
            ServiceProcess evaluator = launched("policy-evaluator",
                    Map.of("refund.evaluator.order-wait-sweep-interval", "250ms"));
            ServiceProcess notifier = launched("notifier", Map.of("refund.notifier.case-page.base-url", PORTAL));
            services = new Services(intake.awaitHealthy(), evaluator.awaitHealthy(), notifier.awaitHealthy());
        }
        return services;
    }

    /** Starts what the page needs and points it there. */
    public static synchronized void configure(DynamicPropertyRegistry registry) {
        if (identity == null) {
            identity = IdentityApplication.application().run(
                    "--server.port=" + ISSUER.substring(ISSUER.lastIndexOf(':') + 1),
                    "--refund.identity.issuer=" + ISSUER,
                    "--refund.identity.portal-redirect-uris=" + PORTAL + "/login/oauth2/code/refundflow",
                    "--refund.identity.development-signing-secret=" + JwtProperties.DEV_SECRET,
                    "--spring.application.name=refund-identity",
                    "--refund.security.development-mode=true",
                    "--spring.autoconfigure.exclude=" + String.join(",", NOT_FOR_THE_PROVIDER));
            Runtime.getRuntime().addShutdownHook(new Thread(identity::close, "identity-stop"));
        }
        services();
        registry.add("server.port", () -> PORT);
        registry.add("refund.security.development-mode", () -> "true");
        registry.add("refund.portal.intake-url", () -> intake().baseUrl());
        registry.add("refund.portal.public-base-url", () -> PORTAL);
        registry.add("refund.portal.refresh-interval", () -> "500ms");
        String registration = "spring.security.oauth2.client.registration.refundflow.";
        registry.add(registration + "provider", () -> "refund-identity");
        registry.add(registration + "client-id", () -> "customer-portal");
        registry.add(registration + "client-authentication-method", () -> "none");
        registry.add(registration + "authorization-grant-type", () -> "authorization_code");
        registry.add(registration + "redirect-uri", () -> "{baseUrl}/login/oauth2/code/{registrationId}");
        registry.add(registration + "scope", () -> "openid");
        registry.add("spring.security.oauth2.client.provider.refund-identity.issuer-uri", () -> ISSUER);
    }

    private static ServiceProcess launched(String name, Map<String, Object> own) {
        Map<String, Object> properties = new HashMap<>(Map.of(
                // Development switch, set explicitly: the provider signs with the published development secret.
                "refund.security.development-mode", "true",
                "refund.security.jwt.print-demo-tokens", "false",
                "refund.outbox.poll-interval", "100ms",
                "spring.kafka.consumer.properties.metadata.max.age.ms", "1000"));
        properties.putAll(own);
        ServiceProcess started = ServiceProcess.start(name, RealInfrastructureInitializer.properties(), properties);
        // killed, not stopped: the broker and database it would say goodbye to end with this JVM, and its Kafka
        // clients then spent the 30 s surefire grants a closing test JVM before it kills the JVM itself
        Runtime.getRuntime().addShutdownHook(new Thread(started::kill, name + "-stop"));
        return started;
    }
}
