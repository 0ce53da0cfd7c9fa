-- Per-step time limits (时限), per category: the hours an incident may stay in an open status before it is
-- overdue (超期). The city's admin changes them (PUT /api/time-limits); every server process reads them here, in
-- the query that needs them, so a change holds at once for every process on the database.
--
-- The table starts with the domain's defaults (server/domain/workflow.ts, defaultTimeLimits()), which the
-- migration runner hands to this migration as the setting gridatlas.default_time_limits: one row for every
-- category and open status. Closed has no limit (the CHECK keeps it out), so a closed incident is never overdue.
-- A migration that adds a category adds its rows the same way.
CREATE TABLE IF NOT EXISTS incident_time_limits (
  category    text NOT NULL CHECK (category IN ('illegal_occupation', 'illegal_extraction', 'illegal_dumping', 'illegal_construction', 'public_security', 'sanitation', 'facility_damage', 'neighbour_dispute', 'livelihood_request', 'safety_hazard')),
  status      text NOT NULL CHECK (status IN ('reported', 'assigned', 'in_progress', 'verified', 'returned')),
  hours       numeric(7, 2) NOT NULL CHECK (hours > 0 AND hours <= 2160),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  -- Who last set it (a display name); null while it is the default.
  updated_by  text,
  PRIMARY KEY (category, status)
);

INSERT INTO incident_time_limits (category, status, hours)
SELECT seed.category, seed.status, seed.hours
  FROM jsonb_to_recordset(current_setting('gridatlas.default_time_limits')::jsonb) AS seed (category text, status text, hours numeric)
ON CONFLICT (category, status) DO NOTHING;

-- The limits as one value, {"<category>": {"<status>": hours}}. Queries pass it to the rules below as
-- `(SELECT incident_time_limits_map())`: an uncorrelated subquery, so the table is read once per query, not per row.
CREATE OR REPLACE FUNCTION incident_time_limits_map() RETURNS jsonb
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT coalesce(jsonb_object_agg(per_category.category, per_category.hours), '{}'::jsonb)
    FROM (SELECT time_limit.category, jsonb_object_agg(time_limit.status, time_limit.hours) AS hours
            FROM incident_time_limits AS time_limit GROUP BY time_limit.category) AS per_category
$$;

-- The deadline of an incident's current step: the time it entered its status (updated_at, which every move sets)
-- plus its category's limit for that status; null for a status without a limit (closed). STABLE, as timestamptz +
-- interval is: an IMMUTABLE function around it would not be inlined, and the rule would run as a call per row.
CREATE OR REPLACE FUNCTION incident_due_at(category text, status text, updated_at timestamptz, limits jsonb) RETURNS timestamptz
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT updated_at + make_interval(secs => (limits -> category ->> status)::float8 * 3600)
$$;

-- Overdue: still open after its deadline. `at` is the server's now, so that a fixed clock in tests and the
-- answer agree. This replaces 003's rule, whose limits were the same for every category.
DROP FUNCTION IF EXISTS incident_is_overdue(text, timestamptz, timestamptz, jsonb);
CREATE OR REPLACE FUNCTION incident_is_overdue(category text, status text, updated_at timestamptz, at timestamptz, limits jsonb) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT status <> 'closed' AND coalesce(incident_due_at(category, status, updated_at, limits) < at, false)
$$;

-- Only an open incident can be overdue, and the open ones are few beside the closed history: with the rule
-- inlined, its `status <> 'closed'` lets the overdue counts (the community KPIs) read this small index instead of
-- every incident of the community.
CREATE INDEX IF NOT EXISTS incidents_open_idx ON incidents (community_id) WHERE status <> 'closed';
