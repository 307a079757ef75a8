-- The retention sweep (refund.retention.processed-events) deletes processed_event rows by age: without this index
-- every sweep would read the whole table. Timestamps only grow, so inserts touch the index's last page.
create index processed_event_age on processed_event (processed_at);
