import type pg from 'pg';
import { SeededRandom } from '#domain/random.ts';
import { sql } from '../db/sql.ts';
import { bulkInsert } from './bulk-insert.ts';
import { groupByCommunity } from './demo-index.ts';
import { GEODATA_DIR, readDemoCity } from './geodata-files.ts';
import { createDemoUsers } from './demo-users.ts';
import { loadGeodata } from './load-geodata.ts';
import { simulateIncidents } from './simulate-incidents.ts';
import { simulatePatrols } from './simulate-patrols.ts';
import { simulateVolunteers } from './simulate-volunteers.ts';

export interface SeedOptions {
  /** The simulated history ends here (default: now). */
  now?: Date;
  geodataDir?: string;
  /** Nights of patrol history (default 60). */
  patrolNights?: number;
  /** Days of incident history (default 365). */
  incidentDays?: number;
  seed?: number;
  onProgress?: (message: string) => void;
}

export interface SeedSummary {
  incidents: number;
  incidentEvents: number;
  patrols: number;
  patrolPoints: number;
  volunteers: number;
  seconds: number;
}

export const DEFAULT_SEED = 20221;
const epochSeconds = (date: Date) => date.getTime() / 1000;

export class DatabaseNotEmptyError extends Error {
  constructor() {
    super('The database already holds a demo city; run the seed with --reset to replace it.');
  }
}

/** The tables the seed fills, children first, for a reset. */
const SEEDED_TABLES = [
  'incident_events', 'incidents', 'patrol_points', 'patrols', 'volunteers', 'volunteer_teams', 'service_points', 'staff',
  'buildings', 'compounds', 'blocks', 'roads', 'grid_drafts', 'grid_revisions', 'grids', 'user_communities', 'areas',
];
// Users who are not demo users keep their accounts across a reset (their community lists are emptied).

export async function resetDemo(pool: pg.Pool): Promise<void> {
  await pool.query(`TRUNCATE ${SEEDED_TABLES.join(', ')} RESTART IDENTITY CASCADE`);
  await pool.query('DELETE FROM users WHERE is_demo');
}

/**
 * Loads the demo city and simulates its history (incidents, patrols, volunteers) in one transaction:
 * an interrupted seed leaves the database as it was.
 */
