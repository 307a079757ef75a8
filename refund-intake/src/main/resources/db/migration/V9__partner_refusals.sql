-- A partner's request the gate refused by its rules (the customer named is not the order's owner) counts toward the
-- partner's quota as an accepted one does (PartnerRefusals): without it a partner could send requests naming
-- strangers without bound, and learn from which ones were refused who owns which order. Kept for one quota window
-- by the retention sweep; received_at is the broker's time of the request, as submission.submitted_at is.
create table partner_refusal (
    id          bigserial primary key,
    origin      text        not null,
    received_at timestamptz not null
);
create index partner_refusal_by_origin on partner_refusal (origin, received_at);
create index partner_refusal_expiry on partner_refusal (received_at);
