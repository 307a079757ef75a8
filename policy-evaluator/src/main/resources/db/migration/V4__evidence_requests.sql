-- Asking the customer for more evidence: a reviewer holding a case sends a message; the case waits for the
-- customer (AWAITING_EVIDENCE) until answer_by, keeps its place in the queue (opened_at is unchanged) and returns to
-- it (OPEN) when refund-intake reports the files the customer added; past answer_by it is rejected
-- (EVIDENCE_NOT_PROVIDED). The columns keep the last request, also after the case resumed.
alter table manual_review drop constraint manual_review_status_check;
alter table manual_review add constraint manual_review_status_check
    check (status in ('OPEN', 'CLAIMED', 'AWAITING_SECOND_APPROVAL', 'AWAITING_EVIDENCE', 'DECIDED'));

alter table manual_review add column evidence_requested_by  text;
alter table manual_review add column evidence_requested_at  timestamptz;
alter table manual_review add column evidence_message       text;
alter table manual_review add column evidence_answer_by     timestamptz;

create index manual_review_evidence_wait on manual_review (evidence_answer_by) where status = 'AWAITING_EVIDENCE';

-- The files a customer added after the request, as refund-intake described them (the bytes stay there).
create table review_evidence (
    id             bigserial   primary key,
    refund_id      text        not null references manual_review (refund_id),
    file_name      text        not null,
    content_type   text        not null,
    size_bytes     bigint      not null,
    sha256         char(64)    not null,
    added_at       timestamptz not null,
    event_id       text        not null
);
create index review_evidence_refund on review_evidence (refund_id, id);
