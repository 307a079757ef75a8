package io.refundflow.intake;

import io.refundflow.platform.billing.BillingOrderCopy;
import io.refundflow.platform.billing.BillingOrders;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** refund-intake: the contact and submit steps of the refund workflow, and the customer's view of a case. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Import({BillingOrders.class, BillingOrderCopy.class})
public class IntakeApplication {

    public static void main(String[] args) {
        SpringApplication.run(IntakeApplication.class, args);
    }
}
