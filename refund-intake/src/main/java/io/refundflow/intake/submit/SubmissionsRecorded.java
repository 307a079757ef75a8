package io.refundflow.intake.submit;

import java.util.List;

/**
 * Submissions with refund ids their sender chose (a poll of partners' requests) were written (published inside
 * their transaction): events about those refunds that arrived before them can now be applied, once it commits. A
 * refund id drawn by this service is known to nobody before its submission commits, so none is published for it.
 */
public record SubmissionsRecorded(List<String> refundIds) {

    public SubmissionsRecorded {
        refundIds = List.copyOf(refundIds);
    }
}
