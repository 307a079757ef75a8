-- policy-evaluator's own tables (schema evaluator). outbox_event and processed_event (db/platform) and the
-- local copy of billing.orders (db/billing) come from the platform.

-- Every refund request accepted for a decision, as received. The primary key is the idempotency gate on
-- the refund id: a second request (new event id) for the same refund id changes nothing.
create table refund_request (
    refund_id    text        primary key,
    event_id     text        not null,
    event_source text        not null,
    order_id     text        not null,
    customer_id  text        not null,
    payload      jsonb       not null,
    received_at  timestamptz not null
);

-- Requests whose billing order is not known yet. Decided when the order arrives, or sent to manual
-- review (ORDER_UNKNOWN) by the sweeper once the deadline has passed. Never blocks a partition.
create table order_wait (
    refund_id   text        primary key references refund_request (refund_id),
    order_id    text        not null,
    received_at timestamptz not null,
    deadline    timestamptz not null
);
create index order_wait_by_order on order_wait (order_id);
create index order_wait_by_deadline on order_wait (deadline);

-- One decision per refund (primary key), with everything needed to explain and replay it.
--   basis: POLICY (the engine decided), CUSTOMER_MISMATCH (trust check), ORDER_UNKNOWN (wait expired)
create table decision (
    refund_id         text        primary key references refund_request (refund_id),
    order_id          text        not null,
    outcome           text        not null check (outcome in ('APPROVED', 'REJECTED', 'MANUAL_REVIEW')),
    basis             text        not null check (basis in ('POLICY', 'CUSTOMER_MISMATCH', 'ORDER_UNKNOWN')),
    policy_version    text        not null,
    rule_id           text        not null,
    reason_code       text        not null,
    reason_en         text        not null,
    reason_zh         text        not null,
    refund_amount     numeric(19, 4),
    refund_currency   char(3),
    remedy_en         text,
    remedy_zh         text,
    rule_trace        jsonb       not null,
    request           jsonb       not null,
    order_facts       jsonb,
    ground            text        not null,
    product_kind      text,
    flagged           boolean     not null default false,
    flag_reason       text,
    decided_at        timestamptz not null,
    event_id          text        not null unique
);
create index decision_by_decided_at on decision (decided_at);
create index decision_flagged on decision (decided_at) where flagged;

-- The manual-review queue: a person claims a case and decides it. Conditional updates on status and
-- claimed_by make sure two reviewers cannot both decide one case.
create table manual_review (
    refund_id          text        primary key references decision (refund_id),
    order_id           text        not null,
    ground             text        not null,
    product_kind       text,
    status             text        not null check (status in ('OPEN', 'CLAIMED', 'DECIDED')),
    opened_at          timestamptz not null,
    claimed_by         text,
    claimed_at         timestamptz,
    decided_by         text,
    decided_at         timestamptz,
    approved           boolean,
    amount             numeric(19, 4),
    currency           char(3),
    reason_code        text,
    reason_en          text,
    reason_zh          text,
    reviewed_event_id  text        unique
);
create index manual_review_queue on manual_review (opened_at, refund_id) where status <> 'DECIDED';
