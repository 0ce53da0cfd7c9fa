-- Grid editing (issue: grid editing for planners). A planner's edits to a community's grids wait in a draft until
-- published: one draft per planner and community, holding the whole partition as it would be (every grid's
-- boundary, name and target) and the version of each grid it was started from.
CREATE TABLE grid_drafts (
  community_id   integer NOT NULL REFERENCES areas (id),
  user_id        integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- {"<grid id>": version, …}: the grids as they were when the planner started; publishing refuses a stale base.
  base_versions  jsonb NOT NULL,
  -- [{"id": <grid id> | null (a new grid), "name": …, "targetHouseholds": …, "geometry": <GeoJSON Polygon>}, …]
  grids          jsonb NOT NULL,
  updated_at     timestamptz NOT NULL,
  PRIMARY KEY (community_id, user_id)
);

-- A grid merged into another is deleted, but its history stays: a revision names the grid it was about without
-- needing the row (its last revision has new_geom NULL and says when it ended).
ALTER TABLE grid_revisions DROP CONSTRAINT IF EXISTS grid_revisions_grid_id_fkey;
CREATE INDEX IF NOT EXISTS grid_revisions_grid_idx ON grid_revisions (grid_id, version);
