-- Where a claim happened, for bounding-box queries: the coordinates of its primary place (the first
-- target with coordinates, else the first place with coordinates). Writers fill them from the claim;
-- existing rows are backfilled here by the same rule.
alter table claims add column place_lat double precision;
alter table claims add column place_lon double precision;

update claims c
set place_lat = p.lat, place_lon = p.lon
from (
  select x.id, x.lat, x.lon
  from (
    select c2.id, (l.v->>'lat')::float8 as lat, (l.v->>'lon')::float8 as lon,
           row_number() over (partition by c2.id order by coalesce(l.v->>'role' = 'target', false) desc, l.i) as rn
    from claims c2
    cross join lateral jsonb_array_elements(case when jsonb_typeof(c2.data->'locations') = 'array' then c2.data->'locations' else '[]'::jsonb end) with ordinality as l(v, i)
    where jsonb_typeof(l.v->'lat') = 'number' and jsonb_typeof(l.v->'lon') = 'number'
  ) x
  where x.rn = 1
) p
where p.id = c.id;

create index claims_place on claims (place_lat, place_lon) where place_lat is not null;
-- Keyset pages of current claims newest first, and incidents by their claims.
create index claims_current_id on claims (id desc) where is_current;
