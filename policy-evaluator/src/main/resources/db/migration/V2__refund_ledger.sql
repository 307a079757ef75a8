-- The refund ledger: what this system has promised and what billing has paid back, per order, so that no
-- order is ever refunded beyond what was paid (see io.refundflow.evaluator.ledger).

-- One row per order, created on first use. Every decision that can promise money on an order locks this row
-- (select ... for update) before it reads the ledger and keeps the lock until it commits: decisions on one
-- order are serialised across partitions and instances, so two of them never see the same refundable amount.
create table order_ledger (
    order_id   text        primary key,
    created_at timestamptz not null
);

-- One entry per refund of an order.
--   origin SYSTEM:  approved here (automatically or by a reviewer): RESERVED until billing reports it,
--                   then SETTLED (money moved) or RELEASED (billing failed or cancelled it: refundable again)
--   origin BILLING: a refund billing made outside this system, known from its settlement: always SETTLED
create table ledger_entry (
    refund_id      text          primary key,
    order_id       text          not null references order_ledger (order_id),
    amount         numeric(19, 4) not null check (amount > 0),
    currency       char(3)       not null,
    state          text          not null check (state in ('RESERVED', 'SETTLED', 'RELEASED')),
    origin         text          not null check (origin in ('SYSTEM', 'BILLING')),
    created_at     timestamptz   not null,
    updated_at     timestamptz   not null,
    failure_reason text
);
create index ledger_entry_by_order on ledger_entry (order_id);

-- What the policy saw as already refunded or reserved on the order when it decided (paid minus the ledger's
-- refundable amount), so that a replay or a reviewer sees the decision's facts. Null where no order was known,
-- and on decisions made before the ledger (they saw billing's refunded figure, which the order facts keep).
alter table decision add column already_refunded numeric(19, 4);
