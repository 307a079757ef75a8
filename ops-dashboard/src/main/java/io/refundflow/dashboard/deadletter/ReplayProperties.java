package io.refundflow.dashboard.deadletter;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where dead letters may be replayed to ({@code refund.dashboard.replay.*}).
 *
 * <p>A dead letter goes back only to its dead-letter topic's own source (the name minus {@code .DLT}), never to
 * the topic its {@code kafka_dlt-original-topic} header names: any writer of a {@code .DLT} topic controls that
 * header. Billing's topics are billing's record of money: the dashboard writes to them only when configured.
 *
 * @param billingTopics billing topics ({@code billing.orders}, {@code billing.refunds}) the dashboard may replay
 *                      their dead letters onto; none by default
 */
@ConfigurationProperties("refund.dashboard.replay")
public record ReplayProperties(List<String> billingTopics) {

    public ReplayProperties {
        billingTopics = billingTopics == null ? List.of() : List.copyOf(billingTopics);
    }
}
