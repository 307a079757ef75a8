package io.refundflow.dashboard.money;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.dashboard.DashboardTest;
import io.refundflow.dashboard.Http;
import io.refundflow.events.BillingMode;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.BillingRefund;
import io.refundflow.events.DecisionHeader;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.LocalizedText;
import io.refundflow.events.Money;
import io.refundflow.events.ProductKind;
import io.refundflow.events.Recipient;
import io.refundflow.events.RefundApproved;
import io.refundflow.events.SettlementStatus;
import io.refundflow.platform.security.DemoTokens;
import io.refundflow.testsupport.KafkaTestClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The money figures come from the real topics: an approval reserves, billing's settlement settles. */
@DashboardTest
class MoneyOverKafkaTest {

    /** No other test of this module uses this currency, so its figures are this test's alone. */
    private static final String CURRENCY = "NOK";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final KafkaTestClient kafka = new KafkaTestClient();

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;
    @Autowired
    Clock clock;

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void anApprovalThatBillingExecutedIsShownSettledPerCurrencyWithNoAlarm() {
        // given an order paid 500.00 NOK and 200.00 of it approved
        String orderId = "money-" + UUID.randomUUID();
        String refundId = "r-money-" + UUID.randomUUID();
        Instant now = clock.instant();
        Http http = new Http(port);
        Map<String, String> ops = Http.bearer(tokens.ops("ops-1"));
        double alarmsBefore = ordersOverRefunded(http, ops);
        kafka.publish(EventEnvelope.of("billing", new BillingOrder(orderId, "c-1", "c-1@billing.example", "en",
                ProductKind.SAAS, BillingMode.SUBSCRIPTION, Money.of("500.00", CURRENCY), now, now,
                now.plus(Duration.ofDays(30)), null, null, Money.zero(CURRENCY)), clock));
        kafka.publish(EventEnvelope.of("policy-evaluator", new RefundApproved(new DecisionHeader(refundId, null,
                orderId, new Recipient("c-1", "c-1@billing.example", "en"), now, "v1", "rule", "OK",
                new LocalizedText("ok", "好")), Money.of("200.00", CURRENCY)), clock));

        // when billing reports it executed
        kafka.publish(EventEnvelope.of("billing", new BillingRefund(refundId, orderId,
                Money.of("200.00", CURRENCY), SettlementStatus.EXECUTED, null, now), clock));

        // then the ops page's money endpoint shows it settled, nothing reserved, and the alarm gauge did not rise
        // (it counts the whole module's orders: this test's own order is what must not add to it)
        Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            JsonNode nok = currency(http.get("/api/money", ops).json(), CURRENCY);
            assertThat(nok).as("NOK figures").isNotNull();
            assertThat(nok.get("settled").asString()).isEqualTo("200.00");
            assertThat(nok.get("reserved").asString()).isEqualTo("0");
            assertThat(nok.get("paid").asString()).isEqualTo("500.00");
        });
        assertThat(http.get("/api/money", Map.of()).status()).as("without an ops token").isEqualTo(401);
        assertThat(ordersOverRefunded(http, ops)).isEqualTo(alarmsBefore);
    }

    /** The value of the over-refund alarm gauge as Prometheus scrapes it. */
    private static double ordersOverRefunded(Http http, Map<String, String> ops) {
        return http.get("/actuator/prometheus", ops).body().lines()
                .filter(line -> line.startsWith("refund_money_orders_over_refunded"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no refund_money_orders_over_refunded gauge"));
    }

    private static JsonNode currency(JsonNode money, String currency) {
        for (JsonNode row : money.get("currencies")) {
            if (currency.equals(row.get("currency").asString())) {
                return row;
            }
        }
        return null;
    }
}
