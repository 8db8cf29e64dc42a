-- Ingestion state beyond the per-source cursor (sources.cursor).

-- Filtered-stream liveness per source: the newest post the stream delivered and when it was last alive
-- (data or keep-alive), so a reconnect or a restart fills the gap with a search since then. One runner
-- per source writes its row; a gap being filled keeps its search cursor here until it is done.
create table stream_state (
  source_id text primary key,
  last_seen_id text,
  alive_at timestamptz,
  connected boolean not null default false,
  disconnects integer not null default 0,
  last_error text,
  gap_since_id text,
  gap_cursor jsonb,
  updated_at timestamptz not null default now()
);

-- Backfills started from the CLI, resumable: the same account and start date continue where they stopped.
create table backfills (
  id text primary key,                      -- e.g. "x:oirspox:2021-03-01"
  cursor jsonb,
  pages integer not null default 0,
  posts integer not null default 0,
  rate_limit_waits integer not null default 0,
  started_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  finished_at timestamptz
);

-- Which source delivered which post (polls, the stream, gap fills, backfills), with the newest version
-- seen: deletion checks look these up again, whatever path brought the post in.
create table source_posts (
  source_id text not null,
  platform text not null,
  external_id text not null,
  version integer not null,
  version_external_id text not null,
  posted_at timestamptz not null,
  primary key (source_id, platform, external_id)
);
create index source_posts_recent on source_posts (source_id, posted_at desc);
