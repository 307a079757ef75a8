package io.refundflow.intake.submit;

import io.refundflow.events.EventEnvelope;
import io.refundflow.events.RefundRequested;
import io.refundflow.events.Topics;
import io.refundflow.intake.cases.Cases;
import io.refundflow.intake.model.Channel;
import io.refundflow.intake.model.RefundCase;
import io.refundflow.intake.cases.TimelineEntry;
import io.refundflow.intake.cases.TimelineStep;
import io.refundflow.intake.settings.IntakeProperties;
import io.refundflow.platform.inbox.Delivery;
import io.refundflow.platform.inbox.EventHandler;
import io.refundflow.platform.inbox.Subscription;
import io.refundflow.platform.inbox.Subscriptions;
import io.refundflow.platform.outbox.OutboxWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
        refuseIf(PartnerRequestRules.textWithControlCharacters(request.event()));
    }

    /** The poll's partners' quotas are locked first, in one order for every consumer, then each request is handled. */
    @Override
    public void handleAll(List<Delivery<RefundRequested>> requests) {
        submissions.lockQuotas(requests.stream().map(request -> request.event().source()).toList());
        EventHandler.super.handleAll(requests);
    }

    @Override
    public void handle(Delivery<RefundRequested> request) {
        EventEnvelope<RefundRequested> event = request.event();
        RefundRequested claimed = request.payload();
        if (submissions.find(claimed.refundId()).isPresent()) {
            log.warn("partner {} sent refund id {} which is already taken; request event {} ignored",
                    event.source(), claimed.refundId(), event.id());
            return;
        }
        Instant received = receivedAt(request);
        refuseIf(rules.customerNotTheOwner(claimed));
        refuseIf(rules.overQuota(event.source(), received));
        Instant now = clock.instant();
        RefundCase submitted = RefundCase.opened(claimed.customerId(), claimed.orderId(), Channel.API,
                claimed.description(), "source:" + event.source(), now).submitted(claimed.refundId(), now);
        RefundCase opened = cases.open(submitted, List.of(
                TimelineEntry.of(submitted.caseId(), null, TimelineStep.CONTACTED, received),
                TimelineEntry.of(submitted.caseId(), claimed.refundId(), TimelineStep.SUBMITTED, received)));
        // stored not open: only the owner's own request holds the order's one open place, so a partner's
        // cannot lock them out; the evaluator's ledger caps what both together may pay
        submissions.insert(claimed.refundId(), opened.caseId(), claimed.orderId(),
                new SubmissionForm(claimed.ground(), claimed.kind(), claimed.description(), null,
                        claimed.locale()), claimed.locale(), event.source(), false, received);
        // the partner chose the refund id, so events about it may have come first and wait (held) for it; an id
        // this service draws itself is known to nobody before its submission commits, and waits for nothing
        events.publishEvent(new SubmissionRecorded(claimed.refundId()));
        outbox.append(EventEnvelope.of(source, new RefundRequested(claimed.refundId(), opened.caseNumber(),
                claimed.orderId(), claimed.customerId(), claimed.ground(), claimed.kind(), claimed.description(),
                claimed.locale(), List.of(), received), clock));
        log.info("partner request from {} recorded as case {} and forwarded, submitted at {} by the broker's"
                + " clock (the partner said {}); {} evidence file(s) claimed, none held", event.source(),
                opened.caseNumber(), received, claimed.submittedAt(), claimed.evidence().size());
    }

    /** Rolls the request's work back and dead-letters it with the cause (see {@link PartnerRequestRefused}). */
    private static void refuseIf(Optional<String> cause) {
        if (cause.isPresent()) {
            log.warn("partner request refused and dead-lettered: {}", cause.get());
            throw new PartnerRequestRefused(cause.get());
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
