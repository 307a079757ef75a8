package io.refundflow.dashboard.flow;

import static io.refundflow.dashboard.flow.RecordText.text;

import io.refundflow.events.EventType;
import tools.jackson.databind.JsonNode;

/** The one-line summary of an event a refund's trail shows. */
final class EventSummaries {

    private EventSummaries() {
    }

    /** What an event says, in a line; {@code type} and {@code payload} are null when the record is no valid event. */
    static String of(EventType type, JsonNode payload) {
        if (type == null || payload == null) {
            return "not a valid event (it will be dead-lettered by its consumers)";
        }
        switch (type) {
            case REFUND_REQUESTED:
                return "requested: " + text(payload, "ground") + " on order " + text(payload, "orderId");
            case REFUND_APPROVED:
                return "approved " + money(payload.get("refundAmount")) + " (" + text(payload, "ruleId") + ")";
            case REFUND_REJECTED:
                return "rejected: " + text(payload, "reasonCode") + " (" + text(payload, "ruleId") + ")";
            case MANUAL_REVIEW_REQUIRED:
                return "manual review: " + text(payload, "reasonCode") + ", proposed "
                        + money(payload.get("proposedAmount"));
            case REFUND_REVIEWED:
                return reviewOutcome(payload) + " by " + text(payload, "reviewer");
            case EVIDENCE_REQUESTED:
                return "evidence requested by " + text(payload, "requestedBy") + ", answer by "
                        + text(payload, "answerBy");
            case REVIEW_OVERDUE:
                return "review overdue since " + text(payload, "dueAt") + " (" + text(payload, "status")
                        + "), ops mailbox told";
            case EVIDENCE_ADDED:
                return "customer added " + payload.path("evidence").size() + " file(s)";
            case REFUND_NOTIFIED:
                return "notification " + text(payload, "status") + " via " + text(payload, "channel");
            default:
                return type.ceType();
        }
    }

    /** A reviewer's outcome; an approved exchange names no amount, as it moves no money. */
    private static String reviewOutcome(JsonNode payload) {
        if (!payload.path("approved").asBoolean()) {
            return "review rejected";
        }
        return payload.path("exchange").asBoolean() ? "exchange approved"
                : "review approved " + money(payload.get("refundAmount"));
    }

    private static String money(JsonNode money) {
        String amount = text(money, "amount");
        return amount == null ? "-" : amount + " " + text(money, "currency");
    }
}
