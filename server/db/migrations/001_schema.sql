-- GridAtlas schema (DESIGN.md §5). Geometry is stored in WGS84 (SRID 4326); area and distance are
-- measured through ::geography. Citus-ready: every large table carries community_id, its primary key
-- starts with community_id, and no unique constraint or foreign key between large tables spans communities.

CREATE EXTENSION IF NOT EXISTS postgis;

-- The administrative hierarchy: city › district › street › community.
CREATE TABLE areas (
  id          serial PRIMARY KEY,
  level       text NOT NULL CHECK (level IN ('city', 'district', 'street', 'community')),
  code        text NOT NULL UNIQUE,
  name        text NOT NULL,
  name_en     text,
  parent_id   integer REFERENCES areas (id),
  geom        geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom)),
  CHECK ((level = 'city') = (parent_id IS NULL))
);
CREATE INDEX areas_geom_idx ON areas USING gist (geom);
CREATE INDEX areas_parent_idx ON areas (parent_id);

CREATE TABLE grids (
  id                 serial PRIMARY KEY,
  community_id       integer NOT NULL REFERENCES areas (id),
  code               text NOT NULL UNIQUE,
  name               text NOT NULL,
  party_branch       text,
  target_households  integer NOT NULL DEFAULT 400 CHECK (target_households > 0),
  version            integer NOT NULL DEFAULT 1 CHECK (version > 0),
  geom               geometry(Polygon, 4326) NOT NULL CHECK (ST_IsValid(geom)),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX grids_geom_idx ON grids USING gist (geom);
CREATE INDEX grids_community_idx ON grids (community_id);

-- Every published boundary change and the period it was in force.
CREATE TABLE grid_revisions (
  id            serial PRIMARY KEY,
  grid_id       integer NOT NULL REFERENCES grids (id),
  community_id  integer NOT NULL REFERENCES areas (id),
  version       integer NOT NULL,
  author        text NOT NULL,
  reason        text NOT NULL,
  old_geom      geometry(Polygon, 4326) CHECK (old_geom IS NULL OR ST_IsValid(old_geom)),
  new_geom      geometry(Polygon, 4326) CHECK (new_geom IS NULL OR ST_IsValid(new_geom)),
  valid_from    timestamptz NOT NULL,
  valid_to      timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (grid_id, version)
);
CREATE INDEX grid_revisions_new_geom_idx ON grid_revisions USING gist (new_geom);

CREATE TABLE roads (
  id         serial PRIMARY KEY,
  street_id  integer NOT NULL REFERENCES areas (id),
  code       text NOT NULL UNIQUE,
  name       text NOT NULL,
  class      text NOT NULL CHECK (class IN ('primary', 'secondary', 'residential')),
  geom       geometry(LineString, 4326) NOT NULL CHECK (ST_IsValid(geom))
);
CREATE INDEX roads_geom_idx ON roads USING gist (geom);

CREATE TABLE blocks (
  id            serial PRIMARY KEY,
  community_id  integer NOT NULL REFERENCES areas (id),
  code          text NOT NULL UNIQUE,
  geom          geometry(Polygon, 4326) NOT NULL CHECK (ST_IsValid(geom))
);
CREATE INDEX blocks_geom_idx ON blocks USING gist (geom);

-- 楼院 / 小区. A compound lies in one grid; the grid is derived from geometry when boundaries change.
CREATE TABLE compounds (
  id            serial PRIMARY KEY,
  community_id  integer NOT NULL REFERENCES areas (id),
  code          text NOT NULL UNIQUE,
  name          text NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('courtyard', 'residential_compound', 'work_unit_compound')),
  party_group   text,
  built_year    integer CHECK (built_year BETWEEN 1900 AND 2100),
  geom          geometry(Polygon, 4326) NOT NULL CHECK (ST_IsValid(geom))
);
CREATE INDEX compounds_geom_idx ON compounds USING gist (geom);
CREATE INDEX compounds_community_idx ON compounds (community_id);

CREATE TABLE buildings (
  id                 serial PRIMARY KEY,
  community_id       integer NOT NULL REFERENCES areas (id),
  compound_id        integer NOT NULL REFERENCES compounds (id),
  code               text NOT NULL UNIQUE,
  name               text NOT NULL,
  floors             integer NOT NULL CHECK (floors BETWEEN 1 AND 100),
  households         integer NOT NULL CHECK (households >= 0),
  residents          integer NOT NULL CHECK (residents >= 0),
  elderly_residents  integer NOT NULL CHECK (elderly_residents >= 0 AND elderly_residents <= residents),
  geom               geometry(Polygon, 4326) NOT NULL CHECK (ST_IsValid(geom))
);
CREATE INDEX buildings_geom_idx ON buildings USING gist (geom);
CREATE INDEX buildings_compound_idx ON buildings (compound_id);
CREATE INDEX buildings_community_idx ON buildings (community_id);

-- 两长四员 and other grid staff.
CREATE TABLE staff (
  id            serial PRIMARY KEY,
  community_id  integer NOT NULL REFERENCES areas (id),
  grid_id       integer REFERENCES grids (id),
  code          text NOT NULL UNIQUE,
  name          text NOT NULL,
  role          text NOT NULL CHECK (role IN ('grid_leader', 'building_head', 'grid_member', 'information_officer', 'mediator', 'safety_officer'))
);
CREATE INDEX staff_grid_idx ON staff (grid_id);

