package io.refundflow.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.refundflow.events.EventCodec;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Recipient;
import io.refundflow.events.RefundDecision;
import io.refundflow.notifier.sending.DeliverySender;
import io.refundflow.notifier.sending.OwnEmails;
import io.refundflow.platform.outbox.OutboxWriter;
import io.refundflow.platform.security.DemoTokens;
import io.refundflow.testsupport.KafkaTestClient;
import io.refundflow.testsupport.RealInfrastructure;
import io.refundflow.testsupport.SilentAfterDataSmtp;
import io.refundflow.testsupport.WithRealInfrastructure;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An email sent whole and then left without the server's answer may have been delivered: it is UNCONFIRMED,
 * never resent by itself; ops see it and may resend it, told that it may duplicate. The test's own sender, pointed
 * at a server that goes silent, takes only the test's own emails ({@link OwnEmails}): other tests' emails in the
 * shared database are neither sent to that server nor counted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithRealInfrastructure
@ActiveProfiles("test")
class UnconfirmedEmailTest {

    private static final KafkaTestClient kafka = new KafkaTestClient();
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    DeliverySender serviceSender;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    OutboxWriter outbox;
    @Autowired
    NotifierProperties properties;
    @Autowired
    Clock clock;
    @Autowired
    EventCodec codec;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DemoTokens tokens;

    private OwnEmails own;

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    @BeforeEach
    void pauseTheServicesSender() {
        own = new OwnEmails(jdbc);
        serviceSender.stop();
    }

    @AfterEach
    void resumeTheServicesSender() {
        if (!serviceSender.isRunning()) {
            serviceSender.start();
        }
    }

    @Test
    void anEmailLeftWithoutAnAnswerAfterItsDataIsUnconfirmedAndNeverResentByItself() throws IOException {
        // given a decision waiting to be emailed, and a mail server that goes silent after the message
        Recipient customer = Decisions.customer("en");
        EventEnvelope<?> decision = pendingEmailFor(customer);

        try (SilentAfterDataSmtp silent = SilentAfterDataSmtp.always()) {
            DeliverySender sender = senderTo(silent.port());

            // when the round sends it and no answer comes, and later rounds run
            sender.sendBatch();
            sender.sendBatch();
            sender.sendBatch();

            // then it is UNCONFIRMED, with what happened, and it went out exactly once
            assertThat(column("status", decision)).isEqualTo("UNCONFIRMED");
            assertThat(column("last_error", decision)).contains("may have been delivered")
                    .contains("SocketTimeoutException");
            assertThat(column("attempts", decision)).isEqualTo("1");
            assertThat(silent.messagesReceived()).isEqualTo(1);
        }
    }

    @Test
    void opsSeeAnUnconfirmedEmailAndTheirResendIsDeliveredWithTheSameMessageIdAfterAWarning() throws IOException {
        // given an UNCONFIRMED email
        Recipient customer = Decisions.customer("en");
        EventEnvelope<?> decision = pendingEmailFor(customer);
        try (SilentAfterDataSmtp silent = SilentAfterDataSmtp.always()) {
            senderTo(silent.port()).sendBatch();
        }
        assertThat(column("status", decision)).isEqualTo("UNCONFIRMED");
        serviceSender.start();
        String ops = tokens.ops("ops-1");

        // when ops list the unconfirmed emails and resend this one
        HttpResponse<String> listed = send("GET", "/api/unconfirmed-emails", ops);
        HttpResponse<String> resent = send("POST", "/api/unconfirmed-emails/" + decision.id() + "/resend", ops);

        // then the list shows it with its stable Message-ID
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        JsonNode listedEmail = find(json.readTree(listed.body()), decision.id());
        assertThat(listedEmail.get("messageId").asString()).isEqualTo("<" + decision.id() + "@refundflow.notifier>");
        assertThat(listedEmail.get("recipient").asString()).isEqualTo(customer.email());
        // and the resend is accepted with the warning that it may duplicate
        assertThat(resent.statusCode()).as(resent.body()).isEqualTo(202);
        assertThat(json.readTree(resent.body()).get("warning").asString()).contains("twice").contains("Message-ID");
        // and the customer gets it, with the same Message-ID
        List<MimeMessage> received = RealInfrastructure.get().smtp().awaitMessagesTo(customer.email(), 1, PATIENCE);
        assertThat(received).extracting(Emails::messageId)
                .containsExactly("<" + decision.id() + "@refundflow.notifier>");
        await().atMost(PATIENCE).until(() -> "SENT".equals(column("status", decision)));
    }

    @Test
    void onlyOpsMaySeeOrResendUnconfirmedEmails() {
        // when a customer asks
        HttpResponse<String> listed = send("GET", "/api/unconfirmed-emails", tokens.customer("c-1"));
        HttpResponse<String> resent = send("POST", "/api/unconfirmed-emails/any/resend", tokens.customer("c-1"));

        // then
        assertThat(listed.statusCode()).isEqualTo(403);
        assertThat(resent.statusCode()).isEqualTo(403);
    }

    private EventEnvelope<?> pendingEmailFor(Recipient customer) {
        EventEnvelope<?> decision = Decisions.event(Decisions.rejected(Decisions.refundId(), customer));
        BillingCopy.holdsOrderOf(kafka, jdbc, (RefundDecision) decision.data());
        own.add(decision.id());
        kafka.publish(decision);
        await().atMost(PATIENCE).until(() -> "PENDING".equals(column("status", decision)));
        return decision;
    }

    private DeliverySender senderTo(int port) {
        JavaMailSenderImpl mail = new JavaMailSenderImpl();
        mail.setHost("127.0.0.1");
        mail.setPort(port);
        Properties timeouts = new Properties();
        timeouts.put("mail.smtp.connectiontimeout", "2000");
        timeouts.put("mail.smtp.timeout", "1000");
        mail.setJavaMailProperties(timeouts);
        return new DeliverySender(own, transactions, mail, outbox, properties, clock, codec.mapper(),
                "notifier");
    }

    private static JsonNode find(JsonNode list, String decisionEventId) {
        for (JsonNode email : list) {
            if (decisionEventId.equals(email.get("decisionEventId").asString())) {
                return email;
            }
        }
        throw new AssertionError("no unconfirmed email for " + decisionEventId + " in " + list);
    }

    private HttpResponse<String> send(String method, String path, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String column(String column, EventEnvelope<?> decision) {
        List<String> values = jdbc.queryForList("select " + column + "::text from email_delivery"
                + " where decision_event_id = ?", String.class, decision.id());
        return values.isEmpty() ? null : values.get(0);
    }
}
