// The figures a grid can be coloured by on the map, computed once here for the choropleth and the tooltips.
import { householdsPerStaff } from '#domain/staff-load.ts';
import type { GridFeature } from '../api/types.ts';

/** The grid measures a choropleth can show. */
export const GRID_MEASURES = ['openIncidents', 'households', 'volunteersPerThousand', 'householdsPerStaff'] as const;
export type GridMeasure = (typeof GRID_MEASURES)[number];

/** Volunteers per 1,000 residents (DESIGN.md §6, volunteer density); 0 for a grid with no residents. */
export function volunteersPerThousand({ volunteers, residents }: { volunteers: number; residents: number }): number {
  return residents > 0 ? (volunteers / residents) * 1000 : 0;
}

export function gridMeasureValue(grid: GridFeature, measure: GridMeasure): number {
  if (measure === 'volunteersPerThousand') return volunteersPerThousand(grid.properties);
  // An unstaffed grid carries its whole load alone: coloured as its households.
  if (measure === 'householdsPerStaff') return householdsPerStaff(grid.properties) ?? grid.properties.households;
  return grid.properties[measure];
}

/** The colour ramp's domain for a measure over these grids; never empty, so one grid still gets a colour. */
export function gridMeasureDomain(grids: GridFeature[], measure: GridMeasure): [number, number] {
  const values = grids.map((grid) => gridMeasureValue(grid, measure));
  return values.length === 0 ? [0, 1] : [Math.min(...values), Math.max(...values, Math.min(...values) + 1)];
}
