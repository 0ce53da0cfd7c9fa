-- The domain's rules that SQL needs, each defined once, here. Their numbers (radius, time limits, the
-- patrol window, the time zone) are named constants in server/domain/ and reach these functions as
-- parameters; none is written into a query. Simple SQL functions are inlined by the planner, so the
-- indexes are used as if the body were written in place.

-- Which grid a footprint (a compound or a building) belongs to: the grid of its community that covers
-- the footprint's point on surface. Where grids meet exactly at that point, the lowest grid id wins.
CREATE OR REPLACE FUNCTION grid_of(community integer, footprint geometry) RETURNS integer
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT grid.id FROM grids AS grid
   WHERE grid.community_id = community AND ST_Covers(grid.geom, ST_PointOnSurface(footprint))
   ORDER BY grid.id LIMIT 1
$$;

-- Which grid a point (an incident) lies in, in any community; the lowest grid id on a shared border.
CREATE OR REPLACE FUNCTION grid_at(point geometry) RETURNS integer
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT grid.id FROM grids AS grid WHERE ST_Covers(grid.geom, point) ORDER BY grid.id LIMIT 1
$$;

-- The grid of every compound and building is stored, derived by grid_of, instead of being worked out
-- on each request. It is refreshed whenever grids change (assign_grids) and by the seed.
ALTER TABLE compounds ADD COLUMN IF NOT EXISTS grid_id integer REFERENCES grids (id);
ALTER TABLE buildings ADD COLUMN IF NOT EXISTS grid_id integer REFERENCES grids (id);
CREATE INDEX IF NOT EXISTS compounds_grid_idx ON compounds (grid_id);
CREATE INDEX IF NOT EXISTS buildings_grid_idx ON buildings (grid_id);

CREATE OR REPLACE FUNCTION assign_grids(community integer) RETURNS void
LANGUAGE sql AS $$
  UPDATE compounds SET grid_id = grid_of(community_id, geom) WHERE community_id = community AND grid_id IS DISTINCT FROM grid_of(community_id, geom);
  UPDATE buildings SET grid_id = grid_of(community_id, geom) WHERE community_id = community AND grid_id IS DISTINCT FROM grid_of(community_id, geom);
$$;

SELECT assign_grids(id) FROM areas WHERE level = 'community';

-- Overdue: an incident still open for longer than its status allows. `limits` maps a status to its
-- hours (server/domain/workflow.ts); a status without a limit (closed) is never overdue. `at` is the
-- server's now, so that a fixed clock in tests and the answer agree.
CREATE OR REPLACE FUNCTION incident_is_overdue(status text, updated_at timestamptz, at timestamptz, limits jsonb) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT status <> 'closed' AND (limits ->> status) IS NOT NULL AND at - updated_at > make_interval(secs => (limits ->> status)::float8 * 3600)
$$;

-- Patrol coverage: did a GPS point of the window [starts, ends) come within `radius_metres` of the
-- footprint? The degree test lets the spatial index do most of the work: radius_metres / 60000 degrees
-- is more than radius_metres anywhere south of 57°N; the geography test then decides exactly.
CREATE OR REPLACE FUNCTION patrolled_near(community integer, footprint geometry, starts timestamptz, ends timestamptz, radius_metres float8) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT EXISTS (
    SELECT 1 FROM patrol_points AS point
     WHERE point.community_id = community AND point.recorded_at >= starts AND point.recorded_at < ends
       AND ST_DWithin(point.geom, footprint, radius_metres / 60000.0)
       AND ST_DWithin(point.geom::geography, footprint::geography, radius_metres))
$$;

-- Incident lists are newest first: this index gives a page without sorting every match.
CREATE INDEX IF NOT EXISTS incidents_reported_idx ON incidents (reported_at DESC, id DESC);
