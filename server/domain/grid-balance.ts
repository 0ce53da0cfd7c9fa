// Grid balance: households per grid against the norm and against the grid's own target.
// Shared by the server (each grid of /api/grids carries its balance) and the client (the planner's live figures).

/**
 * A city grid holds about 300-500 households: the common national guidance for urban grids
 * (DESIGN.md §2). Configurable per deployment (GRID_HOUSEHOLD_NORM, e.g. "250-450").
 */
export const GRID_HOUSEHOLD_NORM = { min: 300, max: 500 } as const;

export interface HouseholdNorm {
  min: number;
  max: number;
}

export type BalanceStatus = 'below' | 'within' | 'above';

export interface GridBalance {
  /** Against the norm. */
  status: BalanceStatus;
  households: number;
  /** The grid's own target (grids.target_households). */
  target: number;
  /** households / target − 1: +0.25 is 25 % over the grid's target. */
  deviation: number;
  norm: HouseholdNorm;
}

export function balanceStatus(households: number, norm: HouseholdNorm = GRID_HOUSEHOLD_NORM): BalanceStatus {
  if (households < norm.min) return 'below';
  if (households > norm.max) return 'above';
  return 'within';
}

export function gridBalance(households: number, target: number, norm: HouseholdNorm = GRID_HOUSEHOLD_NORM): GridBalance {
  return {
    status: balanceStatus(households, norm),
    households,
    target,
    deviation: target > 0 ? Number((households / target - 1).toFixed(4)) : 0,
    norm: { min: norm.min, max: norm.max },
  };
}

/** Reads a norm written as "min-max" (GRID_HOUSEHOLD_NORM); throws with a clear message when it is not one. */
export function parseHouseholdNorm(text: string): HouseholdNorm {
  const match = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(text);
  const norm = match ? { min: Number(match[1]), max: Number(match[2]) } : null;
  if (!norm || norm.min <= 0 || norm.min >= norm.max) throw new Error(`a household norm must be "min-max" with 0 < min < max, e.g. "300-500"; got "${text}"`);
  return norm;
}
