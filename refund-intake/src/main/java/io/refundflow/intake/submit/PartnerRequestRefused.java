package io.refundflow.intake.submit;

import io.refundflow.events.InvalidEventException;

/**
 * A partner's request the gate will not turn into a case. An {@link InvalidEventException}, so the platform's error
 * handler dead-letters it at once, with this message as {@code kafka_dlt-exception-message}, instead of retrying
 * it: the same request would be refused again. The message is the partner's to read too (it may read its dead
 * letters), so it names what the partner sent and never what billing holds.
 */
final class PartnerRequestRefused extends InvalidEventException {

    PartnerRequestRefused(String cause) {
        super(cause);
    }
}
