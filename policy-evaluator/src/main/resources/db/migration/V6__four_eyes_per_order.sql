-- Four eyes count what one reviewer approved alone on an order over all its cases (the policy's fourEyesWindow),
-- read under the order's ledger lock at every approval: find an order's reviews without scanning the table.
create index manual_review_by_order on manual_review (order_id, decided_by) where status = 'DECIDED';
