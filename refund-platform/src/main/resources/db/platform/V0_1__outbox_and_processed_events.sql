-- Shared by every service, each in its own schema. Services add their own migrations from V1 on.

-- Events committed together with the state change that caused them; the relay publishes and deletes them.
create table outbox_event (
    id          bigserial   primary key,
    topic       text        not null,
    msg_key     text        not null,
    event_id    text        not null unique,
    event_type  text        not null,
    headers     jsonb       not null,
    payload     text        not null,
    created_at  timestamptz not null default now()
);

-- Event ids a consumer has already acted on, written in the same transaction as the effect.
create table processed_event (
    event_id     text        primary key,
    processed_at timestamptz not null default now()
);
