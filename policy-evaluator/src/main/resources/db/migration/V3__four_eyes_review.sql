-- Four eyes (the policy's fourEyesAbove): a reviewer's approval above the threshold of its currency waits for a
-- second reviewer who is not the first. The first approval is recorded here; it reserves nothing and publishes
-- nothing, the second reviewer's decision does (decided_by), in one transaction under the order's ledger lock.
alter table manual_review drop constraint manual_review_status_check;
alter table manual_review add constraint manual_review_status_check
    check (status in ('OPEN', 'CLAIMED', 'AWAITING_SECOND_APPROVAL', 'DECIDED'));

alter table manual_review add column first_approved_by   text;
alter table manual_review add column first_approved_at   timestamptz;
alter table manual_review add column first_amount        numeric(19, 4);
alter table manual_review add column first_currency      char(3);
alter table manual_review add column first_reason_en     text;
alter table manual_review add column first_reason_zh     text;
