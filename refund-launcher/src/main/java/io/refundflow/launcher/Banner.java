package io.refundflow.launcher;

import io.refundflow.platform.security.DemoTokens;
import io.refundflow.platform.security.JwtProperties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** What the person who started the system needs to know: where everything is and how to use it. */
final class Banner {

    private static final Duration TOKEN_LIFETIME = Duration.ofHours(12);

    private Banner() {
    }

    static String text(List<LocalService> services, LocalService identity, LocalService portal, LocalKafka kafka,
            Path kafkaClients, LocalMail mail, Path logs, Duration billingDelay) {
        DemoTokens tokens = new DemoTokens(JwtProperties.DEV_SECRET.getBytes(StandardCharsets.UTF_8), null,
                TOKEN_LIFETIME, Clock.systemUTC());
        StringBuilder out = new StringBuilder("\n==================== refundflow is running ====================\n");
        out.append(String.format("%n  Customer page     %s/   <- start here: sign in as c-2 / c-2-demo (Bob, en) or"
                + " c-1 / c-1-demo (Alice, zh),%n                    ask for a refund on an order, follow the case"
                + " (log: %s)%n%n", portal.url(), logs.resolve(portal.module() + ".log")));
        for (LocalService service : services) {
            out.append(String.format("  %-17s %s   (log: %s)%n", service.module(), service.url(),
                    logs.resolve(service.module() + ".log")));
        }
        out.append(String.format("  %-17s %s   (sign-in of the demo users below; log: %s)%n", identity.module(),
                identity.url(), logs.resolve(identity.module() + ".log")));
        out.append(String.format("  %-17s %s   (SASL/SCRAM; a client file per principal in %s)%n", "Kafka",
                kafka.bootstrapServers(), kafkaClients));
        out.append(String.format("  %-17s smtp://127.0.0.1:%d   inbox: %s%n", "SMTP", mail.smtpPort(), mail.inboxUrl()));
        out.append(String.format("  %-17s %s/v3/api-docs%n", "OpenAPI (intake)", services.get(0).url()));
        out.append(String.format("  %-17s %s   (sign in at the identity provider as ops-1; development mode: or"
                + " paste the OPS token below at /login.html)%n", "Ops dashboard", services.get(3).url()));
        out.append(identityProvider(identity.url()));
        out.append("\nDemo tokens (valid " + TOKEN_LIFETIME.toHours() + " h; signed with the published development secret, which"
                + " the services accept only because the launcher starts them with refund.security.development-mode=true):\n");
        out.append("  export ALICE=").append(tokens.customer(DemoTokens.CUSTOMER_1)).append("   # customer c-1 (zh)\n");
        out.append("  export BOB=").append(tokens.customer(DemoTokens.CUSTOMER_2)).append("   # customer c-2 (en)\n");
        out.append("  export AGENT=").append(tokens.agent(DemoTokens.AGENT)).append("   # support agent\n");
        out.append("  export OPS=").append(tokens.ops(DemoTokens.OPS)).append("   # ops reviewer\n");
        out.append(walkthrough(services.get(0).url(), services.get(1).url(), mail.inboxUrl(),
                billingDelay.toMillis()));
        out.append(partner(kafka.bootstrapServers(), kafkaClients));
        out.append("\nPress Ctrl-C to stop everything.\n");
        return out.toString();
    }

