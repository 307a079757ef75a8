package io.refundflow.evaluator;

import io.refundflow.platform.billing.BillingOrders;
import io.refundflow.evaluator.tryout.DryRunCli;
import io.refundflow.platform.security.OpsOnlyApiSecurity;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * policy-evaluator: the review step. Decides refund requests from {@code refund.requests} against the policy
 * file, using the billing facts of {@code billing.orders}; stores every decision with its rule trace and
 * publishes it to {@code refund.decisions}; runs the manual-review queue, the dry run and the what-if.
 *
 * <p>{@code --dry-run [file]} answers dry-run bodies on the command line without starting the web server,
 * Kafka or the database (see {@link DryRunCli}).
 *
 * <p>Every API of this service is an ops action (manual review, dry run, what-if): {@link OpsOnlyApiSecurity}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Import({BillingOrders.class, OpsOnlyApiSecurity.class})
public class EvaluatorApplication {

    public static void main(String[] args) {
        if (DryRunCli.isDryRun(args)) {
            System.exit(DryRunCli.run(args, System.getenv(), System.in, System.out, System.err));
        }
        SpringApplication.run(EvaluatorApplication.class, args);
    }
}
