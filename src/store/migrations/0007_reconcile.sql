-- Reconcile sweep and ingestion limits.

-- Set by the alert job once an event's subscriptions are matched and its deliveries exist. `dispatched_at`
-- only says the alert job was enqueued, which a Redis that lost its data forgets; this says it ran, so the
-- reconcile sweep can re-enqueue what never ran. Events already dispatched count as alerted (no replay
-- of the history when this migration runs).
alter table events add column alerted_at timestamptz;
update events set alerted_at = coalesce(dispatched_at, occurred_at);
create index events_unalerted on events (occurred_at) where alerted_at is null;

-- Claims still waiting for the incident matcher (current, not rejected).
create index claims_unmatched on claims (id) where incident_id is null;

-- A post text longer than the ingestion limit is stored cut to it; this keeps the original length
-- (UTF-16 code units, as the source delivered it) so the cut is visible and counted, never silent.
alter table posts add column text_truncated_from integer;
