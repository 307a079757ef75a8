package io.refundflow.dashboard.money;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.refundflow.dashboard.DashboardProperties;
import io.refundflow.events.EventDeserializer;
import io.refundflow.events.ExpectedSources;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MoneyConfiguration {

    /**
     * @param expectedSources the producers the services expect per topic (refund-platform's defaults): the feed
     *                        reads raw bytes, so the ledger checks them itself
     */
    @Bean
    MoneyLedger moneyLedger(DashboardProperties properties, Clock clock, MeterRegistry meters,
            @Value("${spring.kafka.consumer.properties." + EventDeserializer.EXPECTED_SOURCES + ":}")
            String expectedSources) {
        MoneyLedger ledger = new MoneyLedger(properties.maxOrders(), ExpectedSources.parse(expectedSources), clock);
        // the alarm for Prometheus: any value above 0 means an order was promised more than was paid
        Gauge.builder("refund.money.orders.over.refunded", ledger, MoneyLedger::ordersOverRefunded)
                .description("orders whose approved minus released refunds exceed what was paid (must stay 0)")
                .register(meters);
        return ledger;
    }
}
