// The planner's figures over a community's grids. The balance of each grid is the server's (one rule, in
// server/domain/grid-balance.ts); these only count and frame it.
import { GRID_HOUSEHOLD_NORM, type HouseholdNorm } from '#domain/grid-balance.ts';
import type { BBox, GridFeature } from '../../api/types.ts';

/** The households norm the grids were judged against: the server's (it may be configured), else the shared default. */
export function planNorm(grids: readonly GridFeature[] | undefined): HouseholdNorm {
  return grids?.[0]?.properties.balance.norm ?? GRID_HOUSEHOLD_NORM;
}

/** Households in all grids, and how many grids fall below and above the norm. */
export function balanceSummary(grids: readonly GridFeature[]): { households: number; below: number; above: number } {
  return {
    households: grids.reduce((sum, grid) => sum + grid.properties.households, 0),
    below: grids.filter((grid) => grid.properties.balance.status === 'below').length,
    above: grids.filter((grid) => grid.properties.balance.status === 'above').length,
  };
}

/** The box around a grid's outline, to fly to it. */
export function gridBounds(grid: GridFeature): BBox {
  const ring = grid.geometry.coordinates[0];
  const longitudes = ring.map((point) => point[0]);
  const latitudes = ring.map((point) => point[1]);
  return [Math.min(...longitudes), Math.min(...latitudes), Math.max(...longitudes), Math.max(...latitudes)];
}
