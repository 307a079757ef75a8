package io.refundflow.evaluator.review;

import io.refundflow.evaluator.model.LedgerEntry;
import io.refundflow.evaluator.model.LedgerView;
import io.refundflow.evaluator.model.review.EvidenceRequest;
import io.refundflow.evaluator.model.review.FirstApproval;
import io.refundflow.evaluator.model.review.ManualReview;
import io.refundflow.evaluator.model.review.ReviewStatus;
import io.refundflow.evaluator.review.ReviewEvidenceFiles.AddedEvidence;
import io.refundflow.events.BillingOrder;
import io.refundflow.events.Evidence;
import io.refundflow.events.Ground;
import io.refundflow.events.LocalizedText;
import io.refundflow.events.Money;
import io.refundflow.events.ProductKind;
import io.refundflow.events.RefundRequested;
import io.refundflow.events.RefundReviewed;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/** The JSON shapes of the manual-review API. */
public final class ReviewViews {

    private ReviewViews() {
    }

    /**
     * One line of the queue.
     *
     * @param firstApproval the approval waiting for a second reviewer; null unless AWAITING_SECOND_APPROVAL
     * @param deadline      when the review is due; null once decided, while it waits for the customer's evidence, or
     *                      where the policy sets no due time
     * @param evidenceRequest the last request for more evidence; null if none was sent
     */
    public record Summary(String refundId, String orderId, Ground ground, ProductKind productKind, ReviewStatus status,
            Instant openedAt, String claimedBy, String ruleId, String reasonCode, Money proposedAmount,
            FirstApproval firstApproval, Deadline deadline, EvidenceRequest evidenceRequest) {
    }

    /** @param message what is missing, in the reviewer's words: the customer reads it as written (required) */
    public record EvidenceRequestBody(String message) {
    }

    /** When an open review is due ({@code reviewDueWithin} of the policy after it opened), and whether it is late. */
    public record Deadline(Instant dueAt, boolean overdue) {
    }

    public record Page(List<Summary> items, int page, int size, long total) {
    }

    /**
     * Everything a reviewer needs to decide one case.
     *
     * @param order      the billing facts as they are now; null while the order is still unknown
     * @param refundable what an approval may refund at most now (the ledger's refundable); null without order
     * @param ledger     the order's refund ledger now; null without order
     * @param evidence   the attachments, those of the request and those the customer added when asked, each with
     *                   the link to its bytes at refund-intake
     * @param firstApproval the first of two approvals (four eyes), waiting or part of the outcome; else null
     * @param deadline   when the review is due; null once decided or where the policy sets no due time
     */
    public record Case(String refundId, ReviewStatus status, Instant openedAt, String claimedBy, Instant claimedAt,
            RefundRequested request, List<EvidenceItem> evidence, BillingOrder order, Money refundable,
            LedgerDetail ledger, boolean customerMatchesOrder, Decision decision, FirstApproval firstApproval,
            Deadline deadline, EvidenceRequest evidenceRequest, Outcome outcome) {
    }

    /**
     * One attached file as the request, or refund-intake's report of a file added later, described it.
     *
     * @param href    where refund-intake serves its bytes, to the reviewer's own token
     * @param addedAt when the customer added it after being asked for more evidence; null for the request's files
     */
    public record EvidenceItem(String fileName, String contentType, long sizeBytes, String sha256, String href,
            Instant addedAt) {

        static List<EvidenceItem> of(RefundRequested request, List<AddedEvidence> added, String intakeUrl) {
            String files = intakeUrl + "/api/refunds/" + URLEncoder.encode(request.refundId(), StandardCharsets.UTF_8)
                    + "/evidence/";
            return Stream.concat(
                    request.evidence().stream().map(file -> item(file, null, files)),
                    added.stream().map(later -> item(later.file(), later.addedAt(), files))).toList();
        }

        private static EvidenceItem item(Evidence file, Instant addedAt, String files) {
            return new EvidenceItem(file.fileName(), file.contentType(), file.sizeBytes(), file.sha256(),
                    files + file.sha256(), addedAt);
        }
    }

