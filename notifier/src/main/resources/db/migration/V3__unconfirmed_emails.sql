-- UNCONFIRMED: the SMTP connection failed after the whole message was sent (no answer to the end of DATA), so
-- the server may have accepted it. Never resent automatically; ops list these and resend one explicitly.
alter table email_delivery drop constraint email_delivery_status_check;
alter table email_delivery add constraint email_delivery_status_check
    check (status in ('PENDING', 'SENT', 'FAILED', 'DEAD_LETTERED', 'UNCONFIRMED'));
create index email_delivery_unconfirmed on email_delivery (seq) where status = 'UNCONFIRMED';
