// Patrol coverage (DESIGN.md §6): a courtyard counts as covered on a patrol night when some GPS point of
// that night came within this distance of it. The night itself is defined in local-time.ts.

export const PATROL_COVERAGE_RADIUS_METRES = 50;

/** Coverage over a window of nights: how many finished nights it looks back by default, and at most. */
export const PATROL_WINDOW_NIGHTS = { default: 30, max: 90 } as const;

/**
 * A courtyard is patrolled regularly when the patrols came near it on at least this share of the window's
 * nights; below it, it is listed as uncovered. Nights without any patrol count as nights it was missed:
 * for the residents, a night nobody walked is a night nobody came by.
 */
export const PATROL_REGULAR_SHARE = 0.8;

/** The heat surface's hexagons, in metres across (flat to flat): about a block, so single streets read. */
export const PATROL_HEAT_HEXAGON_METRES = 80;

/** Whether a courtyard covered on `covered` of `nights` nights counts as regularly patrolled. */
export function isRegularlyPatrolled(covered: number, nights: number): boolean {
  return nights > 0 && covered / nights >= PATROL_REGULAR_SHARE;
}

/** A courtyard's record over the window: the nights (1-based, oldest first) the patrols came near it. */
export interface CourtyardNights {
  id: number;
  gridId: number | null;
  coveredNights: readonly number[];
}

/** Covered share, 4 decimals; null when there is nothing to cover. */
export const coverageShare = (covered: number, total: number): number | null => (total === 0 ? null : Number((covered / total).toFixed(4)));

/**
 * The window's figures from the courtyard × night record: per night (the share of courtyards covered),
 * per grid and overall (the share of courtyard-nights covered, and how many courtyards are patrolled
 * regularly).
 */
export function summarisePatrolWindow(courtyards: readonly CourtyardNights[], nightCount: number, gridIds: readonly number[]) {
  const tally = (list: readonly CourtyardNights[]) => {
    const coveredNights = list.reduce((sum, courtyard) => sum + courtyard.coveredNights.length, 0);
    return {
      compounds: list.length,
      coverage: coverageShare(coveredNights, list.length * nightCount),
      regular: list.filter((courtyard) => isRegularlyPatrolled(courtyard.coveredNights.length, nightCount)).length,
    };
  };
  const perNight = Array.from({ length: nightCount }, (_, index) =>
    coverageShare(courtyards.filter((courtyard) => courtyard.coveredNights.includes(index + 1)).length, courtyards.length),
  );
  return {
    ...tally(courtyards),
    perNight,
    grids: gridIds.map((gridId) => ({ gridId, ...tally(courtyards.filter((courtyard) => courtyard.gridId === gridId)) })),
  };
}
