-- Moderator review: browser sessions, login throttling, review revisions and gazetteer alias proposals.

-- Browser sessions. The cookie carries a random id; only its SHA-256 is stored, so a copy of this table
-- cannot be replayed as a login.
create table sessions (
  id_hash text primary key,
  user_id bigint not null references users (id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  last_seen_at timestamptz not null default now(),
  revoked_at timestamptz,
  user_agent text,
  ip text
);
create index sessions_user on sessions (user_id);
create index sessions_expires on sessions (expires_at);

-- Failed logins, counted per (name, ip) and per ip over a sliding window; shared by every API process.
create table login_failures (
  id bigserial primary key,
  name text not null,
  ip text not null,
  at timestamptz not null default now()
);
create index login_failures_ip on login_failures (ip, at);
create index login_failures_name_ip on login_failures (name, ip, at);

-- Every review step (correction, approval, rejection) is a revision; these say which and the status after it.
alter table claim_revisions add column action text;
alter table claim_revisions add column status text;

-- Place names moderators taught the gazetteer; only approved ones are loaded into it.
create table place_aliases (
  id bigserial primary key,
  alias text not null,                       -- the text as it appeared in a post ("Ain al-Asad")
  alias_key text not null,                   -- normalized for uniqueness (lower case, single spaces)
  target text not null,                      -- place_id, or name|country when the place has no gazetteer id
  place_id text,
  name text not null,
  country text,
  lat double precision,
  lon double precision,
  kind text not null,
  status text not null default 'proposed' check (status in ('proposed', 'approved', 'rejected')),
  proposed_by text not null,
  claim_id bigint references claims (id),
  decided_by text,
  decided_at timestamptz,
  decision_reason text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (alias_key, target)
);
create index place_aliases_status on place_aliases (status, created_at);
