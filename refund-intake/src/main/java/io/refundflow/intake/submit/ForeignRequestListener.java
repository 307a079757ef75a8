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
import io.refundflow.platform.inbox.ProcessedEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Requests that other producers publish straight onto refund.requests become cases too (channel API), so
 * the customer can follow them. Our own requests come back here as well and are recognised by their
 * refund id. The request is recorded as the claimant sent it; whether the claimant owns the order is the
 * review step's business (it rejects and flags such requests).
 */
@Component
class ForeignRequestListener {

    private static final Logger log = LoggerFactory.getLogger(ForeignRequestListener.class);

    private final Cases cases;
    private final Submissions submissions;
    private final ProcessedEvents processed;

    ForeignRequestListener(Cases cases, Submissions submissions, ProcessedEvents processed) {
        this.cases = cases;
        this.submissions = submissions;
        this.processed = processed;
    }

    @KafkaListener(topics = Topics.REQUESTS, groupId = "${spring.application.name}")
    @Transactional
    public void on(EventEnvelope<?> event) {
        RefundRequested request = (RefundRequested) event.data();
        try (var ignored = MDC.putCloseable("refundId", request.refundId())) {
            if (submissions.find(request.refundId()).isPresent() || !processed.firstDelivery(event.id())) {
                return;
            }
            boolean open = submissions.openRequestFor(request.orderId()).isEmpty();
            RefundCase opened = cases.open(request.customerId(), request.orderId(), Channel.API,
                    request.description(), "source:" + event.source(), CaseStatus.SUBMITTED, request.submittedAt());
            submissions.insert(request.refundId(), opened.caseId(), request.orderId(),
                    new SubmissionForm(request.ground(), request.kind(), request.description(), null, null,
                            request.locale()), request.locale(), event.source(), open, request.submittedAt());
            cases.update(opened.caseId(), CaseStatus.SUBMITTED, request.refundId(), false);
            cases.append(TimelineEntry.of(opened.caseId(), request.refundId(), TimelineStep.SUBMITTED,
                    request.submittedAt()));
            log.info("request {} from {} recorded as case {}{}", request.refundId(), event.source(),
                    opened.caseNumber(), open ? "" : " (another request on order " + request.orderId() + " is open)");
        }
    }
}
