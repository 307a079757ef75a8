-- Emails are no longer only about decisions: a refund billing could not pay back (a FAILED settlement on
-- billing.refunds) gets one too, through the same table and sender. decision_event_id / decision_headers /
-- decision_payload hold whichever event the email is for.
alter table email_delivery add column source_topic text not null default 'refund.decisions'; -- dead-letter it there
alter table email_delivery add column order_id text;                                  -- the order the email is about
-- whether the email told the customer a refund was approved: only such a refund gets a failed-settlement email
alter table email_delivery add column approval boolean not null default false;

update email_delivery
   set order_id = decision_payload::jsonb ->> 'orderId',
       approval = decision_type = 'io.refundflow.refund.approved.v1'
           or (decision_type = 'io.refundflow.refund.reviewed.v1'
               and coalesce((decision_payload::jsonb ->> 'approved')::boolean, false));

create index email_delivery_approval on email_delivery (refund_id) where approval;
