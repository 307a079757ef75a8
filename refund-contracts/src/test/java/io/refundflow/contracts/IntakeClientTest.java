package io.refundflow.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.refundflow.contracts.intakeclient.ApiClient;
import io.refundflow.contracts.intakeclient.api.CaseControllerApi;
import io.refundflow.contracts.intakeclient.api.SubmissionControllerApi;
import io.refundflow.contracts.intakeclient.model.CaseView;
import io.refundflow.contracts.intakeclient.model.ContactRequest;
import io.refundflow.contracts.intakeclient.model.SubmissionForm;
import io.refundflow.events.BillingMode;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Money;
import io.refundflow.events.ProductKind;
import io.refundflow.intake.IntakeApplication;
import io.refundflow.platform.security.DemoTokens;
import io.refundflow.testsupport.KafkaTestClient;
import io.refundflow.testsupport.WithRealInfrastructure;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The committed {@code refund-intake/openapi.json} serves the people it is for: a Java client generated from it
 * (openapi-generator, see this module's pom) opens a case and submits an application with evidence against the
 * running service.
 */
// Development switch, set explicitly: the client's token is signed with the published development secret.
@SpringBootTest(classes = IntakeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "refund.security.development-mode=true")
@WithRealInfrastructure
class IntakeClientTest {

    /** The smallest valid PNG (1x1 pixel). */
    private static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
    private static final KafkaTestClient kafka = new KafkaTestClient();

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;
    @Autowired
    JdbcTemplate jdbc;

    @AfterAll
    static void closeKafka() {
        kafka.close();
    }

    @Test
    void theGeneratedClientOpensACaseAndSubmitsAnApplicationWithEvidence(@TempDir Path files) throws Exception {
        String customerId = "c-client-" + UUID.randomUUID();
        BillingOrder order = publishOrder(customerId);
        ApiClient client = new ApiClient().setBasePath("http://127.0.0.1:" + port);
        client.setBearerToken(tokens.customer(customerId));
        File screenshot = Files.write(files.resolve("screenshot.png"), PNG).toFile();

        CaseView opened = new CaseControllerApi(client).contact(UUID.randomUUID().toString(), new ContactRequest()
                .orderId(order.orderId()).channel(ContactRequest.ChannelEnum.WEB)
                .description("the site builder does not do what I need"));
        CaseView submitted = new SubmissionControllerApi(client).submit(opened.getCaseId(),
                UUID.randomUUID().toString(), new SubmissionForm().ground(SubmissionForm.GroundEnum.UNSATISFIED)
                        .kind(SubmissionForm.KindEnum.REFUND).description("not what I expected"),
                List.of(screenshot));

        assertThat(opened.getStatus()).isEqualTo(CaseView.StatusEnum.CONTACTED);
        assertThat(submitted.getCaseId()).isEqualTo(opened.getCaseId());
        assertThat(submitted.getStatus()).isEqualTo(CaseView.StatusEnum.SUBMITTED);
        assertThat(submitted.getRefundId()).isNotBlank();
    }

    /** An order of the customer as billing publishes it; intake must hold its copy before a case can be opened. */
    private BillingOrder publishOrder(String customerId) {
        Instant paidAt = Instant.now().minus(Duration.ofDays(1));
        BillingOrder order = new BillingOrder("o-" + UUID.randomUUID(), customerId, customerId + "@example.com", "en",
                ProductKind.SAAS, BillingMode.SUBSCRIPTION, Money.of("199.00", "CNY"), paidAt, paidAt,
                paidAt.plus(Duration.ofDays(365)), null, null, null);
        kafka.publish(EventEnvelope.of("billing", order, Clock.systemUTC()));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from billing_order where order_id = ?", Integer.class, order.orderId()) == 1);
        return order;
    }
}
