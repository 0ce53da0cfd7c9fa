// The live demo's patrols: while tonight's patrol night is under way (20:00-23:00), each community's security
// patrol team walks its streets as the seed's simulation walks them, and every tick sends the GPS fixes due by
// now through the same action as a patrol's phone (so the same live events). A community whose patrol the seed
// already recorded tonight goes on from now; one without starts from 20:00, so a demo started at 21:30 shows an
// hour and a half of walking at once.
import type { FastifyInstance } from 'fastify';
import { patrolNights, type PatrolNight } from '#domain/local-time.ts';
import { SeededRandom } from '#domain/random.ts';
import { recordPatrolPositions } from '../actions/patrol-actions.ts';
import { runQuery, sql } from '../db/sql.ts';
import { groupByCommunity, type CommunityContext } from '../seed/demo-index.ts';
import { readDemoCity } from '../seed/geodata-files.ts';
import { simulatePatrols, type SimulatedPatrol } from '../seed/simulate-patrols.ts';

/** The most fixes one request carries (as the API allows). */
const BATCH = 240;

interface PlayedPatrol {
  communityId: number;
  /** The patrol the fixes go to once the first batch has created it. */
  patrolId: number | null;
  points: SimulatedPatrol['points'];
  /** Fixes up to here have been sent. */
  sentUpTo: number;
}

/** A stable seed per community and night, so a restarted demo walks the same route. */
function seedOf(text: string): number {
  let hash = 2166136261;
  for (const character of text) hash = Math.imul(hash ^ character.charCodeAt(0), 16777619) >>> 0;
  return hash % 2_147_483_647;
}

export class LivePatrols {
  private contexts: { id: number; context: CommunityContext }[] | null = null;
  private night: string | null = null;
  private played: PlayedPatrol[] = [];

  constructor(private readonly app: FastifyInstance) {}

  /** Sends the fixes due by the app's clock; how many were sent (0 outside a patrol night). */
  async step(): Promise<number> {
    const now = this.app.now();
    const tonight = patrolNights(now).tonight;
    if (!tonight) return 0;
    if (this.night !== tonight.date) await this.beginNight(tonight, now);
    let sent = 0;
    for (const patrol of this.played) {
      const due = patrol.points.filter((point) => point.at.getTime() > patrol.sentUpTo && point.at.getTime() <= now.getTime());
      for (let start = 0; start < due.length; start += BATCH) {
        const batch = due.slice(start, start + BATCH);
        patrol.patrolId = await recordPatrolPositions(this.app, {
          communityId: patrol.communityId,
          patrolId: patrol.patrolId,
          fixes: batch.map((point) => ({ at: point.at, longitude: point.lonLat[0], latitude: point.lonLat[1] })),
          scope: [patrol.communityId],
        });
        patrol.sentUpTo = batch[batch.length - 1].at.getTime();
        sent += batch.length;
      }
    }
    return sent;
  }

  private async beginNight(tonight: PatrolNight, now: Date): Promise<void> {
    this.night = tonight.date;
    if (!this.contexts) {
      const { rows } = await runQuery<{ id: number; code: string }>(this.app.pg.pool, sql`SELECT id, code FROM areas WHERE level = 'community'`);
      const ids = new Map(rows.map((row) => [row.code, row.id]));
      this.contexts = groupByCommunity(readDemoCity()).flatMap((context) => (ids.has(context.code) ? [{ id: ids.get(context.code)!, context }] : []));
    }
    const { rows: recorded } = await runQuery<{ communityId: number }>(
      this.app.pg.pool,
      sql`SELECT DISTINCT community_id AS "communityId" FROM patrols WHERE started_at < ${tonight.ends.toISOString()}::timestamptz AND ended_at >= ${tonight.starts.toISOString()}::timestamptz`,
    );
    const walking = new Set(recorded.map((row) => row.communityId));
    this.played = this.contexts.flatMap(({ id, context }) => {
      // The whole night's walk, as the seed would simulate it; a night the team stands down plays nothing.
      const [patrol] = simulatePatrols([context], new SeededRandom(seedOf(`${context.code} ${tonight.date}`)), { now: tonight.ends, nights: 0, fixIntervalSeconds: 15 });
      if (!patrol) return [];
      return [{ communityId: id, patrolId: null, points: patrol.points, sentUpTo: walking.has(id) ? now.getTime() : 0 }];
    });
  }
}