    /**
     * The money of the case's order: {@code refundable = paid − reserved − settled − outside}, never below zero.
     *
     * @param settled  paid back by billing according to its settlements (refunds made here and billing's own)
     * @param reserved approved here and not yet settled or released by billing
     * @param outside  what billing's refunded figure counts beyond the settlements it reported
     * @param entries  every refund of the order the ledger knows, oldest first, with its state and origin
     */
    public record LedgerDetail(Money paid, Money settled, Money reserved, Money outside, Money refundable,
            List<LedgerEntry> entries) {

        static LedgerDetail of(LedgerView view, List<LedgerEntry> entries) {
            return new LedgerDetail(view.paid(), view.settled(), view.reserved(), view.outside(), view.refundable(),
                    entries);
        }
    }

    /**
     * Why the case is in the queue: the automatic decision.
     *
     * @param proposedAmount  what the policy proposed when the case opened; an approval without an amount refunds
     *                        this, capped at what is refundable when the reviewer approves. Null when the rule
     *                        proposes no refund ({@code refund: NONE}): then an approval must name its amount and
     *                        a reason, and is marked as paid against the policy
     * @param alreadyRefunded what the policy counted as refunded or reserved on the order when it decided; null
     *                        when the order was unknown
     */
    public record Decision(String policyVersion, String ruleId, String reasonCode, LocalizedText reason,
            Money proposedAmount, Money alreadyRefunded, List<String> trace, Instant decidedAt) {
    }

    /**
     * The reviewer's decision, once made; or, answering an approval above the four-eyes threshold, the first of
     * two approvals.
     *
     * @param status        DECIDED; or AWAITING_SECOND_APPROVAL when only the first approval was recorded: then
     *                      nothing is reserved or published yet and {@code eventId} is null
     * @param exchange      an approved exchange (reason code EXCHANGE_APPROVED): the replacement is arranged, no
     *                      amount, nothing reserved
     * @param againstPolicy an approval that pays money the policy did not propose (its rule says
     *                      {@code refund: NONE}; reason code REVIEW_APPROVED_AGAINST_POLICY, with the reviewer's
     *                      reason)
     * @param reviewer      who decided (the second reviewer, when the case needed four eyes)
     * @param firstApproval the first reviewer's approval when the case needed four eyes; else null
     */
    public record Outcome(ReviewStatus status, boolean approved, boolean exchange, boolean againstPolicy,
            Money amount, String reasonCode, LocalizedText reason, String reviewer, Instant decidedAt, String eventId,
            FirstApproval firstApproval) {

        /** The outcome of a decision: its reason code says whether it is an exchange or against the policy. */
        static Outcome of(ReviewStatus status, boolean approved, Money amount, String reasonCode, LocalizedText reason,
                String reviewer, Instant decidedAt, String eventId, FirstApproval firstApproval) {
            return new Outcome(status, approved, RefundReviewed.EXCHANGE_APPROVED.equals(reasonCode),
                    ManualReview.REVIEW_APPROVED_AGAINST_POLICY.equals(reasonCode), amount, reasonCode, reason,
                    reviewer, decidedAt, eventId, firstApproval);
        }
    }

    /**
     * A reviewer's decision. An approval is capped again under the order's ledger lock: with nothing left to
     * refund it is a 409 problem {@code nothing-left-to-refund}; an amount above what is refundable is a 400
     * problem naming {@code amount.amount} with the order's paid, settled, reserved and refundable figures. The
     * approval of an exchange pays nothing: it carries no amount (400 on {@code amount} otherwise).
     *
     * @param approved whether the request is granted (required)
     * @param amount   the refund when approved; defaults to the policy's proposal capped at what is refundable now,
     *                 never to anything else: where the policy proposes none ({@code refund: NONE}) it is required,
     *                 with a reason. Absent for an exchange. The second approval of a four-eyes case confirms the
     *                 first one's amount: left out, or the same amount
     * @param reason   required when rejecting and when approving an amount the policy does not propose; else optional
     */
    public record DecisionBody(Boolean approved, Money amount, LocalizedText reason) {
    }
}
