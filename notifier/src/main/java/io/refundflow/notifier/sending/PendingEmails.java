package io.refundflow.notifier.sending;

import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Where every email is recorded before it is sent: PENDING in the caller's transaction (the one that consumed
 * the event it is for), and the {@link DeliverySender} woken once that transaction commits.
 */
@Component
public class PendingEmails {

    private final DeliveryRepository repository;
    private final DeliverySender sender;
    private final Clock clock;

    PendingEmails(DeliveryRepository repository, DeliverySender sender, Clock clock) {
        this.repository = repository;
        this.sender = sender;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(DeliveryRepository.NewDelivery delivery) {
        recordAll(List.of(delivery));
    }

    /** Records the emails of a whole poll, in its order, with one statement; the sender is woken once. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordAll(List<DeliveryRepository.NewDelivery> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        repository.insertPending(deliveries, clock.instant());
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                sender.wakeUp();
            }
        });
    }
}
