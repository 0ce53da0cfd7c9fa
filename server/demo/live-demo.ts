// The live demo (`npm start -- --live`, or LIVE_DEMO=1): the wall looks alive in a demonstration. Every few
// seconds a grid member "reports" a new incident at a random point of a random courtyard, and every other tick an
// open incident moves one step on through the workflow; from 20:00 to 23:00 tonight's patrols walk
// (live-patrols.ts). All go through the same actions as the API (and so the same live events), marked as demo in
// the history.
import type { FastifyInstance } from 'fastify';
import { SeededRandom } from '#domain/random.ts';
import { INCIDENT_CATEGORIES, type IncidentStatus } from '#domain/vocabulary.ts';
import { WORKFLOW_TRANSITIONS } from '#domain/workflow.ts';
import { moveIncident, reportIncident } from '../actions/incident-actions.ts';
import { runQuery, sql } from '../db/sql.ts';
import { TITLES } from '../seed/simulate-incidents.ts';
import { LivePatrols } from './live-patrols.ts';

export const DEMO_ACTOR = '网格员(演示)';

const STEP_NOTES: Partial<Record<IncidentStatus, string>> = {
  assigned: '已分派网格员处理(演示)',
  in_progress: '网格员已到场处置(演示)',
  verified: '处置完毕,待核查(演示)',
  closed: '核查通过,结案(演示)',
};

export interface LiveDemoStep {
  reported: number | null;
  moved: { id: number; from: IncidentStatus; to: IncidentStatus } | null;
  /** Patrol GPS fixes sent (only during a patrol night). */
  patrolFixes: number;
}

export class LiveDemo {
  private timer: NodeJS.Timeout | null = null;
  private ticks = 0;
  private running: Promise<unknown> = Promise.resolve();
  private compounds: number[] | null = null;
  private communities: number[] | null = null;
  private readonly patrols: LivePatrols;

  constructor(
    private readonly app: FastifyInstance,
    private readonly random: SeededRandom = new SeededRandom(Date.now() % 2_147_483_647),
  ) {
    this.patrols = new LivePatrols(app);
  }

  start(intervalMs: number): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      // One step at a time; a slow database skips ticks rather than piling them up.
      this.running = this.running.then(() => this.step()).catch((error: Error) => this.app.log.warn({ err: error }, 'live demo: a step failed'));
    }, intervalMs);
    this.app.log.info({ intervalMs }, 'live demo: a new incident every interval, a move every other, tonight’s patrols from 20:00 to 23:00');
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One tick: a new incident, on every other tick one open incident moved on, and the patrols' new fixes. */
  async step(): Promise<LiveDemoStep> {
    this.ticks++;
    const reported = await this.report();
    const moved = this.ticks % 2 === 0 ? await this.moveOne() : null;
    const patrolFixes = await this.patrols.step();
    return { reported, moved, patrolFixes };
  }

  private async report(): Promise<number | null> {
    const pool = this.app.pg.pool;
    if (!this.compounds) {
      this.compounds = (await runQuery<{ id: number }>(pool, sql`SELECT id FROM compounds ORDER BY id`)).rows.map((row) => row.id);
      this.communities = (await runQuery<{ id: number }>(pool, sql`SELECT id FROM areas WHERE level = 'community' ORDER BY id`)).rows.map((row) => row.id);
    }
    if (this.compounds.length === 0) return null;
    const compound = this.random.pick(this.compounds);
    const { rows } = await runQuery<{ longitude: number; latitude: number }>(
      pool,
      sql`SELECT ST_X(point.geom) AS longitude, ST_Y(point.geom) AS latitude
            FROM compounds, ST_Dump(ST_GeneratePoints(compounds.geom, 1, ${this.random.integer(1, 1_000_000)})) AS point
           WHERE compounds.id = ${compound}`,
    );
    if (rows.length === 0) return null;
    const category = this.random.pick(INCIDENT_CATEGORIES);
    return reportIncident(this.app, {
      category,
      source: 'grid_staff',
      title: this.random.pick(TITLES[category]),
      description: '演示模式自动上报的事件。',
      longitude: rows[0].longitude,
      latitude: rows[0].latitude,
      actor: DEMO_ACTOR,
      scope: this.communities ?? [],
    });
  }

  /** The open incident untouched longest among a few, moved one step forward (never returned). */
  private async moveOne(): Promise<LiveDemoStep['moved']> {
    const { rows } = await runQuery<{ id: number; status: IncidentStatus }>(
      this.app.pg.pool,
      sql`SELECT id::int AS id, status FROM incidents WHERE status IN ('reported', 'assigned', 'in_progress', 'verified', 'returned') ORDER BY updated_at, id LIMIT 20`,
    );
    if (rows.length === 0) return null;
    const incident = this.random.pick(rows);
    const to = WORKFLOW_TRANSITIONS[incident.status].find((status) => status !== 'returned');
    if (!to) return null;
    await moveIncident(this.app, { id: incident.id, from: incident.status, to, note: STEP_NOTES[to] ?? '', actor: DEMO_ACTOR, scope: this.communities ?? [] });
    return { id: incident.id, from: incident.status, to };
  }
}
