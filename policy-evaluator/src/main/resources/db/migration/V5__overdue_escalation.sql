-- A review left undecided past its due time (the policy's reviewDueWithin) is escalated to the ops mailbox once:
-- the time it was is kept here, in the transaction that publishes the escalation.
alter table manual_review add column overdue_escalated_at timestamptz;

create index manual_review_not_escalated on manual_review (opened_at)
    where status in ('OPEN', 'CLAIMED', 'AWAITING_SECOND_APPROVAL') and overdue_escalated_at is null;
