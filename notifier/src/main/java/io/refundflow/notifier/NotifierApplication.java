package io.refundflow.notifier;

import io.refundflow.platform.billing.BillingOrderCopy;
import io.refundflow.platform.billing.BillingOrders;
import io.refundflow.platform.security.OpsOnlyApiSecurity;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/**
 * The notify step: emails every refund decision to the customer, exactly once, and says so on Kafka. Its own copy
 * of billing.orders ({@link BillingOrders}, kept by {@link BillingOrderCopy}) is the only place a customer's email
 * address is taken from, never from a decision. Its only API is for ops (UNCONFIRMED emails and their resend):
 * {@link OpsOnlyApiSecurity}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import({BillingOrders.class, BillingOrderCopy.class, OpsOnlyApiSecurity.class})
public class NotifierApplication {

    public static void main(String[] args) {
        SpringApplication.run(NotifierApplication.class, args);
    }
}
