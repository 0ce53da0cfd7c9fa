import { describe, expect, it } from 'vitest';
import { WORKFLOW_TRANSITIONS } from '#domain/workflow.ts';
import { testBackend } from '../../helpers/test-database.ts';
import { useTestPool } from '../../helpers/test-pool.ts';

const database = useTestPool();

describe(`the simulated history (${testBackend()})`, () => {
  it('spans twelve months of incidents in every category, with overdue open ones', async () => {
    const { rows } = await database.pool.query(`
      SELECT count(*)::int AS incidents, count(DISTINCT category)::int AS categories,
             extract(day FROM max(reported_at) - min(reported_at))::int AS days,
             count(*) FILTER (WHERE status <> 'closed' AND reported_at < now() - interval '7 days')::int AS overdue
        FROM incidents`);
    expect(rows[0].incidents).toBeGreaterThan(5000);
    expect(rows[0].categories).toBe(10);
    expect(rows[0].days).toBeGreaterThanOrEqual(360);
    expect(rows[0].overdue).toBeGreaterThan(0);
  });

  it('gives every incident a workflow history consistent with its status', async () => {
    const { rows } = await database.pool.query<{ id: string; status: string; reported_at: Date; closed_at: Date | null; steps: { from: string | null; to: string; at: string }[] }>(`
      SELECT incident.id, incident.status, incident.reported_at, incident.closed_at,
             json_agg(json_build_object('from', event.from_status, 'to', event.to_status, 'at', event.created_at) ORDER BY event.created_at, event.id) AS steps
        FROM incidents AS incident JOIN incident_events AS event ON event.incident_id = incident.id AND event.community_id = incident.community_id
       GROUP BY incident.id, incident.community_id`);
    const total = (await database.pool.query('SELECT count(*)::int AS n FROM incidents')).rows[0].n;
    expect(rows.length, 'incidents with at least one event').toBe(total);
    const problems: string[] = [];
    for (const incident of rows) {
      const steps = incident.steps;
      if (steps[0].from !== null || steps[0].to !== 'reported') problems.push(`${incident.id}: does not start with a report`);
      if (new Date(steps[0].at).getTime() !== incident.reported_at.getTime()) problems.push(`${incident.id}: first event is not at reported_at`);
      for (let index = 1; index < steps.length; index++) {
        const { from, to } = steps[index];
        if (from !== steps[index - 1].to) problems.push(`${incident.id}: step ${index} starts from ${from}, not ${steps[index - 1].to}`);
        if (!WORKFLOW_TRANSITIONS[from as keyof typeof WORKFLOW_TRANSITIONS]?.includes(to as never)) problems.push(`${incident.id}: illegal ${from} → ${to}`);
      }
      const last = steps[steps.length - 1];
      if (last.to !== incident.status) problems.push(`${incident.id}: status ${incident.status} but last event ${last.to}`);
      if (incident.status === 'closed' && new Date(last.at).getTime() !== incident.closed_at?.getTime()) problems.push(`${incident.id}: closed_at differs from the closing event`);
      if (problems.length > 10) break;
    }
    expect(problems).toEqual([]);
    const returned = await database.pool.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE note = '')::int AS without_note FROM incident_events WHERE to_status = 'returned'`);
    expect(returned.rows[0].n).toBeGreaterThan(0);
    expect(returned.rows[0].without_note).toBe(0);
  });

  it('puts each incident in the grid and community that contain its point', async () => {
    const { rows } = await database.pool.query(`
      SELECT count(*)::int AS misplaced FROM incidents AS incident JOIN grids AS grid ON grid.id = incident.grid_id
       WHERE NOT ST_Covers(grid.geom, incident.geom) OR grid.community_id <> incident.community_id`);
    expect(rows[0].misplaced).toBe(0);
  });

  it('records patrol points only between 20:00 and 23:00 local time, every ~15 s, within 100 m of a road', async () => {
    const times = await database.pool.query(`
      SELECT count(*)::int AS points,
             count(*) FILTER (WHERE (recorded_at AT TIME ZONE 'Asia/Shanghai')::time NOT BETWEEN '20:00' AND '23:00')::int AS outside_hours
        FROM patrol_points`);
    expect(times.rows[0].points).toBeGreaterThan(10_000);
    expect(times.rows[0].outside_hours).toBe(0);
    // 0.0009° is under 100 m in both directions at these latitudes: the indexed test clears most points,
    // and only the rest are measured exactly on the spheroid.
    const far = await database.pool.query(`
      SELECT count(*)::int AS far FROM patrol_points AS point
       WHERE NOT EXISTS (SELECT 1 FROM roads WHERE ST_DWithin(roads.geom, point.geom, 0.0009))
         AND NOT EXISTS (SELECT 1 FROM roads WHERE ST_DWithin(roads.geom::geography, point.geom::geography, 100))`);
    expect(far.rows[0].far).toBe(0);
    const interval = await database.pool.query(`
      SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY gap) AS median_seconds FROM (
        SELECT extract(epoch FROM recorded_at - lag(recorded_at) OVER (PARTITION BY patrol_id ORDER BY recorded_at)) AS gap
          FROM patrol_points WHERE patrol_id IN (SELECT id FROM patrols ORDER BY id LIMIT 20)) AS gaps WHERE gap IS NOT NULL`);
    expect(interval.rows[0].median_seconds).toBeGreaterThan(12);
    expect(interval.rows[0].median_seconds).toBeLessThan(18);
  });

  it('has nights on which a patrol missed courtyards (more than 50 m from every GPS point)', async () => {
    const { rows } = await database.pool.query(`
      SELECT patrol.id, count(compound.id)::int AS missed
        FROM (SELECT id, community_id FROM patrols ORDER BY started_at DESC LIMIT 40) AS patrol
        JOIN compounds AS compound ON compound.community_id = patrol.community_id
       WHERE NOT EXISTS (SELECT 1 FROM patrol_points AS point WHERE point.patrol_id = patrol.id AND point.community_id = patrol.community_id
                           AND ST_DWithin(point.geom::geography, compound.geom::geography, 50))
       GROUP BY patrol.id`);
    expect(rows.length).toBeGreaterThan(0);
  });

  it('places volunteers at home buildings of their team’s community', async () => {
    const { rows } = await database.pool.query(`
      SELECT count(*)::int AS volunteers,
             count(*) FILTER (WHERE building.community_id <> volunteer.community_id OR NOT ST_DWithin(volunteer.geom::geography, building.geom::geography, 1))::int AS misplaced
        FROM volunteers AS volunteer JOIN buildings AS building ON building.id = volunteer.building_id`);
    expect(rows[0].volunteers).toBeGreaterThan(22_000);
    expect(rows[0].misplaced).toBe(0);
    const teams = await database.pool.query(`SELECT team.member_count, count(volunteer.id)::int AS placed FROM volunteer_teams AS team
      LEFT JOIN volunteers AS volunteer ON volunteer.team_id = team.id GROUP BY team.id HAVING team.member_count <> count(volunteer.id)`);
    expect(teams.rows).toEqual([]);
  });
});
