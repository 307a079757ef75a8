package io.refundflow.intake.cases;

import io.refundflow.events.BillingOrder;
import io.refundflow.intake.model.RefundCase;
import io.refundflow.intake.problems.ApiException;
import io.refundflow.intake.settings.IntakeProperties;
import io.refundflow.platform.billing.BillingOrders;
import io.refundflow.platform.security.Caller;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** The contact step and the customer's view of their cases. */
@Service
public class CaseService {

    private static final Logger log = LoggerFactory.getLogger(CaseService.class);

    private final Cases cases;
    private final BillingOrders orders;
    private final Clock clock;
    private final int maxCasesPerOrderPerDay;

    public CaseService(Cases cases, BillingOrders orders, Clock clock, IntakeProperties properties) {
        this.cases = cases;
        this.orders = orders;
        this.clock = clock;
        this.maxCasesPerOrderPerDay = properties.cases().maxPerOrderPerDay();
    }

    /** The contact step: the case opened; its view is all it has, so its timeline is not read back. */
    @Transactional
    public CaseView contact(Caller caller, ContactRequest request) {
        RefundCase opened = open(caller, request, admit(caller, request));
        return CaseView.of(opened, List.of(TimelineEntry.of(opened.caseId(), null, TimelineStep.CONTACTED,
                opened.createdAt())));
    }

    /**
     * The contact step's rules for the case the caller asks to open: who the case is for, billing's word that the
     * order is theirs, and the daily limit of cases on the order. Returns the order (billing's copy, read once,
     * for the caller's further rules); the order stays locked until the caller's transaction ends, in which the
     * case must be stored ({@link #open}).
     */
    public BillingOrder admit(Caller caller, ContactRequest request) {
        String customerId = customerFor(caller, request);
        BillingOrder order = ownedOrder(request.orderId(), customerId);
        refuseOverDailyLimit(order.orderId());
        return order;
    }

    /**
     * The case the contact step opens on the admitted order, CONTACTED and not stored yet; its time as the database
     * keeps it (microseconds), so that what is answered from memory is what is read back later.
     */
    public RefundCase draft(Caller caller, ContactRequest request, BillingOrder admitted) {
        return RefundCase.opened(admitted.customerId(), admitted.orderId(), request.channel().toChannel(),
                request.description(), caller.subject(), clock.instant().truncatedTo(ChronoUnit.MICROS));
    }

    private RefundCase open(Caller caller, ContactRequest request, BillingOrder admitted) {
        RefundCase draft = draft(caller, request, admitted);
        RefundCase opened = cases.open(draft, List.of(TimelineEntry.of(draft.caseId(), null, TimelineStep.CONTACTED,
                draft.createdAt())));
        logOpened(opened);
        return opened;
    }

    /** Says who opened which case on which order. */
    public void logOpened(RefundCase opened) {
        log.info("case {} opened for order {} of customer {} by {}", opened.caseNumber(), opened.orderId(),
                opened.customerId(), opened.openedBy());
    }

    /**
     * The case and its timeline from one snapshot: under read committed, a settlement committing between the
     * two reads showed its SETTLED step beside the status it had just replaced.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public CaseView get(Caller caller, String caseId) {
        return view(visible(caller, caseId));
    }

    @Transactional(readOnly = true)
    public CasePage list(Caller caller, String customerId, int page, int size) {
        String filter;
        if (caller.isStaff()) {
            filter = customerId;
        } else {
            if (customerId != null && !customerId.equals(caller.subject())) {
                throw ApiException.forbidden("customerId", "customers see only their own cases");
            }
            filter = caller.subject();
        }
        List<CaseSummary> items = cases.page(filter, page, size).stream().map(CaseSummary::of).toList();
        long total = cases.count(filter);
        return new CasePage(items, page, size, total, (total + size - 1) / size);
    }

    /** The case, if the caller may see it; otherwise "not found", so other customers' cases stay invisible. */
    public RefundCase visible(Caller caller, String caseId) {
        return cases.find(caseId).filter(c -> caller.mayActFor(c.customerId()))
                .orElseThrow(() -> ApiException.notFound("case", caseId));
    }

    /**
     * The case, read and locked until the end of the transaction, if the caller may see it; otherwise "not found"
     * as {@link #visible} answers. One read for the check and the lock.
     */
    public RefundCase lockVisible(Caller caller, String caseId) {
        return cases.lock(caseId).filter(c -> caller.mayActFor(c.customerId()))
                .orElseThrow(() -> ApiException.notFound("case", caseId));
    }

    public CaseView view(RefundCase c) {
        return CaseView.of(c, cases.timeline(c.caseId()));
    }

    /**
     * The order, if the billing system says it belongs to the customer. Unknown orders and other customers'
     * orders get the same answer, so that order ids cannot be probed.
     */
    public BillingOrder ownedOrder(String orderId, String customerId) {
        return orders.find(orderId)
                .filter(order -> customerId == null || order.customerId().equals(customerId))
                .orElseThrow(() -> ApiException.unprocessable("unknown-order", "orderId",
                        "no order " + orderId + (customerId == null ? "" : " of customer " + customerId)
                                + " in the billing system"));
    }

    /**
     * Opening case after case on one order multiplies everything per case (its evidence limit among them): at most
     * so many cases per order within a day. The order is locked until the transaction ends, so that cases opened
     * at the same time are counted one after the other.
     */
    private void refuseOverDailyLimit(String orderId) {
        cases.lockOrder(orderId);
        long openedToday = cases.openedSince(orderId, clock.instant().minus(Duration.ofDays(1)));
        if (openedToday >= maxCasesPerOrderPerDay) {
            throw ApiException.tooMany("too-many-cases", "orderId", openedToday + " cases were opened on order "
                    + orderId + " within a day; at most " + maxCasesPerOrderPerDay + " are allowed");
        }
    }

    private static String customerFor(Caller caller, ContactRequest request) {
        if (caller.isAgent()) {
            return request.customerId(); // null: the order's owner
        }
        if (request.customerId() != null && !request.customerId().equals(caller.subject())) {
            throw ApiException.forbidden("customerId", "only agents may open a case for another customer");
        }
        return caller.subject();
    }
}
