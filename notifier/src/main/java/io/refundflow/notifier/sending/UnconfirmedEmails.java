package io.refundflow.notifier.sending;

import io.refundflow.notifier.NotifierProperties;
import io.refundflow.notifier.model.DeliveryStatus;
import io.refundflow.notifier.model.UnconfirmedEmail;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Emails left UNCONFIRMED (sent whole, then no answer from the server): listed for ops, and resent only when
 * a person asks, accepting that the customer may get it twice. The resend carries the same Message-ID, so a
 * receiving system that remembers Message-IDs drops the copy.
 */
@Service
public class UnconfirmedEmails {

    private static final Logger log = LoggerFactory.getLogger(UnconfirmedEmails.class);

    private final DeliveryRepository repository;
    private final DeliverySender sender;
    private final NotifierProperties properties;
    private final Clock clock;

    UnconfirmedEmails(DeliveryRepository repository, DeliverySender sender, NotifierProperties properties,
            Clock clock) {
        this.repository = repository;
        this.sender = sender;
        this.properties = properties;
        this.clock = clock;
    }

    public List<UnconfirmedEmail> list() {
        return repository.unconfirmed(properties.unconfirmedListLimit());
    }

    /** The outcome of a resend request. */
    public sealed interface Resend permits Queued, NotUnconfirmed, Unknown {
    }

    /** Back to PENDING: the sender sends it again at once. */
    public record Queued(String decisionEventId) implements Resend {
    }

    /** The email exists but is not UNCONFIRMED (already resent, or sent, failed, dead-lettered). */
    public record NotUnconfirmed(String decisionEventId, DeliveryStatus status) implements Resend {
    }

    public record Unknown(String decisionEventId) implements Resend {
    }

    @Transactional
    public Resend resend(String decisionEventId, String requestedBy) {
        if (repository.resend(decisionEventId, clock.instant())) {
            sender.wakeUp();
            log.warn("UNCONFIRMED email for decision {} resent at the request of {}: the customer may get it twice",
                    decisionEventId, requestedBy);
            return new Queued(decisionEventId);
        }
        Optional<DeliveryStatus> status = repository.status(decisionEventId);
        return status.<Resend>map(s -> new NotUnconfirmed(decisionEventId, s))
                .orElseGet(() -> new Unknown(decisionEventId));
    }
}
