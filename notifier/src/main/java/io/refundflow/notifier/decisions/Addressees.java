package io.refundflow.notifier.decisions;

import io.refundflow.events.BillingOrder;
import io.refundflow.events.InvalidEventException;
import io.refundflow.events.ManualReviewRequired;
import io.refundflow.events.Recipient;
import io.refundflow.events.RefundDecision;
import io.refundflow.events.ReviewOverdue;
import io.refundflow.notifier.NotifierProperties.Languages;
import io.refundflow.notifier.model.Addressee;
import io.refundflow.platform.billing.BillingOrders;
import io.refundflow.platform.ops.OpsMailbox;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Decides who gets the email for a decision, trusting the decision for nothing but the language: the address
 * is the one the billing copy holds for the order's customer. A decision whose recipient is not that customer
 * (id and address) was not written by the evaluator, which always addresses the billing customer: it is
 * refused (dead-lettered with the cause) and flagged. The one other recipient the evaluator uses, the ops
 * mailbox, is recognised from this service's own configuration: a manual review without a billing order may
 * name it, and an overdue review ({@link ReviewOverdue}) must, because it is for ops and never for the customer.
 */
@Component
class Addressees {

    private final BillingOrders orders;
    private final OpsMailbox ops;

    Addressees(BillingOrders orders, OpsMailbox ops) {
        this.orders = orders;
        this.ops = ops;
    }

    /**
     * Whom each decision's email is for, in the order given, with one lookup of the billing copy for them all.
     * A decision is refused with an {@link InvalidEventException} when its recipient is not the order's customer
     * in the billing copy, or an overdue review's recipient is not the ops mailbox; with an
     * {@link UnknownOrderException} when the billing copy does not hold the order (yet).
     */
    List<Addressing> of(List<? extends RefundDecision> decisions) {
        List<String> orderIds = decisions.stream()
                .filter(decision -> !forOps(decision))
                .map(decision -> decision.header().orderId())
                .toList();
        Map<String, BillingOrder> owned = orderIds.isEmpty() ? Map.of() : orders.findAll(orderIds);
        return decisions.stream().map(decision -> of(decision, owned)).toList();
    }

    /** Whether the email goes to the ops mailbox, whatever billing holds: no order to look up. */
    private boolean forOps(RefundDecision decision) {
        return decision instanceof ReviewOverdue
                || (decision instanceof ManualReviewRequired && isOps(decision.header().recipient()));
    }

    private Addressing of(RefundDecision decision, Map<String, BillingOrder> owned) {
        Recipient named = decision.header().recipient();
        String locale = named != null && Languages.isServed(named.locale()) ? named.locale() : null;
        if (decision instanceof ReviewOverdue) {
            return opsOnly(named, locale);
        }
        if (forOps(decision)) {
            return new Addressing.To(new Addressee(ops.id(), ops.email(), locale));
        }
        BillingOrder owner = owned.get(decision.header().orderId());
        if (owner == null) {
            return new Addressing.Refused(new UnknownOrderException("recipient: order "
                    + decision.header().orderId() + " is not in the billing copy, so the recipient "
                    + describe(named) + " cannot be trusted"), false);
        }
        if (named == null || !owner.customerId().equals(named.customerId())
                || !sameAddress(owner.customerEmail(), named.email())) {
            return new Addressing.Refused(new InvalidEventException("recipient: " + describe(named)
                    + " is not the customer billing holds for order " + owner.orderId() + " ("
                    + owner.customerId() + "); nobody is emailed"), true);
        }
        return new Addressing.To(new Addressee(owner.customerId(), owner.customerEmail(),
                locale != null ? locale : owner.customerLocale()));
    }

    /**
     * An overdue review tells ops who holds a case and since when: mailed anywhere but the ops mailbox, it would
     * hand a customer (or whoever forged it) the internals of a review, so any other recipient is refused.
     */
    private Addressing opsOnly(Recipient named, String locale) {
        if (!isOps(named)) {
            return new Addressing.Refused(new InvalidEventException("recipient: " + describe(named)
                    + " is not the ops mailbox " + ops.id() + " <" + ops.email()
                    + ">, the only recipient of an overdue review; nobody is emailed"), true);
        }
        return new Addressing.To(new Addressee(ops.id(), ops.email(), locale));
    }

    private boolean isOps(Recipient named) {
        return named != null && ops.id().equals(named.customerId()) && sameAddress(ops.email(), named.email());
    }

    private static boolean sameAddress(String trusted, String named) {
        return named != null && trusted.strip().toLowerCase(Locale.ROOT).equals(named.strip().toLowerCase(Locale.ROOT));
    }

    private static String describe(Recipient named) {
        return named == null ? "(none)" : "customer " + named.customerId() + " <" + named.email() + ">";
    }
}
