-- Events about a refund intake does not know yet (a decision, notification or settlement read before the
-- request it refers to): held here, applied when the refund's submission appears, dead-lettered with the cause
-- when none has appeared within refund.intake.parking.hold-for. The event is kept as it was consumed (CloudEvents
-- headers and JSON payload) so that it can be applied, or dead-lettered, exactly as it arrived.
create table parked_event (
    event_id    text        primary key,
    refund_id   text        not null,
    topic       text        not null,
    headers     jsonb       not null,
    payload     text        not null,
    parked_at   timestamptz not null,
    expires_at  timestamptz not null
);
create index parked_event_refund on parked_event (refund_id, parked_at);
create index parked_event_expiry on parked_event (expires_at);