CREATE TABLE service_points (
  id            serial PRIMARY KEY,
  community_id  integer NOT NULL REFERENCES areas (id),
  code          text NOT NULL UNIQUE,
  name          text NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('party_service_station', 'red_station', 'day_care_centre', 'reading_room', 'party_square', 'party_garden', 'happiness_courtyard')),
  geom          geometry(Point, 4326) NOT NULL CHECK (ST_IsValid(geom))
);
CREATE INDEX service_points_geom_idx ON service_points USING gist (geom);

CREATE TABLE volunteer_teams (
  id            serial PRIMARY KEY,
  community_id  integer NOT NULL REFERENCES areas (id),
  code          text NOT NULL UNIQUE,
  name          text NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('party_volunteers', 'blue_sky_rescue', 'security_patrol', 'poverty_relief', 'culture_sports', 'sanitation', 'party_proxy_service', 'elderly_care')),
  member_count  integer NOT NULL CHECK (member_count >= 0),
  squad_count   integer NOT NULL DEFAULT 1 CHECK (squad_count >= 1)
);
CREATE INDEX volunteer_teams_community_idx ON volunteer_teams (community_id);

CREATE TABLE volunteers (
  id            bigserial,
  community_id  integer NOT NULL REFERENCES areas (id),
  team_id       integer NOT NULL REFERENCES volunteer_teams (id),
  building_id   integer REFERENCES buildings (id),
  squad         integer NOT NULL DEFAULT 1 CHECK (squad >= 1),
  active        boolean NOT NULL DEFAULT true,
  joined_on     date NOT NULL,
  geom          geometry(Point, 4326) NOT NULL CHECK (ST_IsValid(geom)),
  PRIMARY KEY (community_id, id)
);
CREATE INDEX volunteers_geom_idx ON volunteers USING gist (geom);
CREATE INDEX volunteers_team_idx ON volunteers (team_id);

-- Nightly security patrols (治安巡逻, 20:00-23:00) and their GPS track points.
CREATE TABLE patrols (
  id            bigserial,
  community_id  integer NOT NULL REFERENCES areas (id),
  team_id       integer NOT NULL REFERENCES volunteer_teams (id),
  started_at    timestamptz NOT NULL,
  ended_at      timestamptz NOT NULL CHECK (ended_at >= started_at),
  PRIMARY KEY (community_id, id)
);
CREATE INDEX patrols_community_started_idx ON patrols (community_id, started_at);

CREATE TABLE patrol_points (
  id            bigserial,
  community_id  integer NOT NULL,
  patrol_id     bigint NOT NULL,
  recorded_at   timestamptz NOT NULL,
  geom          geometry(Point, 4326) NOT NULL,
  PRIMARY KEY (community_id, id),
  FOREIGN KEY (community_id, patrol_id) REFERENCES patrols (community_id, id) ON DELETE CASCADE
);
CREATE INDEX patrol_points_patrol_idx ON patrol_points (patrol_id, recorded_at);
CREATE INDEX patrol_points_geom_idx ON patrol_points USING gist (geom);

CREATE TABLE incidents (
  id            bigserial,
  community_id  integer NOT NULL REFERENCES areas (id),
  grid_id       integer REFERENCES grids (id),
  category      text NOT NULL CHECK (category IN ('illegal_occupation', 'illegal_extraction', 'illegal_dumping', 'illegal_construction', 'public_security', 'sanitation', 'facility_damage', 'neighbour_dispute', 'livelihood_request', 'safety_hazard')),
  status        text NOT NULL CHECK (status IN ('reported', 'assigned', 'in_progress', 'verified', 'closed', 'returned')),
  source        text NOT NULL CHECK (source IN ('grid_staff', 'resident_report', 'hotline_12345', 'patrol', 'volunteer', 'video')),
  title         text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  description   text NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
  reported_at   timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  closed_at     timestamptz,
  geom          geometry(Point, 4326) NOT NULL CHECK (ST_IsValid(geom)),
  PRIMARY KEY (community_id, id),
  CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);
CREATE INDEX incidents_community_reported_idx ON incidents (community_id, reported_at);
CREATE INDEX incidents_status_idx ON incidents (status);
CREATE INDEX incidents_id_idx ON incidents (id);
CREATE INDEX incidents_geom_idx ON incidents USING gist (geom);

-- The workflow history: every move of an incident from one status to another.
CREATE TABLE incident_events (
  id            bigserial,
  community_id  integer NOT NULL,
  incident_id   bigint NOT NULL,
  from_status   text CHECK (from_status IN ('reported', 'assigned', 'in_progress', 'verified', 'closed', 'returned')),
  to_status     text NOT NULL CHECK (to_status IN ('reported', 'assigned', 'in_progress', 'verified', 'closed', 'returned')),
  actor         text NOT NULL,
  note          text NOT NULL DEFAULT '',
  created_at    timestamptz NOT NULL,
  PRIMARY KEY (community_id, id),
  FOREIGN KEY (community_id, incident_id) REFERENCES incidents (community_id, id) ON DELETE CASCADE
);
CREATE INDEX incident_events_incident_idx ON incident_events (incident_id, created_at);

CREATE TABLE users (
  id             serial PRIMARY KEY,
  username       text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9_.-]{3,40}$'),
  display_name   text NOT NULL,
  password_hash  text NOT NULL,
  role           text NOT NULL CHECK (role IN ('leader', 'analyst', 'planner', 'grid_staff', 'admin')),
  is_demo        boolean NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL DEFAULT now()
);

-- The communities each user may see; a user with none sees nothing (admins see everything).
CREATE TABLE user_communities (
  user_id       integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  community_id  integer NOT NULL REFERENCES areas (id),
  PRIMARY KEY (user_id, community_id)
);
