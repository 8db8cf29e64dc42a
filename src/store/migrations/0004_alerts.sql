-- Alerts: webhook endpoint state and secret rotation on subscriptions, retry state on deliveries,
-- a log of every delivery attempt, and notifications to subscription owners.

-- During a rotation the previous secret still signs (a second signature) until it expires.
alter table subscriptions add column webhook_secret_previous text;
alter table subscriptions add column webhook_secret_previous_expires_at timestamptz;
-- Endpoint health: set on the first failure after a success, cleared by a success.
alter table subscriptions add column failing_since timestamptz;
-- Set when the endpoint is disabled (410 Gone, or failing for 5 days); the stream keeps working.
alter table subscriptions add column webhook_disabled_at timestamptz;
alter table subscriptions add column deleted_at timestamptz;
create index subscriptions_owner on subscriptions (owner, id) where deleted_at is null;

alter table deliveries add column next_attempt_at timestamptz;
-- 429 answers that postponed the delivery without spending an attempt.
alter table deliveries add column throttles integer not null default 0;
-- Manual redeliveries requested, so each gets its own job id.
alter table deliveries add column redeliveries integer not null default 0;
alter table deliveries add column updated_at timestamptz not null default now();

create table delivery_attempts (
  id bigserial primary key,
  delivery_id bigint not null references deliveries (id),
  subscription_id bigint not null references subscriptions (id),
  attempt integer not null,                 -- attempts spent after this one (a 429 repeats the number)
  trigger text not null check (trigger in ('auto', 'manual')),
  url text not null,
  started_at timestamptz not null,
  duration_ms integer not null,
  status_code integer,
  error text,
  outcome text not null check (outcome in ('succeeded', 'retry', 'failed', 'disabled')),
  next_attempt_at timestamptz,
  response_excerpt text
);
create index delivery_attempts_delivery on delivery_attempts (delivery_id, id);
create index delivery_attempts_subscription on delivery_attempts (subscription_id, id desc);

create table notifications (
  id bigserial primary key,
  owner text not null,                      -- users.id of the subscription owner
  kind text not null,                       -- e.g. webhook.disabled
  subscription_id bigint references subscriptions (id),
  message text not null,
  created_at timestamptz not null default now(),
  read_at timestamptz
);
create index notifications_owner on notifications (owner, id desc);
