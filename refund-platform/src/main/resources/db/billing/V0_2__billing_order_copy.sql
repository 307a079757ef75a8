-- The local copy of billing.orders, for the services that decide or check ownership from billing facts
-- (refund-intake, policy-evaluator): they add classpath:db/billing to spring.flyway.locations.
create table billing_order (
    order_id          text           primary key,
    customer_id       text           not null,
    customer_email    text           not null,
    customer_locale   text,
    product_kind      text           not null,
    billing_mode      text           not null,
    paid_amount       numeric(19, 4) not null,
    paid_currency     char(3)        not null,
    paid_at           timestamptz    not null,
    term_start        timestamptz    not null,
    term_end          timestamptz    not null,
    service_status    text,
    image_usage       text,
    refunded_amount   numeric(19, 4),
    refunded_currency char(3),
    updated_at        timestamptz    not null
);
create index billing_order_customer on billing_order (customer_id);
