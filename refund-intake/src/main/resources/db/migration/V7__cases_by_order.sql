-- The contact step counts the cases opened on an order within a day (refund.intake.cases.max-per-order-per-day):
-- by index, not by a scan of every case.
create index refund_case_order on refund_case (order_id, created_at);
