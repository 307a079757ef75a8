package io.refundflow.dashboard.money;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.refundflow.dashboard.DashboardProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MoneyConfiguration {

    @Bean
    MoneyLedger moneyLedger(DashboardProperties properties, Clock clock, MeterRegistry meters) {
        MoneyLedger ledger = new MoneyLedger(properties.maxOrders(), clock);
        // the alarm for Prometheus: any value above 0 means an order was promised more than was paid
        Gauge.builder("refund.money.orders.over.refunded", ledger, MoneyLedger::ordersOverRefunded)
                .description("orders whose approved minus released refunds exceed what was paid (must stay 0)")
                .register(meters);
        return ledger;
    }
}
