package io.refundflow.evaluator;

import io.refundflow.events.LocalizedText;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the policy-evaluator ({@code refund.evaluator.*}); every one has a default.
 *
 * @param policyFile             filesystem path of the policy file (YAML); empty = the bundled
 *                               {@code policy/refund-policy.yaml}. A malformed or contradictory file stops
 *                               the start-up with the loader's message naming the line or the rule.
 * @param orderWait              how long a request whose billing order is unknown waits for it before it goes
 *                               to manual review with reason ORDER_UNKNOWN
 * @param orderWaitSweepInterval how often waiting requests are checked (expired, or order now known)
 * @param sweepBatchSize         how many waiting requests one sweep transaction handles at most
 * @param eventSource            the CloudEvents {@code source} of the decisions this service publishes
 * @param texts                  customer-facing reasons the service gives itself, outside the policy file
 * @param whatIfSampleSize       how many changed decisions a what-if answer lists by default
 * @param whatIfMaxDecisions     how many stored decisions one what-if replays at most
 * @param outageRetryAfter       the {@code Retry-After} of a 503 answered while PostgreSQL refuses the service
 * @param intakeUrl              base URL of refund-intake as reviewers' clients reach it: a review's evidence
 *                               links point at its file endpoint
 * @param claimExpiry            how long a reviewer's claim holds a case without a decision before the case
 *                               returns to the queue for anyone
 * @param claimSweepInterval     how often expired claims are looked for
 */
@ConfigurationProperties("refund.evaluator")
public record EvaluatorProperties(
        String policyFile,
        Duration orderWait,
        Duration orderWaitSweepInterval,
        Integer sweepBatchSize,
        String eventSource,
        Texts texts,
        Integer whatIfSampleSize,
        Integer whatIfMaxDecisions,
        Duration outageRetryAfter,
        String intakeUrl,
        Duration claimExpiry,
        Duration claimSweepInterval) {

    public EvaluatorProperties {
        policyFile = policyFile == null || policyFile.isBlank() ? null : policyFile.strip();
        orderWait = orderWait == null ? Duration.ofMinutes(2) : orderWait;
        orderWaitSweepInterval = orderWaitSweepInterval == null ? Duration.ofSeconds(10) : orderWaitSweepInterval;
        sweepBatchSize = sweepBatchSize == null ? 100 : sweepBatchSize;
        eventSource = eventSource == null || eventSource.isBlank() ? "policy-evaluator" : eventSource;
        texts = texts == null ? new Texts(null, null, null, null, null, null, null) : texts;
        whatIfSampleSize = whatIfSampleSize == null ? 20 : whatIfSampleSize;
        whatIfMaxDecisions = whatIfMaxDecisions == null ? 50_000 : whatIfMaxDecisions;
        outageRetryAfter = outageRetryAfter == null ? Duration.ofSeconds(5) : outageRetryAfter;
        intakeUrl = intakeUrl == null || intakeUrl.isBlank() ? "http://127.0.0.1:8081" : intakeUrl.strip();
        claimExpiry = claimExpiry == null ? Duration.ofHours(4) : claimExpiry;
        claimSweepInterval = claimSweepInterval == null ? Duration.ofMinutes(1) : claimSweepInterval;
    }

    /**
     * @param orderUnknown     why a request went to manual review without a decision by the policy
     * @param customerMismatch why a request from someone who does not own the order is rejected
     * @param reviewApproved   the reason of an approval when the reviewer gives none
     * @param exchangeApproved the reason of an exchange's approval when the reviewer gives none
     * @param evidenceRequested   the reason given with a reviewer's request for more evidence (the reviewer's own
     *                            message goes with it)
     * @param evidenceNotProvided why a refund is rejected when the customer added no evidence in time
     * @param reviewOverdue       what the ops mailbox is told about a review past its due time
     */
    public record Texts(LocalizedText orderUnknown, LocalizedText customerMismatch, LocalizedText reviewApproved,
            LocalizedText exchangeApproved, LocalizedText evidenceRequested, LocalizedText evidenceNotProvided, LocalizedText reviewOverdue) {

        public Texts {
            orderUnknown = orDefault(orderUnknown,
                    "We could not find the order of your request in our billing records yet; our team will check"
                            + " it and contact you.",
                    "我们暂时未能在账单记录中找到您申请的订单，工作人员将核实后与您联系。");
            customerMismatch = orDefault(customerMismatch,
                    "The refund request was made by an account that does not own this order, so it cannot be"
                            + " granted. If you did not ask for a refund, no action is needed.",
                    "该退款申请并非由订单所属账户提交，因此无法受理。如果您未申请退款，无需进行任何操作。");
            reviewApproved = orDefault(reviewApproved,
                    "Our team has reviewed your request and approved the refund.",
                    "我们的工作人员已审核您的申请，同意退款。");
            exchangeApproved = orDefault(exchangeApproved,
                    "Our team has reviewed your request and approved the exchange; they will contact you to arrange"
                            + " the replacement. No money is refunded for an exchange.",
                    "我们的工作人员已审核您的申请，同意换货，并将联系您安排更换。换货不涉及退款。");
            evidenceRequested = orDefault(evidenceRequested,
                    "To decide your request, our team needs more evidence from you. Please add the files described"
                            + " below to your case.",
                    "为了审核您的申请，我们的工作人员需要您补充凭证，请按以下说明将文件添加到您的申请中。");
            evidenceNotProvided = orDefault(evidenceNotProvided,
                    "We asked you for more evidence and received none in time, so your request cannot be granted.",
                    "我们请您补充凭证，但在期限内未收到任何文件，因此无法同意您的申请。");
            reviewOverdue = orDefault(reviewOverdue,
                    "This manual review is past its due time and still undecided: please take it or hand it over.",
                    "该人工审核已超过处理期限且尚未决定，请尽快处理或转交他人。");
        }

        /** The configured text, or the default in English and Chinese where none is configured. */
        private static LocalizedText orDefault(LocalizedText configured, String english, String chinese) {
            return configured != null ? configured : new LocalizedText(english, chinese);
        }
    }
}
