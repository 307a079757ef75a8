-- refund-intake: cases (contact step), submissions with evidence (submit step), the status timeline and
-- the idempotency keys of POST requests. The local copy of billing.orders comes from the platform
-- (db/billing), outbox_event and processed_event too (db/platform).

-- Human-readable case numbers: RF-<year>-<6 digits of this sequence>.
create sequence case_number_seq;

create table refund_case (
    case_id            text        primary key,
    case_number        text        not null unique,
    customer_id        text        not null,
    order_id           text        not null,
    channel            text        not null,
    description        text,
    opened_by          text        not null,
    status             text        not null,
    current_refund_id  text,
    resubmittable      boolean     not null default false,
    created_at         timestamptz not null,
    updated_at         timestamptz not null
);
create index refund_case_customer on refund_case (customer_id, created_at desc, case_id);

-- One row per application (submission) on a case; a resubmission gets a new refund id on the same case.
-- "open" = submitted and not finally decided; at most one open request per order.
create table submission (
    refund_id      text        primary key,
    case_id        text        not null references refund_case (case_id),
    order_id       text        not null,
    ground         text        not null,
    kind           text        not null,
    description    text,
    contact_email  text,
    phone          text,
    locale         text,
    origin         text        not null,
    open           boolean     not null,
    submitted_at   timestamptz not null
);
create index submission_case on submission (case_id, submitted_at);
create unique index submission_one_open_per_order on submission (order_id) where open;

create table evidence (
    id            bigserial   primary key,
    refund_id     text        not null references submission (refund_id),
    case_id       text        not null references refund_case (case_id),
    file_name     text        not null,
    content_type  text        not null,
    size_bytes    bigint      not null,
    sha256        text        not null,
    content       bytea       not null,
    created_at    timestamptz not null
);
create index evidence_case on evidence (case_id);

-- What happened to a case, step by step: CONTACTED, SUBMITTED, REVIEWED, NOTIFIED.
create table timeline_entry (
    id               bigserial   primary key,
    case_id          text        not null references refund_case (case_id),
    refund_id        text,
    step             text        not null,
    occurred_at      timestamptz not null,
    outcome          text,
    refund_amount    numeric(19, 4),
    refund_currency  text,
    reason           text,
    remedy           text,
    detail           text,
    event_id         text
);
create index timeline_entry_case on timeline_entry (case_id, id);

-- Idempotency keys of POST requests, per caller. The row is inserted before the request runs (the
-- primary key makes a concurrent duplicate wait or fail), then completed with the response to replay.
create table idempotency_key (
    caller        text        not null,
    idem_key      text        not null,
    fingerprint   text        not null,
    status        integer,
    content_type  text,
    location      text,
    body          bytea,
    created_at    timestamptz not null,
    expires_at    timestamptz not null,
    primary key (caller, idem_key)
);
create index idempotency_key_expiry on idempotency_key (expires_at);
