package io.refundflow.peer.operaton;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.HistoryService;
import org.operaton.bpm.engine.history.HistoricProcessInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One refund through the peer on the real parts: PostgreSQL (database operaton_peer_test, created by the peer
 * when missing and kept between runs) and an SMTP server (GreenMail) on a free port.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PeerSmokeTest {

    // started before the context, which reads its port
    private static final GreenMail MAIL = started();

    private static GreenMail started() {
        GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        return mail;
    }

    @AfterAll
    static void stopMail() {
        MAIL.stop();
    }

    /** The PostgreSQL server the project's tests use (docs/testing.md): REFUND_TEST_PG_* or the local one. */
    @DynamicPropertySource
    static void parts(DynamicPropertyRegistry registry) {
        Map<String, String> env = System.getenv();
        String server = env.getOrDefault("REFUND_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
        registry.add("spring.datasource.url", () -> server.substring(0, server.lastIndexOf('/') + 1)
                + "operaton_peer_test");
        registry.add("spring.datasource.username", () -> env.getOrDefault("REFUND_TEST_PG_USER", "postgres"));
        registry.add("spring.datasource.password", () -> env.getOrDefault("REFUND_TEST_PG_PASSWORD", ""));
        registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
    }

    @Autowired
    private TestRestTemplate http;
    @Autowired
    private HistoryService history;

    @Test
    void aRefundInsideTheGuaranteeIsApprovedEmailedAndLeftInTheHistoryAsFinished() throws Exception {
        String refundId = "peer-smoke-" + UUID.randomUUID();
        Map<String, Object> request = Map.ofEntries(Map.entry("refundId", refundId), Map.entry("orderId", "o-1"),
                Map.entry("customerEmail", "c-1@example.com"), Map.entry("locale", "en"),
                Map.entry("requestKind", "REFUND"), Map.entry("ground", "UNSATISFIED"),
                Map.entry("productKind", "SAAS"), Map.entry("billingMode", "SUBSCRIPTION"),
                Map.entry("paidAmount", "199.00"), Map.entry("refundedAmount", "0.00"), Map.entry("currency", "CNY"),
                Map.entry("paidAt", Instant.now().minus(Duration.ofDays(1)).toString()));

        ResponseEntity<Map> answer = http.postForEntity("/refunds", request, Map.class);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(answer.getBody()).containsEntry("outcome", "APPROVE").containsEntry("refund", "199.00")
                .containsEntry("reasonCode", "GUARANTEE_FULL_REFUND");
        MimeMessage email = awaitEmail(refundId);
        assertThat(email.getAllRecipients()).extracting(Object::toString).containsExactly("c-1@example.com");
        assertThat(email.getSubject()).contains(refundId);
        String instanceId = (String) answer.getBody().get("processInstanceId");
        HistoricProcessInstance finished = awaitFinished(instanceId);
        assertThat(finished.getBusinessKey()).isEqualTo(refundId);
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instanceId)
                .variableName("outcome").singleResult().getValue()).isEqualTo("APPROVE");
    }

    @Test
    void aRefundWithoutItsOrderFactsIsRefusedAsAProblemNamingThem() {
        Map<String, Object> request = Map.of("refundId", "peer-smoke-incomplete", "customerEmail", "c-1@example.com");

        ResponseEntity<Map> answer = http.postForEntity("/refunds", request, Map.class);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat((String) answer.getBody().get("detail")).contains("productKind", "paidAmount", "paidAt");
    }

    /** The email about the refund (the database may hold jobs of an earlier run that send others). */
    private static MimeMessage awaitEmail(String refundId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            for (MimeMessage message : MAIL.getReceivedMessages()) {
                if (refundId.equals(message.getHeader("X-Refund-Id", null))) {
                    return message;
                }
            }
            assertThat(System.nanoTime()).as("email for " + refundId + " within 20 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private HistoricProcessInstance awaitFinished(String instanceId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
                    .processInstanceId(instanceId).singleResult();
            if (instance != null && instance.getEndTime() != null) {
                return instance;
            }
            assertThat(System.nanoTime()).as("process instance finished within 20 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
