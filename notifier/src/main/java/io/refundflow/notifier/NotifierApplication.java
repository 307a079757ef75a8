package io.refundflow.notifier;

import io.refundflow.platform.billing.BillingOrders;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** The notify step: emails every refund decision to the customer, exactly once, and says so on Kafka. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(BillingOrders.class)
public class NotifierApplication {

    public static void main(String[] args) {
        SpringApplication.run(NotifierApplication.class, args);
    }
}
