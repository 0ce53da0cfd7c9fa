// The planner shows the server's balance (one rule, server/domain/grid-balance.ts): these check what /plan makes of it.
import { describe, expect, it } from 'vitest';
import { GRID_HOUSEHOLD_NORM, gridBalance } from '#domain/grid-balance.ts';
import { householdsPerStaff } from '#domain/staff-load.ts';
import { gridMeasureValue, volunteersPerThousand } from '../../../client/src/map/grid-measures.ts';
import { balanceSummary, gridBounds, planNorm } from '../../../client/src/views/plan/plan-summary.ts';
import { grid } from '../fixtures.ts';

describe('the planner’s balance figures', () => {
  it('counts the grids below and above the norm and adds up their households', () => {
    const grids = [grid(1, 120), grid(2, 420), grid(3, 800), grid(4, 299)];
    expect(balanceSummary(grids)).toEqual({ households: 1639, below: 2, above: 1 });
  });

  it('states the norm the server judged by (it may be configured), and the shared default before any grid arrives', () => {
    expect(planNorm(undefined)).toEqual(GRID_HOUSEHOLD_NORM);
    const configured = grid(1, 420);
    configured.properties.balance = gridBalance(420, 400, { min: 250, max: 450 });
    expect(planNorm([configured])).toEqual({ min: 250, max: 450 });
  });

  it('judges a grid against the norm, and tells how far it is from its own target', () => {
    expect(gridBalance(500, 400)).toMatchObject({ status: 'within', deviation: 0.25 });
    expect(gridBalance(501, 400).status).toBe('above');
  });

  it('frames a selected grid by its outline', () => {
    const [west, south, east, north] = gridBounds(grid(1, 300, { lon: 112.5, lat: 33 }));
    expect([west, south]).toEqual([112.5, 33]);
    expect(east).toBeCloseTo(112.501, 9);
    expect(north).toBeCloseTo(33.001, 9);
  });
});

describe('volunteers per 1,000 residents', () => {
  it('is per thousand residents, and 0 (not a division by zero) for a grid nobody lives in', () => {
    expect(volunteersPerThousand({ volunteers: 12, residents: 1500 })).toBe(8);
    expect(volunteersPerThousand({ volunteers: 3, residents: 0 })).toBe(0);
  });
});

describe('staff load: households per grid staff member', () => {
  it('divides households by staff, and gives no figure for a grid without staff', () => {
    expect(householdsPerStaff({ households: 420, staff: 3 })).toBe(140);
    expect(householdsPerStaff({ households: 420, staff: 0 })).toBeNull();
  });

  it('colours an unstaffed grid as carrying all its households, above any staffed grid of the same size', () => {
    const staffed = grid(1, 400);
    staffed.properties.staff = 2;
    const unstaffed = grid(2, 400);
    unstaffed.properties.staff = 0;
    expect(gridMeasureValue(staffed, 'householdsPerStaff')).toBe(200);
    expect(gridMeasureValue(unstaffed, 'householdsPerStaff')).toBe(400);
  });
});
