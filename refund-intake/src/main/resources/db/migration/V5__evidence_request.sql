-- A reviewer may ask the customer for more evidence (EvidenceRequested): the case (status AWAITING_EVIDENCE)
-- keeps what is missing, in the reviewer's words, and until when files may be added, so that the customer sees
-- them on the case. Both are cleared when the case moves on (files added, or a decision). The status column has
-- no check constraint, so the new status needs no change to it.
alter table refund_case add column evidence_message text;
alter table refund_case add column evidence_answer_by timestamptz;
