// Reporting an incident and moving it through the workflow: the one way to do each, used by the API routes and by
// the live demo. Each is one transaction that also writes its live event, then wakes the live streams.
import type { FastifyInstance } from 'fastify';
import { isAllowedTransition, transitionNeedsNote, WORKFLOW_TRANSITIONS } from '#domain/workflow.ts';
import type { IncidentStatus } from '#domain/vocabulary.ts';
import { conflict, forbidden, notFound, unprocessable } from '../http-errors.ts';

export interface IncidentReport {
  category: string;
  source: string;
  title: string;
  description: string;
  longitude: number;
  latitude: number;
  /** Who reports it (their display name goes into the history). */
  actor: string;
  /** The communities the reporter may write in. */
  scope: number[];
}

/** Reports a new incident at a point (its grid and community derived from it); its id. */
export async function reportIncident(app: FastifyInstance, report: IncidentReport): Promise<number> {
  const incidents = app.repositories.incidents;
  const grid = await incidents.gridAt(report.longitude, report.latitude);
  if (!grid) throw unprocessable('body.location is not inside any grid of the demo city.');
  if (!report.scope.includes(grid.communityId)) throw forbidden('That place is outside your communities.');
  const now = app.now();
  const id = await app.pg.transact(async (client) => {
    const created = await incidents.create(client, { ...grid, ...report, at: now });
    await app.liveEvents.recordIncident(client, 'incident.reported', created, now);
    return created;
  });
  void app.liveEvents.poke().catch((error: Error) => app.log.warn({ err: error }, 'live events: read failed'));
  return id;
}

export interface IncidentMove {
  id: number;
  from: IncidentStatus;
  to: IncidentStatus;
  note: string;
  actor: string;
  scope: number[];
}

/** Moves an incident one step: 422 for a move the workflow does not allow, 409 when it is no longer at `from`. */
export async function moveIncident(app: FastifyInstance, { id, from, to, note, actor, scope }: IncidentMove): Promise<void> {
  if (!isAllowedTransition(from, to)) {
    throw unprocessable(`body.to: an incident cannot move from ${from} to ${to}; from ${from} it can go to ${WORKFLOW_TRANSITIONS[from].join(', ') || 'nowhere (it is closed)'}.`);
  }
  if (transitionNeedsNote(to) && note === '') throw unprocessable('body.note is required when returning an incident: say why.');
  const incidents = app.repositories.incidents;
  const now = app.now();
  await app.pg.transact(async (client) => {
    const current = await incidents.lockForMove(client, id, scope);
    if (!current) throw notFound(`Incident ${id}`);
    if (current.status !== from) {
      throw conflict(`The incident is now ${current.status}, not ${from}: someone moved it meanwhile. Reload and try again.`, { currentStatus: current.status });
    }
    await incidents.move(client, { id, communityId: current.communityId, from, to, actor, note, at: now });
    await app.liveEvents.recordIncident(client, 'incident.moved', id, now, { from, to });
  });
  void app.liveEvents.poke().catch((error: Error) => app.log.warn({ err: error }, 'live events: read failed'));
}
