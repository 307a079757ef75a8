package io.refundflow.dashboard;

import io.refundflow.events.Topics;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the dashboard reads and how much it remembers ({@code refund.dashboard.*}).
 *
 * @param topics             the topics it follows (dead-letter topics are those ending in {@code .DLT})
 * @param consumerGroups     the consumer groups whose lag it shows (one per service)
 * @param evaluatorUrl       base URL of policy-evaluator, whose review API the reviewer uses from the page
 * @param notifierUrl        base URL of the notifier, whose ops API lists and resends unconfirmed emails
 * @param intakeUrl          base URL of refund-intake, which serves the evidence files a reviewer opens
 * @param maxRefunds         refunds remembered (for trails, the flow list and the decision mix inputs);
 *                           the least recently active is forgotten first
 * @param maxOrders          billing orders whose product kind, and whose money, is remembered
 * @param eventsPerTopic     latest events shown per topic
 * @param eventsPerRefund    events kept in one refund's trail
 * @param deadLettersPerTopic dead letters kept per dead-letter topic
 * @param maxPayloadChars    longest payload text kept per event (the rest is cut, with a note)
 * @param rateWindow         the sliding window over which per-step rates are computed
 * @param lagInterval        how often consumer lag is read from the broker
 * @param pushInterval       how often a changed snapshot is pushed to open pages
 * @param cookieSecure       whether the session cookie is marked Secure (set true behind HTTPS)
 */
@ConfigurationProperties("refund.dashboard")
public record DashboardProperties(
        List<String> topics,
        List<String> consumerGroups,
        String evaluatorUrl,
        String notifierUrl,
        String intakeUrl,
        Integer maxRefunds,
        Integer maxOrders,
        Integer eventsPerTopic,
        Integer eventsPerRefund,
        Integer deadLettersPerTopic,
        Integer maxPayloadChars,
        Duration rateWindow,
        Duration lagInterval,
        Duration pushInterval,
        Boolean cookieSecure) {

    public DashboardProperties {
        topics = topics == null || topics.isEmpty() ? List.of(Topics.PARTNER_REQUESTS, Topics.REQUESTS,
                Topics.DECISIONS, Topics.NOTIFICATIONS, Topics.BILLING_ORDERS, Topics.BILLING_REFUNDS,
                Topics.deadLetter(Topics.PARTNER_REQUESTS), Topics.deadLetter(Topics.REQUESTS),
                Topics.deadLetter(Topics.DECISIONS), Topics.deadLetter(Topics.NOTIFICATIONS),
                Topics.deadLetter(Topics.BILLING_ORDERS), Topics.deadLetter(Topics.BILLING_REFUNDS))
                : List.copyOf(topics);
        consumerGroups = consumerGroups == null || consumerGroups.isEmpty()
                ? List.of("refund-intake", "policy-evaluator", "notifier", "ops-dashboard") : List.copyOf(consumerGroups);
        evaluatorUrl = evaluatorUrl == null || evaluatorUrl.isBlank() ? "http://127.0.0.1:8082" : evaluatorUrl;
        notifierUrl = notifierUrl == null || notifierUrl.isBlank() ? "http://127.0.0.1:8083" : notifierUrl;
        intakeUrl = intakeUrl == null || intakeUrl.isBlank() ? "http://127.0.0.1:8081" : intakeUrl;
        maxRefunds = positive(maxRefunds, 10_000, "max-refunds");
        maxOrders = positive(maxOrders, 50_000, "max-orders");
        eventsPerTopic = positive(eventsPerTopic, 25, "events-per-topic");
        eventsPerRefund = positive(eventsPerRefund, 100, "events-per-refund");
        deadLettersPerTopic = positive(deadLettersPerTopic, 500, "dead-letters-per-topic");
        maxPayloadChars = positive(maxPayloadChars, 4096, "max-payload-chars");
        rateWindow = rateWindow == null ? Duration.ofMinutes(5) : rateWindow;
        lagInterval = lagInterval == null ? Duration.ofSeconds(5) : lagInterval;
        pushInterval = pushInterval == null ? Duration.ofSeconds(1) : pushInterval;
        cookieSecure = cookieSecure != null && cookieSecure;
        if (rateWindow.toSeconds() < 1) {
            throw new IllegalArgumentException("refund.dashboard.rate-window: must be at least 1s");
        }
    }

    public List<String> deadLetterTopics() {
        return topics.stream().filter(DashboardProperties::isDeadLetterTopic).toList();
    }

    public static boolean isDeadLetterTopic(String topic) {
        return topic.endsWith(Topics.DEAD_LETTER_SUFFIX);
    }

    private static int positive(Integer value, int fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value < 1) {
            throw new IllegalArgumentException("refund.dashboard." + name + ": must be at least 1");
        }
        return value;
    }
}
