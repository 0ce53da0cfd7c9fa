// Recording where a patrol under way has walked: the GPS fixes a patrol's phone sends (POST /api/patrols/positions)
// and those the live demo plays. One transaction writes the fixes and their live event, then wakes the streams.
import type { FastifyInstance } from 'fastify';
import { forbidden, notFound, unprocessable } from '../http-errors.ts';
import type { PatrolFix } from '../repositories/patrols-repository.ts';

/** How far outside its community a fix may lie (a patrol walks the streets on the border). */
export const FIX_MAX_METRES_OUTSIDE = 300;
/** How old a fix may be (a phone that was offline sends its backlog) and how far ahead of the server's clock. */
export const FIX_MAX_AGE_HOURS = 6;
export const FIX_MAX_AHEAD_SECONDS = 120;

export interface PatrolPositions {
  communityId: number;
  /** The patrol the fixes continue; null starts a new patrol of the community's security patrol team. */
  patrolId: number | null;
  fixes: PatrolFix[];
  /** The communities the sender may write in. */
  scope: number[];
}

/** Checks the fixes (422 naming the first bad one), appends them in time order and sends them live; the patrol's id. */
export async function recordPatrolPositions(app: FastifyInstance, { communityId, patrolId, fixes, scope }: PatrolPositions): Promise<number> {
  if (!scope.includes(communityId)) throw forbidden('That community is outside your communities.');
  const patrols = app.repositories.patrols;
  if (!(await patrols.inScope(communityId, scope))) throw notFound(`Community ${communityId}`);
  const now = app.now().getTime();
  fixes.forEach((fix, index) => {
    if (fix.at.getTime() > now + FIX_MAX_AHEAD_SECONDS * 1000) throw unprocessable(`body.points[${index}].at is in the future (${fix.at.toISOString()}); check the device's clock.`);
    if (fix.at.getTime() < now - FIX_MAX_AGE_HOURS * 3_600_000) throw unprocessable(`body.points[${index}].at is more than ${FIX_MAX_AGE_HOURS} hours old; a patrol under way sends recent fixes.`);
  });
  const distances = await patrols.distancesFromCommunity(communityId, fixes);
  distances.forEach((metres, index) => {
    if (metres <= FIX_MAX_METRES_OUTSIDE) return;
    const swapped = metres > 1_000_000 ? ' Are longitude and latitude swapped?' : '';
    throw unprocessable(`body.points[${index}] is ${Math.round(metres).toLocaleString('en')} m outside the community (at most ${FIX_MAX_METRES_OUTSIDE} m).${swapped}`);
  });
  const ordered = [...fixes].sort((a, b) => a.at.getTime() - b.at.getTime());
  const id = await app.pg.transact(async (client) => {
    const appended = await patrols.appendFixes(client, communityId, patrolId, ordered);
    if (appended === undefined) {
      if (patrolId !== null) throw notFound(`Patrol ${patrolId} of community ${communityId}`);
      throw unprocessable('body.community has no security patrol team (治安巡逻队) to record a patrol for.');
    }
    await app.liveEvents.recordPatrolPositions(
      client,
      communityId,
      appended,
      ordered.map((fix) => [fix.longitude, fix.latitude, Math.round(fix.at.getTime() / 1000)]),
    );
    return appended;
  });
  void app.liveEvents.poke().catch((error: Error) => app.log.warn({ err: error }, 'live events: read failed'));
  return id;
}
