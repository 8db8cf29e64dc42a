-- Core pipeline tables. Every write path is idempotent on a natural key so retried jobs change nothing.

create table sources (
  id text primary key,                      -- e.g. "x:timeline", "rss:reuters-world", "replay:demo"
  kind text not null,
  cursor jsonb,                             -- adapter-owned position (since_id per account, etag, line offset)
  last_polled_at timestamptz,
  rate_limited_until timestamptz,
  last_error text,
  updated_at timestamptz not null default now()
);

create table accounts (
  platform text not null,
  handle text not null,                     -- without "@", as configured
  display_name text,
  source_kind text not null default 'social',
  active boolean not null default true,
  added_at timestamptz not null default now(),
  primary key (platform, handle)
);

create table posts (
  id bigserial primary key,
  platform text not null,
  external_id text not null,
  version integer not null default 1,
  version_external_id text,
  author text not null,
  source_kind text not null,
  source_name text,
  text text,                                -- null once deleted (compliance purge)
  posted_at timestamptz not null,
  url text,
  lang text,
  kind text not null default 'original',
  in_reply_to text,
  conversation_id text,
  raw jsonb,
  deleted_at timestamptz,                   -- tombstone
  ingested_at timestamptz not null default now(),
  unique (platform, external_id, version)
);
create index posts_author_posted on posts (author, posted_at desc);
create index posts_posted on posts (posted_at desc);

create table incidents (
  id bigserial primary key,
  status text not null default 'single_source'
    check (status in ('single_source', 'corroborated', 'disputed')),
  event_type text,
  window_start timestamptz,
  window_end timestamptz,
  summary jsonb not null default '{}'::jsonb, -- comparison: places, quantities, discrepancies, sources
  revision integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index incidents_window on incidents (window_start, window_end);

create table claims (
  id bigserial primary key,
  post_id bigint not null references posts (id),
  extractor_version text not null,
  status text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
  is_current boolean not null default true, -- false once a newer version of the post is extracted
  superseded_by bigint references claims (id),
  revision integer not null default 1,
  data jsonb not null,                      -- the claim in the fixed format (latest revision)
  event_type text not null,
  event_utc timestamptz,                    -- best UTC instant for range queries (start of day for day precision)
  countries text[] not null default '{}',
  confidence real,
  incident_id bigint references incidents (id),
  review_reason text,
  reviewed_by text,
  reviewed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (post_id, extractor_version)
);
create index claims_status on claims (status, created_at);
create index claims_incident on claims (incident_id);
create index claims_event_utc on claims (event_utc);

create table claim_revisions (
  claim_id bigint not null references claims (id),
  revision integer not null,
  data jsonb not null,
  author text not null,                     -- "extractor" or a user id
  reason text,
  created_at timestamptz not null default now(),
  primary key (claim_id, revision)
);

-- Outbox of domain events; the id is deterministic so re-emitting is a no-op.
create table events (
  id text primary key,
  type text not null,
  subject text not null,
  payload jsonb not null,
  occurred_at timestamptz not null default now(),
  dispatched_at timestamptz                 -- set once its alert job is enqueued; the outbox relay retries the rest
);
create index events_occurred on events (occurred_at);
create index events_undispatched on events (occurred_at) where dispatched_at is null;

-- Researchers' alert subscriptions; the filter is matched by pure code (src/alerts).
create table subscriptions (
  id bigserial primary key,
  owner text not null,
  name text not null,
  filter jsonb not null default '{}'::jsonb,
  webhook_url text,                         -- null: live stream / in-app only
  webhook_secret text,                      -- whsec_... (Standard Webhooks); never logged
  active boolean not null default true,
  disabled_reason text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- One row per (event, subscription): the unique key makes the alert job idempotent.
create table deliveries (
  id bigserial primary key,
  event_id text not null references events (id),
  subscription_id bigint not null references subscriptions (id),
  webhook_id text not null unique,          -- Standard Webhooks webhook-id, stable across retries
  status text not null default 'pending' check (status in ('pending', 'succeeded', 'failed', 'skipped')),
  attempts integer not null default 0,
  last_status integer,
  last_error text,
  created_at timestamptz not null default now(),
  delivered_at timestamptz,
  unique (event_id, subscription_id)
);
create index deliveries_subscription on deliveries (subscription_id, created_at desc);

create table audit_log (
  id bigserial primary key,
  actor text not null,
  action text not null,
  entity text not null,
  entity_id text not null,
  before jsonb,
  after jsonb,
  request_id text,
  at timestamptz not null default now()
);
create index audit_entity on audit_log (entity, entity_id, at);

-- People and machines that call the API. Roles: admin > moderator > researcher.
create table users (
  id bigserial primary key,
  name text not null unique,                -- login name
  role text not null check (role in ('admin', 'moderator', 'researcher')),
  password_hash text,                       -- scrypt; null for API-key-only users
  disabled_at timestamptz,
  created_at timestamptz not null default now()
);

-- API keys are shown once; only a SHA-256 hash is kept, with a visible prefix to find and name them.
create table api_keys (
  id bigserial primary key,
  user_id bigint not null references users (id),
  prefix text not null unique,              -- e.g. cw_3f9a1c2b (first characters of the key)
  key_hash text not null,
  name text not null default 'default',
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