    private static String walkthrough(String intake, String evaluator, String inbox, long billingMillis) {
        return """

                Walk a refund through contact -> submit -> review -> notify -> settle (after the exports above):
                  # 1. contact: Bob opens a case for his SaaS order o-201, paid yesterday
                  CASE=$(curl -s -X POST %1$s/api/cases -H "Authorization: Bearer $BOB" \\
                    -H "Idempotency-Key: demo-$RANDOM" -H 'Content-Type: application/json' \\
                    -d '{"orderId":"o-201","channel":"WEB","description":"Not what I expected"}' \\
                    | sed -E 's/.*"caseId":"([^"]+)".*/\\1/'); echo "case $CASE"
                  # 2. submit: the no-reason guarantee
                  curl -s -X POST %1$s/api/cases/$CASE/submissions -H "Authorization: Bearer $BOB" \\
                    -H "Idempotency-Key: demo-$RANDOM" \\
                    -F 'application={"ground":"UNSATISFIED","kind":"REFUND","description":"Please refund","contactEmail":"bob@example.com"};type=application/json'
                  # 3. review happens by policy within a moment; 4. the email is in the inbox:
                  curl -s %1$s/api/cases/$CASE -H "Authorization: Bearer $BOB"     # status and timeline
                  open %3$s
                  # 5. settle: demo billing pays the approved refund back %4$d ms later (billing.refunds EXECUTED,
                  #    o-201's "refunded" raised on billing.orders); the dashboard's Money panel moves it from
                  #    reserved to settled, and a second request for o-201 finds nothing left to refund.
                A refund billing cannot pay: Bob's o-211 (SaaS, paid yesterday) was paid with a card since closed.
                  Run steps 1-2 with "orderId":"o-211": it is approved, then billing reports it FAILED ("card
                  closed"), the reservation is released, and Bob gets a short email saying so.
                A claim that needs a person: Alice's US server o-109 (quality issue, with evidence):
                  CASE=$(curl -s -X POST %1$s/api/cases -H "Authorization: Bearer $ALICE" \\
                    -H "Idempotency-Key: demo-$RANDOM" -H 'Content-Type: application/json' \\
                    -d '{"orderId":"o-109","channel":"CHAT","description":"Network drops every hour"}' \\
                    | sed -E 's/.*"caseId":"([^"]+)".*/\\1/')
                  printf 'time,packet_loss\\n2026-11-20T10:00Z,37%%%%\\n' > /tmp/usage.csv
                  curl -s -X POST %1$s/api/cases/$CASE/submissions -H "Authorization: Bearer $ALICE" \\
                    -H "Idempotency-Key: demo-$RANDOM" -F 'evidence=@/tmp/usage.csv;type=text/csv' \\
                    -F 'application={"ground":"QUALITY_ISSUE","kind":"REFUND","description":"Unstable network","contactEmail":"alice@example.com"};type=application/json'
                  curl -s %2$s/api/reviews -H "Authorization: Bearer $OPS"            # the review queue
                  curl -s -X POST %2$s/api/reviews/<refundId>/claim -H "Authorization: Bearer $OPS"
                  curl -s -X POST %2$s/api/reviews/<refundId>/decision -H "Authorization: Bearer $OPS" \\
                    -H 'Content-Type: application/json' -d '{"approved":true}'
                """.formatted(intake, evaluator, inbox, billingMillis);
    }

    /**
     * The development identity provider's users and clients, as refund-identity.yml sets them (development
     * passwords, published there).
     */
    private static String identityProvider(String issuer) {
        return """

                Demo users of the identity provider %1$s (development passwords, published in
                refund-identity/src/main/resources/refund-identity.yml):
                  ops-1 / ops-1-demo (ops)   agent-1 / agent-1-demo (agent)   c-1 / c-1-demo, c-2 / c-2-demo (customers)
                An ops API token from it (client credentials of its ops-cli client; accepted by every service):
                  curl -s -u ops-cli:ops-cli-demo-secret -d grant_type=client_credentials %1$s/oauth2/token
                """.formatted(issuer);
    }

    /** A partner's request through the secured broker, signed in as the demo partner. */
    private static String partner(String bootstrap, Path clients) {
        return """
                A partner's request (signed in as principal "partner", which may write only refund.requests.partner):
                  printf 'ce_specversion=1.0,ce_id=partner-evt-1,ce_source=partner,ce_type=io.refundflow.refund.requested.v1,ce_time=2026-11-23T08:00:00Z,ce_subject=partner-r-1\\tpartner-r-1\\t{"refundId":"partner-r-1","orderId":"o-101","customerId":"c-1","ground":"UNSATISFIED","kind":"REFUND","description":"via the partner shop","submittedAt":"2026-11-23T08:00:00Z"}\\n' \\
                    | scripts/kafka-tool.sh org.apache.kafka.tools.ConsoleProducer --bootstrap-server %1$s \\
                        --producer.config %2$s --topic refund.requests.partner \\
                        --property parse.key=true --property parse.headers=true --property headers.key.separator==
                  # the same with --topic refund.decisions is refused by the broker: TopicAuthorizationException
                """.formatted(bootstrap, clients.resolve(KafkaAccess.PARTNER + ".properties"));
    }
}
