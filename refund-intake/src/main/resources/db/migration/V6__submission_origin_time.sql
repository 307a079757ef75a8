-- A partner's quota counts its accepted requests in a window of broker time (PartnerRequestRules.overQuota):
-- one index range per partner request instead of a scan of every submission.
create index submission_origin_time on submission (origin, submitted_at);
