package io.refundflow.intake.submit;

import io.refundflow.events.EventEnvelope;
import io.refundflow.events.RefundRequested;
import io.refundflow.events.Topics;
import io.refundflow.intake.cases.CaseStatus;
import io.refundflow.intake.cases.Cases;
import io.refundflow.intake.cases.Channel;
import io.refundflow.intake.cases.RefundCase;
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
 * and no evidence, because no file of it is held here. Whether the claimant owns the order stays the review
 * step's business (it rejects and flags such requests).
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

    PartnerRequestGate(Cases cases, Submissions submissions, ProcessedEvents processed, OutboxWriter outbox,
            Clock clock, IntakeProperties properties, RecordBatches batches) {
        this.cases = cases;
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
            if (!processed.firstDelivery(event)) {
                return;
            }
            if (submissions.find(claimed.refundId()).isPresent()) {
                log.warn("partner {} sent refund id {} which is already taken; request event {} ignored",
                        event.source(), claimed.refundId(), event.id());
                return;
            }
            Instant received = receivedAt(record);
            boolean open = submissions.openRequestFor(claimed.orderId()).isEmpty();
            RefundCase opened = cases.open(claimed.customerId(), claimed.orderId(), Channel.API,
                    claimed.description(), "source:" + event.source(), CaseStatus.SUBMITTED, received);
            submissions.insert(claimed.refundId(), opened.caseId(), claimed.orderId(),
                    new SubmissionForm(claimed.ground(), claimed.kind(), claimed.description(), null,
                            claimed.locale()), claimed.locale(), event.source(), open, received);
            cases.update(opened.caseId(), CaseStatus.SUBMITTED, claimed.refundId(), false);
            cases.append(TimelineEntry.of(opened.caseId(), claimed.refundId(), TimelineStep.SUBMITTED, received));
            outbox.append(EventEnvelope.of(source, new RefundRequested(claimed.refundId(), opened.caseNumber(),
                    claimed.orderId(), claimed.customerId(), claimed.ground(), claimed.kind(), claimed.description(),
                    claimed.locale(), List.of(), received), clock));
            log.info("partner request from {} recorded as case {} and forwarded, submitted at {} by the broker's"
                    + " clock (the partner said {}); {} evidence file(s) claimed, none held{}", event.source(),
                    opened.caseNumber(), received, claimed.submittedAt(), claimed.evidence().size(),
                    open ? "" : "; another request on order " + claimed.orderId() + " is open");
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
