-- contactEmail is accepted and ignored (every email goes to the address billing holds for the order's
-- customer): nothing reads the column, so the addresses it kept are not kept any longer.
alter table submission drop column contact_email;