export async function seedDemo(pool: pg.Pool, options: SeedOptions = {}): Promise<SeedSummary> {
  const started = Date.now();
  const now = options.now ?? new Date();
  const seed = options.seed ?? DEFAULT_SEED;
  const progress = (message: string) => options.onProgress?.(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${message}`);
  const city = readDemoCity(options.geodataDir ?? GEODATA_DIR);
  const communities = groupByCommunity(city);

  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const existing = await client.query('SELECT 1 FROM areas LIMIT 1');
    if (existing.rows.length > 0) throw new DatabaseNotEmptyError();
    progress('loading the demo city (geodata/)');
    await loadGeodata(client, city, progress);

    progress('simulating 12 months of incidents');
    const incidents = simulateIncidents(communities, new SeededRandom(seed + 1), {
      now,
      days: options.incidentDays ?? 365,
      dailyRatePerThousandHouseholds: 0.9,
    });
    const incidentIds = incidents.map((_, index) => index + 1);
    await bulkInsert(
      client,
      'incidents (id, community_id, grid_id, category, status, source, title, description, reported_at, updated_at, closed_at, geom)',
      [
        { name: 'id', type: 'bigint', value: (row) => incidentIds[row.index] },
        { name: 'grid_code', type: 'text', value: (row) => row.incident.gridCode },
        { name: 'category', type: 'text', value: (row) => row.incident.category },
        { name: 'status', type: 'text', value: (row) => row.incident.status },
        { name: 'source', type: 'text', value: (row) => row.incident.source },
        { name: 'title', type: 'text', value: (row) => row.incident.title },
        { name: 'description', type: 'text', value: (row) => row.incident.description },
        { name: 'reported_at', type: 'float8', value: (row) => epochSeconds(row.incident.reportedAt) },
        { name: 'updated_at', type: 'float8', value: (row) => epochSeconds(row.incident.updatedAt) },
        { name: 'closed_at', type: 'float8', value: (row) => (row.incident.closedAt ? epochSeconds(row.incident.closedAt) : null) },
        { name: 'longitude', type: 'float8', value: (row) => row.incident.point[0] },
        { name: 'latitude', type: 'float8', value: (row) => row.incident.point[1] },
      ],
      (input) => sql`SELECT input.id, grid.community_id, grid.id, input.category, input.status, input.source, input.title, input.description,
              to_timestamp(input.reported_at), to_timestamp(input.updated_at), to_timestamp(input.closed_at),
              ST_SetSRID(ST_MakePoint(input.longitude, input.latitude), 4326)
         FROM ${input} JOIN grids AS grid ON grid.code = input.grid_code`,
      incidents.map((incident, index) => ({ incident, index })),
    );
    await client.query(`SELECT setval('incidents_id_seq', $1::bigint)`, [Math.max(1, incidents.length)]);
    const events = incidents.flatMap((incident, index) => incident.events.map((event) => ({ event, incidentId: incidentIds[index] })));
    await bulkInsert(
      client,
      'incident_events (community_id, incident_id, from_status, to_status, actor, note, created_at)',
      [
        { name: 'incident_id', type: 'bigint', value: (row) => row.incidentId },
        { name: 'from_status', type: 'text', value: (row) => row.event.fromStatus },
        { name: 'to_status', type: 'text', value: (row) => row.event.toStatus },
        { name: 'actor', type: 'text', value: (row) => row.event.actor },
        { name: 'note', type: 'text', value: (row) => row.event.note },
        { name: 'created_at', type: 'float8', value: (row) => epochSeconds(row.event.at) },
      ],
      (input) => sql`SELECT incident.community_id, input.incident_id, input.from_status, input.to_status, input.actor, input.note, to_timestamp(input.created_at)
         FROM ${input} JOIN incidents AS incident ON incident.id = input.incident_id`,
      events,
    );
    progress(`incidents: ${incidents.length}, workflow events: ${events.length}`);

    progress('simulating nightly patrols (20:00-23:00)');
    const patrols = simulatePatrols(communities, new SeededRandom(seed + 2), {
      now,
      nights: options.patrolNights ?? 60,
      fixIntervalSeconds: 15,
    });
    const patrolIds = patrols.map((_, index) => index + 1);
    await bulkInsert(
      client,
      'patrols (id, community_id, team_id, started_at, ended_at)',
      [
        { name: 'id', type: 'bigint', value: (row) => patrolIds[row.index] },
        { name: 'team_code', type: 'text', value: (row) => row.patrol.teamCode },
        { name: 'started_at', type: 'float8', value: (row) => epochSeconds(row.patrol.startedAt) },
        { name: 'ended_at', type: 'float8', value: (row) => epochSeconds(row.patrol.endedAt) },
      ],
      (input) => sql`SELECT input.id, team.community_id, team.id, to_timestamp(input.started_at), to_timestamp(input.ended_at)
         FROM ${input} JOIN volunteer_teams AS team ON team.code = input.team_code`,
      patrols.map((patrol, index) => ({ patrol, index })),
    );
    await client.query(`SELECT setval('patrols_id_seq', $1::bigint)`, [Math.max(1, patrols.length)]);
    const points = patrols.flatMap((patrol, index) => patrol.points.map((point) => ({ point, patrolId: patrolIds[index] })));
    progress(`patrols: ${patrols.length}; writing ${points.length} GPS points`);
    await bulkInsert(
      client,
      'patrol_points (community_id, patrol_id, recorded_at, geom)',
      [
        { name: 'patrol_id', type: 'bigint', value: (row) => row.patrolId },
        { name: 'recorded_at', type: 'float8', value: (row) => epochSeconds(row.point.at) },
        { name: 'longitude', type: 'float8', value: (row) => row.point.lonLat[0] },
        { name: 'latitude', type: 'float8', value: (row) => row.point.lonLat[1] },
      ],
      (input) => sql`SELECT patrol.community_id, input.patrol_id, to_timestamp(input.recorded_at), ST_SetSRID(ST_MakePoint(input.longitude, input.latitude), 4326)
         FROM ${input} JOIN patrols AS patrol ON patrol.id = input.patrol_id`,
      points,
    );

    progress('placing volunteers at their home buildings');
    const volunteers = simulateVolunteers(communities, new SeededRandom(seed + 3), now);
    await bulkInsert(
      client,
      'volunteers (community_id, team_id, building_id, squad, active, joined_on, geom)',
      [
        { name: 'team_code', type: 'text', value: (row) => row.teamCode },
        { name: 'building_code', type: 'text', value: (row) => row.buildingCode },
        { name: 'squad', type: 'int', value: (row) => row.squad },
        { name: 'active', type: 'bool', value: (row) => row.active },
        { name: 'joined_on', type: 'date', value: (row) => row.joinedOn },
        { name: 'longitude', type: 'float8', value: (row) => row.lonLat[0] },
        { name: 'latitude', type: 'float8', value: (row) => row.lonLat[1] },
      ],
      (input) => sql`SELECT team.community_id, team.id, building.id, input.squad, input.active, input.joined_on,
              ST_SetSRID(ST_MakePoint(input.longitude, input.latitude), 4326)
         FROM ${input} JOIN volunteer_teams AS team ON team.code = input.team_code
         JOIN buildings AS building ON building.code = input.building_code`,
      volunteers,
    );
    progress(`volunteers: ${volunteers.length}`);
    await createDemoUsers(client);
    progress('demo users created');
    await client.query('COMMIT');
    await client.query('ANALYZE');
    const summary = {
      incidents: incidents.length,
      incidentEvents: events.length,
      patrols: patrols.length,
      patrolPoints: points.length,
      volunteers: volunteers.length,
      seconds: (Date.now() - started) / 1000,
    };
    progress(`demo city seeded in ${summary.seconds.toFixed(1)} s`);
    return summary;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
