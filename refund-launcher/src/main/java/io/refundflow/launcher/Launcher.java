package io.refundflow.launcher;

import io.refundflow.platform.security.DevelopmentModeProperties;
import io.refundflow.platform.security.JwtProperties;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the whole refund workflow on this machine without Docker, prints where everything is, and stops
 * it all on Ctrl-C. Start it with {@code scripts/run-local.sh}.
 */
public final class Launcher {

    static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final LaunchSettings settings;
    private final RunningParts running = new RunningParts();

    private Launcher(LaunchSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        Launcher launcher = new Launcher(LaunchSettings.fromSystemProperties());
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::stopAll, "refundflow-stop"));
        try {
            launcher.run();
        } catch (LaunchException e) {
            System.err.println("\nCannot start refundflow: " + e.getMessage());
            System.exit(1);
        } catch (Exception | LinkageError e) {
            // Exiting runs the shutdown hook, which stops whatever had started.
            System.err.println("\nCannot start refundflow: " + e);
            System.exit(1);
        }
    }

    private void run() throws Exception {
        step("Kafka (KRaft, from the Kafka jars; SASL/SCRAM sign-in and ACLs)");
        LocalKafka kafka = started(new LocalKafka(settings.home().resolve("kafka"), settings.kafkaPort(),
                settings.kafkaControllerPort(), LocalKafka.QUICK_START_JVM_OPTIONS));
        kafka.start(Duration.ofSeconds(60));
        Path kafkaClients = settings.home().resolve("kafka").resolve("clients");
        kafka.writeClientFiles(kafkaClients);

        step("PostgreSQL");
        LocalPostgres postgres = started(LocalPostgres.start(settings.home(), settings.embeddedPostgresPort(),
                settings.database()));
        System.out.println("  " + postgres.origin() + ", database " + settings.database());

        step("SMTP server and inbox page");
        LocalMail mail = started(new LocalMail(settings.smtpPort(), settings.inboxPort()));
        mail.start();

        Map<String, String> connections = Map.of(
                "spring.datasource.url", postgres.jdbcUrl(),
                "spring.datasource.username", postgres.user(),
                "spring.mail.host", "127.0.0.1",
                "spring.mail.port", String.valueOf(mail.smtpPort()));
        Path logs = settings.home().resolve("logs");
        LocalService dashboard = new LocalService("ops-dashboard", settings.dashboardPort(), logs);
        LocalService portal = new LocalService("customer-portal", settings.portalPort(), logs);

        step("identity provider (refund-identity: the demo users' sign-in for the dashboard)");
        LocalService identity = started(new LocalService("refund-identity", settings.identityPort(), logs));
        identity.start(settings.repository(), identityProvider(identity, dashboard, portal));
        // the dashboard reads the provider's discovery document when it starts
        awaitHealthy(List.of(identity));

        List<LocalService> services = List.of(
                new LocalService("refund-intake", settings.intakePort(), logs),
                new LocalService("policy-evaluator", settings.evaluatorPort(), logs),
                new LocalService("notifier", settings.notifierPort(), logs),
                dashboard);
        step("services: " + services.stream().map(LocalService::module).toList());
        for (LocalService service : services) {
            Map<String, String> properties = new HashMap<>(connections);
            // each service signs in to Kafka as its own principal
            properties.putAll(kafka.user(service.module()).springProperties(kafka.bootstrapServers()));
            // a local run, visibly: the published development secret signs the demo tokens the banner prints
            properties.put(DevelopmentModeProperties.PROPERTY, "true");
            // the dashboard's review page acts through the evaluator's review API
            properties.put("refund.dashboard.evaluator-url", services.get(1).url());
            if (service == dashboard) {
                properties.putAll(signInThrough(identity));
            }
            // and its Emails page lists and resends unconfirmed emails through the notifier's ops API
            properties.put("refund.dashboard.notifier-url", services.get(2).url());
            // a reviewer opens the evidence files where refund-intake serves them
            properties.put("refund.dashboard.intake-url", services.get(0).url());
            properties.put("refund.evaluator.intake-url", services.get(0).url());
            // every customer email links to the case on the customer page
            properties.put("refund.notifier.case-page.base-url", portal.url());
            started(service).start(settings.repository(), properties);
        }
        // the customer page needs only the provider to start (it calls intake per request): it starts beside them
        step("customer page (customer-portal: customers sign in at the identity provider)");
        started(portal).start(settings.repository(), customerPage(identity, services.get(0), portal));
        awaitHealthy(services);
        awaitHealthy(List.of(portal));

        step("demo billing data (orders of every product kind for customers c-1 and c-2, and c-2's card-closed "
                + DemoBilling.CARD_CLOSED_ORDER + ")");
        DemoBilling.publish(kafka.connection(KafkaAccess.BILLING), Clock.systemUTC());
        step("demo billing settlements (approved refunds paid back after " + settings.billingDelay().toMillis()
                + " ms; order " + DemoBilling.CARD_CLOSED_ORDER + "'s fail)");
        started(new BillingSettlements(kafka.connection(KafkaAccess.BILLING), settings.billingDelay(),
                DemoBilling::failureReason, Clock.systemUTC())).start();

        System.out.println(Banner.text(services, identity, portal, kafka, kafkaClients, mail, logs,
                settings.billingDelay()));
        Thread.currentThread().join();
    }

    /**
     * The development identity provider for the local run. The services verify tokens with the development
     * secret (a service has one key source, and the banner's demo tokens and the tests' tokens are HS256), so
     * the provider signs its access tokens with that same secret: the token an ops reviewer gets at sign-in is
     * accepted by the dashboard and by the evaluator the dashboard forwards it to.
     */
    private static Map<String, String> identityProvider(LocalService identity, LocalService dashboard,
            LocalService portal) {
        return Map.of(
                // its demo users and published client secret sign in only in development mode
                DevelopmentModeProperties.PROPERTY, "true",
                "refund.identity.issuer", identity.url(),
                "refund.identity.dashboard-redirect-uris", redirectUris(dashboard),
                "refund.identity.portal-redirect-uris", redirectUris(portal),
                "refund.identity.development-signing-secret", JwtProperties.DEV_SECRET);
    }

    private static String redirectUris(LocalService client) {
        return client.url() + "/login/oauth2/code/refundflow,"
                + client.url().replace("127.0.0.1", "localhost") + "/login/oauth2/code/refundflow";
    }

    /**
     * The customer page: no Kafka and no database, only refund-intake's API, called with the signed-in customer's
     * own token, and the provider customers sign in at.
     */
    private static Map<String, String> customerPage(LocalService identity, LocalService intake, LocalService portal) {
        Map<String, String> properties = new HashMap<>(signInThrough(identity, "customer-portal"));
        properties.put(DevelopmentModeProperties.PROPERTY, "true");
        properties.put("refund.portal.intake-url", intake.url());
        properties.put("refund.portal.public-base-url", portal.url());
        return properties;
    }

    /** The dashboard's sign-in through the provider: its public client, authorization code with PKCE. */
    private static Map<String, String> signInThrough(LocalService identity) {
        return signInThrough(identity, "ops-dashboard");
    }

    /** A page's sign-in through the provider as this public client: authorization code with PKCE. */
    private static Map<String, String> signInThrough(LocalService identity, String clientId) {
        String registration = "spring.security.oauth2.client.registration.refundflow.";
        return Map.of(
                registration + "provider", "refund-identity",
                registration + "client-id", clientId,
                registration + "client-authentication-method", "none",
                registration + "authorization-grant-type", "authorization_code",
                registration + "redirect-uri", "{baseUrl}/login/oauth2/code/{registrationId}",
                registration + "scope", "openid",
                "spring.security.oauth2.client.provider.refund-identity.issuer-uri", identity.url());
    }

    private void awaitHealthy(List<LocalService> services) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        for (LocalService service : services) {
            while (!service.healthy(http)) {
                if (System.nanoTime() > deadline) {
                    throw new LaunchException(service.module() + " was not healthy within " + START_TIMEOUT
                            + "; its log is " + service.log());
                }
                Thread.sleep(300);
            }
            System.out.println("  " + service.module() + " is up at " + service.url());
        }
    }

    private <T extends AutoCloseable> T started(T part) {
        return running.started(part);
    }

    private void stopAll() {
        running.stopAll("\nstopping refundflow ...");
    }

    private static void step(String what) {
        System.out.println("> starting " + what);
    }
}
