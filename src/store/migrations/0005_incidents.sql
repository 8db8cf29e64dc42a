-- What each incident was computed from (so a corrected claim is seen as changed), and merges.
alter table incidents add column members jsonb not null default '[]'::jsonb;
alter table incidents add column merged_into bigint references incidents (id);
alter table incidents add column event_countries text[];   -- null: some event place has no country
create index incidents_open_window on incidents (window_start, window_end) where merged_into is null;
