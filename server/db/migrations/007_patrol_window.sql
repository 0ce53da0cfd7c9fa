-- Patrol coverage over a window of nights. One rule, for one night or many: a footprint is covered in a
-- window [window_starts[i], window_ends[i]) when a GPS point of the community recorded in it came within
-- radius_metres. patrolled_nights_near gives the (1-based) windows it was covered in, testing each point
-- near the footprint once: the spatial index finds the points near it, the window's bounds keep only the
-- window's, and their times sort them into nights. patrolled_near, the one-night question of the KPIs
-- and of last night's coverage, is the same rule for a single window.
CREATE OR REPLACE FUNCTION patrolled_nights_near(community integer, footprint geometry, window_starts timestamptz[], window_ends timestamptz[], radius_metres float8) RETURNS integer[]
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT night.i::int ORDER BY night.i::int), '{}')
    FROM patrol_points AS point
    JOIN unnest(window_starts, window_ends) WITH ORDINALITY AS night(starts, ends, i) ON point.recorded_at >= night.starts AND point.recorded_at < night.ends
   WHERE point.community_id = community
     AND point.recorded_at >= (SELECT min(bound) FROM unnest(window_starts) AS bound)
     AND point.recorded_at < (SELECT max(bound) FROM unnest(window_ends) AS bound)
     AND ST_DWithin(point.geom, footprint, radius_metres / 60000.0)
     AND ST_DWithin(point.geom::geography, footprint::geography, radius_metres)
$$;

CREATE OR REPLACE FUNCTION patrolled_near(community integer, footprint geometry, starts timestamptz, ends timestamptz, radius_metres float8) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT patrolled_nights_near(community, footprint, ARRAY[starts], ARRAY[ends], radius_metres) <> '{}'
$$;
