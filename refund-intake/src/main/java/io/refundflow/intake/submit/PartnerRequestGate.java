package io.refundflow.intake.submit;

import io.refundflow.events.EventEnvelope;
import io.refundflow.events.RefundRequested;
import io.refundflow.events.Topics;
import io.refundflow.intake.model.CaseStatus;
import io.refundflow.intake.cases.Cases;
import io.refundflow.intake.model.Channel;
import io.refundflow.intake.model.RefundCase;
import io.refundflow.intake.cases.TimelineEntry;
import io.refundflow.intake.cases.TimelineStep;
import io.refundflow.intake.settings.IntakeProperties;
import io.refundflow.platform.inbox.DeliveredEvent;
import io.refundflow.platform.inbox.ProcessedEvents;
import io.refundflow.platform.inbox.RecordBatches;
import io.refundflow.platform.outbox.OutboxWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
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
class PartnerRequestGate {

    private static final Logger log = LoggerFactory.getLogger(PartnerRequestGate.class);

    private final Cases cases;
    private final Submissions submissions;
    private final ProcessedEvents processed;
    private final OutboxWriter outbox;
    private final Clock clock;
    private final String source;
    private final RecordBatches batches;
    private final PartnerRequestRules rules;

    PartnerRequestGate(Cases cases, Submissions submissions, ProcessedEvents processed, OutboxWriter outbox,
            Clock clock, IntakeProperties properties, RecordBatches batches, PartnerRequestRules rules) {
        this.cases = cases;
        this.rules = rules;
        this.submissions = submissions;
        this.processed = processed;
        this.outbox = outbox;
        this.clock = clock;
        this.source = properties.source();
        this.batches = batches;
    }

    /** A poll's records are handled in one transaction (one commit), each as if alone. */
    @KafkaListener(topics = Topics.PARTNER_REQUESTS, groupId = "${spring.application.name}",
            containerFactory = RecordBatches.CONTAINER_FACTORY)
    public void on(List<ConsumerRecord<String, EventEnvelope<?>>> records) {
        batches.inOneTransaction(records, this::handle);
    }

    private void handle(ConsumerRecord<String, EventEnvelope<?>> record) {
        if (DeliveredEvent.isTombstone(record)) {
            return;
        }
        EventEnvelope<?> event = record.value();
        try (var delivered = DeliveredEvent.of(event, RefundRequested.class, RefundRequested::refundId)) {
            RefundRequested claimed = delivered.payload();
            refuseIf(PartnerRequestRules.textWithControlCharacters(delivered.event()));
            if (!processed.firstDelivery(event)) {
                return;
            }
            if (submissions.find(claimed.refundId()).isPresent()) {
                log.warn("partner {} sent refund id {} which is already taken; request event {} ignored",
                        event.source(), claimed.refundId(), event.id());
                return;
            }
            Instant received = receivedAt(record);
            refuseIf(rules.customerNotTheOwner(claimed));
            refuseIf(rules.overQuota(event.source(), received));
            RefundCase opened = cases.open(claimed.customerId(), claimed.orderId(), Channel.API,
                    claimed.description(), "source:" + event.source(), CaseStatus.SUBMITTED, received);
            // stored not open: only the owner's own request holds the order's one open place, so a partner's
            // cannot lock them out; the evaluator's ledger caps what both together may pay
            submissions.insert(claimed.refundId(), opened.caseId(), claimed.orderId(),
                    new SubmissionForm(claimed.ground(), claimed.kind(), claimed.description(), null,
                            claimed.locale()), claimed.locale(), event.source(), false, received);
            cases.update(opened.caseId(), CaseStatus.SUBMITTED, claimed.refundId(), false);
            cases.append(TimelineEntry.of(opened.caseId(), claimed.refundId(), TimelineStep.SUBMITTED, received));
            outbox.append(EventEnvelope.of(source, new RefundRequested(claimed.refundId(), opened.caseNumber(),
                    claimed.orderId(), claimed.customerId(), claimed.ground(), claimed.kind(), claimed.description(),
                    claimed.locale(), List.of(), received), clock));
            log.info("partner request from {} recorded as case {} and forwarded, submitted at {} by the broker's"
                    + " clock (the partner said {}); {} evidence file(s) claimed, none held", event.source(),
                    opened.caseNumber(), received, claimed.submittedAt(), claimed.evidence().size());
        }
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
    private Instant receivedAt(ConsumerRecord<?, ?> record) {
        if (record.timestampType() == TimestampType.LOG_APPEND_TIME) {
            return Instant.ofEpochMilli(record.timestamp());
        }
        Instant read = clock.instant().truncatedTo(ChronoUnit.MICROS);
        log.warn("{} is not stamped with broker time ({}); the time of reading is used", record.topic(),
                record.timestampType());
        return read;
    }
}
