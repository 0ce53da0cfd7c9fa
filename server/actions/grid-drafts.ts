// Checking and publishing a planner's grid draft. The checks are the shared pure module (server/domain/partition-checks.ts)
// that the client runs while editing; the server runs them again, on the stored buildings and the community's
// outline, before it writes anything.
import { area, featureCollection, intersect } from '@turf/turf';
import type { FastifyInstance } from 'fastify';
import type { Polygon } from 'geojson';
import { checkArea } from '#domain/geometry-rules.ts';
import { checkPartition, describeProblem, type PartitionGrid, type PartitionReport } from '#domain/partition-checks.ts';
import { badRequest, conflict, notFound, unprocessable } from '../http-errors.ts';
import type { CurrentGrid, DraftGrid, PublishedGrid } from '../repositories/grid-drafts-repository.ts';

/** The id a draft grid has in the checks: its own, or new-<n> for the n-th new grid. */
export const draftGridKey = (grid: DraftGrid, index: number, grids: DraftGrid[]): number | string =>
  grid.id ?? `new-${grids.slice(0, index + 1).filter((item) => item.id === null).length}`;

/** Shape rules on each grid of a draft and its ids against the base: a 400 naming the field, before anything is stored. */
export function checkDraftShape(draft: { baseVersions: Record<string, number>; grids: DraftGrid[] }): void {
  const seen = new Set<number>();
  draft.grids.forEach((grid, index) => {
    const rule = checkArea(grid.geometry, `body.grids[${index}].geometry`);
    if (!rule.valid) throw badRequest(rule.reason, [{ field: `body.grids[${index}].geometry`, reason: rule.reason }]);
    if (grid.id === null) return;
    if (seen.has(grid.id)) throw badRequest(`body.grids[${index}].id: grid ${grid.id} appears twice`, [{ field: `body.grids[${index}].id`, reason: 'appears twice' }]);
    seen.add(grid.id);
    if (draft.baseVersions[String(grid.id)] === undefined) {
      const reason = `grid ${grid.id} is not in body.baseVersions; give the version the draft started from`;
      throw badRequest(`body.grids[${index}].id: ${reason}`, [{ field: `body.grids[${index}].id`, reason }]);
    }
  });
}

/** The staff each draft grid would have: its own, plus those of grids it absorbs (a merged-away grid's go to the grid that takes most of its area). */
function staffOfDraft(grids: DraftGrid[], keys: (number | string)[], current: CurrentGrid[]): Map<number | string, number> {
  const staff = new Map<number | string, number>(keys.map((key, index) => [key, grids[index].id === null ? 0 : (current.find((grid) => grid.id === grids[index].id)?.staff ?? 0)]));
  const kept = new Set(grids.map((grid) => grid.id));
  for (const gone of current.filter((grid) => !kept.has(grid.id) && grid.staff > 0)) {
    let best: { key: number | string; m2: number } | null = null;
    grids.forEach((grid, index) => {
      const common = intersect(featureCollection([{ type: 'Feature', geometry: gone.geometry, properties: {} }, { type: 'Feature', geometry: grid.geometry as Polygon, properties: {} }]));
      const m2 = common ? area(common) : 0;
      if (m2 > 0 && (!best || m2 > best.m2)) best = { key: keys[index], m2 };
    });
    const heir = best as { key: number | string; m2: number } | null;
    if (heir) staff.set(heir.key, staff.get(heir.key)! + gone.staff);
  }
  return staff;
}

export interface DraftReportBody {
  valid: boolean;
  problems: (PartitionReport['problems'][number] & { message: { zh: string; en: string } })[];
  grids: { id: number | string; name: string; buildings: number; households: number; targetHouseholds: number; balance: PartitionReport['grids'][number]['balance']; staff: number; staffLoad: number | null }[];
  households: number;
}

/** Every check of the partition on a draft, with readable reasons and each grid's figures. */
export async function checkDraft(app: FastifyInstance, communityId: number, grids: DraftGrid[]): Promise<DraftReportBody> {
  const repository = app.repositories.gridDrafts;
  const [basis, current] = await Promise.all([repository.partitionBasis(communityId), repository.currentGrids(communityId)]);
  const keys = grids.map((grid, index) => draftGridKey(grid, index, grids));
  const staff = staffOfDraft(grids, keys, current);
  const partitionGrids: PartitionGrid[] = grids.map((grid, index) => ({ id: keys[index], name: grid.name, geometry: grid.geometry, targetHouseholds: grid.targetHouseholds, staff: staff.get(keys[index])! }));
  const report = checkPartition({ community: basis.community, grids: partitionGrids, buildings: basis.buildings, norm: app.config.gridHouseholdNorm });
  const gridNames = new Map(partitionGrids.map((grid) => [grid.id, grid.name]));
  const buildingNames = new Map(basis.buildings.map((building) => [building.id, building.name ?? `#${building.id}`]));
  const names = { grid: (id: number | string) => gridNames.get(id) ?? String(id), building: (id: number) => buildingNames.get(id) ?? `#${id}` };
  return {
    valid: report.problems.length === 0,
    problems: report.problems.map((problem) => ({ ...problem, message: { zh: describeProblem(problem, 'zh', names), en: describeProblem(problem, 'en', names) } })),
    grids: report.grids.map((figures, index) => ({
      id: figures.id,
      name: partitionGrids[index].name,
      buildings: figures.buildings,
      households: figures.households,
      targetHouseholds: partitionGrids[index].targetHouseholds,
      balance: figures.balance,
      staff: partitionGrids[index].staff,
      staffLoad: figures.staffLoad,
    })),
    households: report.households,
  };
}

/**
 * Publishes the planner's draft: every check again (422 naming the first problems, nothing written), then in one
 * transaction the base versions (409 naming the grids changed meanwhile and who changed them) and the writes.
 */
export async function publishDraft(app: FastifyInstance, { communityId, userId, author, reason }: { communityId: number; userId: number; author: string; reason: string }): Promise<PublishedGrid[]> {
  const repository = app.repositories.gridDrafts;
  const draft = await repository.get(communityId, userId);
  if (!draft) throw notFound(`A grid draft of yours for community ${communityId}`);
  const report = await checkDraft(app, communityId, draft.grids);
  if (!report.valid) {
    const first = report.problems.slice(0, 3).map((problem) => problem.message.en).join('; ');
    throw unprocessable(`The draft cannot be published: ${report.problems.length} problem(s): ${first}${report.problems.length > 3 ? '; …' : ''}`, { problems: report.problems.map(({ geometry: _geometry, ...problem }) => problem) });
  }
  const now = app.now();
  return app.pg.transact(async (client) => {
    const stale = await repository.lockAndFindStale(client, communityId, draft.baseVersions);
    if (stale.length > 0) {
      const who = stale.map((grid) => `${grid.name} (${grid.version === null ? 'removed' : `now version ${grid.version}`}${grid.changedBy ? ` by ${grid.changedBy}` : ''})`).join(', ');
      throw conflict(`The grids changed since your draft was started: ${who}. Reload the current boundaries and apply your changes again.`, { staleGrids: stale });
    }
    const published = await repository.publish(client, communityId, draft.grids, author, reason, now);
    await repository.remove(communityId, userId, client);
    return published;
  });
}
