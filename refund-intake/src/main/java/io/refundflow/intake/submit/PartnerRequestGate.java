package io.refundflow.intake.submit;

import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.mapping;
import static java.util.stream.Collectors.toList;

import io.refundflow.events.BillingOrder;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.RefundRequested;
import io.refundflow.events.Topics;
import io.refundflow.intake.cases.Cases;
import io.refundflow.intake.model.Channel;
import io.refundflow.intake.model.RefundCase;
import io.refundflow.intake.cases.TimelineEntry;
import io.refundflow.intake.cases.TimelineStep;
import io.refundflow.intake.settings.IntakeProperties;
import io.refundflow.intake.submit.Submissions.NewSubmission;
import io.refundflow.platform.inbox.Delivery;
import io.refundflow.platform.inbox.EventHandler;
import io.refundflow.platform.inbox.Subscription;
import io.refundflow.platform.inbox.Subscriptions;
import io.refundflow.platform.outbox.OutboxWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The one gate for requests from producers we do not control. A partner's request on
 * {@link Topics#PARTNER_REQUESTS} becomes a case (channel API) and is forwarded through the outbox to
 * {@link Topics#REQUESTS}, the only topic the evaluator decides from, with what this service can vouch for:
 * the time the request reached the broker (never the partner's {@code submittedAt}), a case number of its own,
 * and no evidence, because no file of it is held here.
 *
 * <p>A partner is bounded ({@link PartnerRequestRules}, issue 24): it speaks only as itself ({@code ce_source}, checked
 * when the record is read), only for the customer billing names as the order's owner, within its quota, and in text
 * the database can store; anything else is dead-lettered at once with the cause, opening no case and forwarding
 * nothing. Its request never holds the order open: the owner's own submission is accepted beside it, and the
 * evaluator's ledger, which caps every order at what was paid, decides how much of either is paid.
 */
@Component
class PartnerRequestGate implements EventHandler<RefundRequested> {

    private static final Logger log = LoggerFactory.getLogger(PartnerRequestGate.class);

    private final Cases cases;
    private final Submissions submissions;
    private final OutboxWriter outbox;
    private final Clock clock;
    private final String source;
    private final PartnerRequestRules rules;
    private final ApplicationEventPublisher events;

    PartnerRequestGate(Cases cases, Submissions submissions, OutboxWriter outbox, Clock clock,
            IntakeProperties properties, PartnerRequestRules rules, ApplicationEventPublisher events) {
        this.cases = cases;
        this.submissions = submissions;
        this.outbox = outbox;
        this.clock = clock;
        this.source = properties.source();
        this.rules = rules;
        this.events = events;
    }

    @Override
    public Subscription<RefundRequested> subscription() {
        return Subscriptions.PARTNER_REQUESTS;
    }

    /** Before its event id is stored: text the database cannot store, the event id's too, is refused. */
    @Override
    public void check(Delivery<RefundRequested> request) {
        refuseIf(PartnerRequestRules.textWithControlCharacters(request.event()), true);
    }

    /**
     * One request alone, as the platform hands them over once a poll failed as a set: the same code as a poll, for
     * which every rule is exact, and the only place a request is refused.
     */
    @Override
    public void handle(Delivery<RefundRequested> request) {
        admit(List.of(request), true);
    }

    /**
     * A poll's requests as a set: the partners' quotas locked first, in one order for every consumer; the refund ids
     * taken before and the orders read in one statement each; the cases, their timelines, the applications and the
     * forwarded requests written in one statement each. When the rules refuse a request of a poll of several, or a
     * quota may be reached within it, the poll fails and the platform handles it again one request at a time, so
     * that exactly the requests refused are dead-lettered (and counted, once) and the others go through. A poll of
     * one is no exception: the platform hands it over alone next ({@link #handle}).
     */
    @Override
    public void handleAll(List<Delivery<RefundRequested>> requests) {
        admit(requests, false);
    }

    private void admit(List<Delivery<RefundRequested>> requests, boolean alone) {
        submissions.lockQuotas(requests.stream().map(request -> request.event().source()).toList());
        List<Received> fresh = notTakenBefore(requests);
        if (fresh.isEmpty()) {
            return;
        }
        // the quota first: a request beyond it is refused without a look at billing's orders and writes nothing
        fresh.stream().collect(groupingBy(Received::partner, LinkedHashMap::new, mapping(Received::at, toList())))
                .forEach((partner, received) -> {
                    if (!rules.quotaHasRoomFor(partner, received)) {
                        refuseIf(Optional.of(rules.quotaSpent(partner)), alone);
                    }
                });
        Map<String, BillingOrder> orders = rules.ordersOf(fresh.stream().map(Received::claimed).toList());
        for (Received request : fresh) {
            Optional<String> notTheOwner = PartnerRequestRules.customerNotTheOwner(request.claimed(), orders);
            if (notTheOwner.isPresent() && alone) {
                rules.countRefusal(request.partner(), request.at());
            }
            refuseIf(notTheOwner, alone);
        }
        record(fresh);
    }

    /** A request not seen before, with the time the broker received it. */
    private record Received(Delivery<RefundRequested> delivery, Instant at) {

        RefundRequested claimed() {
            return delivery.payload();
        }

        String partner() {
            return delivery.event().source();
        }
    }

    /** The first request of each refund id not taken before; another with a taken id is ignored. */
    private List<Received> notTakenBefore(List<Delivery<RefundRequested>> requests) {
        Map<String, Delivery<RefundRequested>> firsts = new LinkedHashMap<>();
        List<Delivery<RefundRequested>> ignored = new ArrayList<>();
        for (Delivery<RefundRequested> request : requests) {
            if (firsts.putIfAbsent(request.payload().refundId(), request) != null) {
                ignored.add(request);
            }
        }
        Set<String> taken = submissions.findAll(firsts.keySet()).keySet();
        List<Received> fresh = new ArrayList<>(firsts.size());
        firsts.forEach((refundId, request) -> {
            if (taken.contains(refundId)) {
                ignored.add(request);
            } else {
                fresh.add(new Received(request, receivedAt(request)));
            }
        });
        for (Delivery<RefundRequested> request : ignored) {
            try (var named = MDC.putCloseable("refundId", request.payload().refundId())) {
                log.warn("partner {} sent refund id {} which is already taken; request event {} ignored",
                        request.event().source(), request.payload().refundId(), request.event().id());
            }
        }
        return fresh;
    }

    /** Opens a case for each request and forwards it: one statement per table for all of them. */
    private void record(List<Received> requests) {
        Instant now = clock.instant();
        List<RefundCase> drafts = new ArrayList<>(requests.size());
        List<TimelineEntry> entries = new ArrayList<>(2 * requests.size());
        for (Received request : requests) {
            RefundRequested claimed = request.claimed();
            RefundCase submitted = RefundCase.opened(claimed.customerId(), claimed.orderId(), Channel.API,
                    claimed.description(), "source:" + request.partner(), now).submitted(claimed.refundId(), now);
            drafts.add(submitted);
            entries.add(TimelineEntry.of(submitted.caseId(), null, TimelineStep.CONTACTED, request.at()));
            entries.add(TimelineEntry.of(submitted.caseId(), claimed.refundId(), TimelineStep.SUBMITTED,
                    request.at()));
        }
        List<RefundCase> opened = cases.openAll(drafts, entries);
        List<NewSubmission> applications = new ArrayList<>(requests.size());
        List<EventEnvelope<RefundRequested>> forwarded = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            Received request = requests.get(i);
            RefundRequested claimed = request.claimed();
            RefundCase c = opened.get(i);
            // stored not open: only the owner's own request holds the order's one open place, so a partner's
            // cannot lock them out; the evaluator's ledger caps what both together may pay
            applications.add(new NewSubmission(claimed.refundId(), c.caseId(), claimed.orderId(),
                    new SubmissionForm(claimed.ground(), claimed.kind(), claimed.description(), null,
                            claimed.locale()), claimed.locale(), request.partner(), false, request.at()));
            forwarded.add(EventEnvelope.of(source, new RefundRequested(claimed.refundId(), c.caseNumber(),
                    claimed.orderId(), claimed.customerId(), claimed.ground(), claimed.kind(), claimed.description(),
                    claimed.locale(), List.of(), request.at()), clock));
        }
        submissions.insertAll(applications);
        // the partner chose the refund ids, so events about them may have come first and wait (held) for them; an
        // id this service draws itself is known to nobody before its submission commits, and waits for nothing
        events.publishEvent(new SubmissionsRecorded(applications.stream().map(NewSubmission::refundId).toList()));
        outbox.appendAll(forwarded);
        for (int i = 0; i < requests.size(); i++) {
            Received request = requests.get(i);
            try (var named = MDC.putCloseable("refundId", request.claimed().refundId())) {
                log.info("partner request from {} recorded as case {} and forwarded, submitted at {} by the broker's"
                        + " clock (the partner said {}); {} evidence file(s) claimed, none held", request.partner(),
                        opened.get(i).caseNumber(), request.at(), request.claimed().submittedAt(),
                        request.claimed().evidence().size());
            }
        }
    }

    /**
     * Rolls the poll's work back. A request handled alone is refused: dead-lettered with the cause (see
     * {@link PartnerRequestRefused}). In a poll the cause may be any one request's, so the platform handles the
     * poll again one request at a time.
     */
    private static void refuseIf(Optional<String> cause, boolean alone) {
        if (cause.isEmpty()) {
            return;
        }
        if (!alone) {
            throw new CountOneAtATime(cause.get());
        }
        log.warn("partner request refused and dead-lettered: {}", cause.get());
        throw new PartnerRequestRefused(cause.get());
    }

    /** A poll the rules do not let through as a whole: its requests are then handled one at a time. */
    private static final class CountOneAtATime extends RuntimeException {

        CountOneAtATime(String cause) {
            super("a request of the poll may be refused (" + cause + "): its requests are handled one at a time");
        }
    }

    /**
     * The broker's append time; where the topic was created without it (the producer's clock would stamp the
     * record), the time this service read it, which is never earlier than the truth.
     */
    private Instant receivedAt(Delivery<?> request) {
        return request.appendedAt().orElseGet(() -> {
            log.warn("{} is not stamped with broker time; the time of reading is used", Topics.PARTNER_REQUESTS);
            return clock.instant().truncatedTo(ChronoUnit.MICROS);
        });
    }
}
