-- The admission gate counts the cases waiting for the review step's decision, submitted within a recent window
-- (refund.intake.admission.max-undecided, DecisionBacklog), up to ten times a second per instance: by this small
-- partial index (only the cases in SUBMITTED, a few dozen when healthy), not by a scan of every case.
create index refund_case_awaiting_decision on refund_case (updated_at) where status = 'SUBMITTED';
