-- One row per decision event: the email the customer gets for it, and what became of it.
-- The row is written (PENDING) in the transaction that consumes the decision, before anything is sent,
-- and updated (SENT / FAILED / DEAD_LETTERED) in the transaction that records the SMTP outcome.
create table email_delivery (
    decision_event_id  text        primary key,          -- CloudEvents id of the decision
    seq                bigserial   not null unique,      -- consumption order: one refund's emails go out in it
    refund_id          text        not null,
    case_number        text,
    decision_type      text        not null,             -- the decision's ce_type
    customer_id        text        not null,
    recipient          text        not null,             -- the address the billing system holds
    locale             text        not null,             -- language the email was rendered in
    subject            text        not null,
    body_text          text        not null,
    body_html          text        not null,
    message_id         text        not null,             -- stable, derived from the decision event id
    decision_headers   jsonb       not null,             -- the decision as consumed, for dead-lettering
    decision_payload   text        not null,
    status             text        not null check (status in ('PENDING', 'SENT', 'FAILED', 'DEAD_LETTERED')),
    attempts           integer     not null default 0,
    next_attempt_at    timestamptz not null,
    created_at         timestamptz not null,
    last_attempt_at    timestamptz,
    sent_at            timestamptz,
    last_error         text
);

create index email_delivery_due on email_delivery (next_attempt_at, seq) where status = 'PENDING';
create index email_delivery_pending_by_refund on email_delivery (refund_id, seq) where status = 'PENDING';
create index email_delivery_by_refund on email_delivery (refund_id, seq);
