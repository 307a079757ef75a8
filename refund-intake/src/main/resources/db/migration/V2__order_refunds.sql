-- What intake knows of the money of each refund, per order, for the submit-time "nothing left to refund"
-- answer (a courtesy: the evaluator's ledger stays the authority). One row per refund id: the amount a
-- decision approved for one of this system's refunds (RefundApproved, or RefundReviewed approved), and what
-- billing did with it (billing.refunds: EXECUTED or FAILED). Refunds billing made by hand arrive with billing's
-- own id and only a settlement. Either side may arrive first.
create table order_refund (
    refund_id          text           primary key,
    order_id           text           not null,
    approved_amount    numeric(19, 4),
    approved_currency  char(3),
    settlement         text           check (settlement in ('EXECUTED', 'FAILED')),
    settled_amount     numeric(19, 4),
    settled_currency   char(3),
    billing_reason     text,
    updated_at         timestamptz    not null
);
create index order_refund_order on order_refund (order_id);
