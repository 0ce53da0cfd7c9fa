import { describe, expect, it } from 'vitest';
import { lastPatrolNight, localIsoString, patrolNightOf, patrolNights, patrolNightsEnding } from '#domain/local-time.ts';
import { isRegularlyPatrolled, summarisePatrolWindow } from '#domain/patrol-coverage.ts';

describe('the patrol night (20:00-23:00 Asia/Shanghai)', () => {
  it('is yesterday before 23:00 local time and today from 23:00 on', () => {
    expect(lastPatrolNight(new Date('2026-11-29T14:59:00Z'))).toBe('2026-11-28'); // 22:59 local
    expect(lastPatrolNight(new Date('2026-11-29T15:00:00Z'))).toBe('2026-11-29'); // 23:00 local
    expect(lastPatrolNight(new Date('2026-11-29T15:01:00Z'))).toBe('2026-11-29'); // 23:01 local
    expect(lastPatrolNight(new Date('2026-11-30T00:00:00Z'))).toBe('2026-11-29'); // 08:00 local on the 30th
    expect(lastPatrolNight(new Date('2026-11-29T16:30:00Z'))).toBe('2026-11-29'); // 00:30 local on the 30th
  });

  it('shows tonight as in progress from 20:00 to 23:00 only', () => {
    expect(patrolNights(new Date('2026-11-29T11:59:00Z')).tonight).toBeNull(); // 19:59
    expect(patrolNights(new Date('2026-11-29T12:00:00Z')).tonight?.date).toBe('2026-11-29'); // 20:00
    const at2259 = patrolNights(new Date('2026-11-29T14:59:00Z'));
    expect(at2259.tonight?.date).toBe('2026-11-29');
    expect(at2259.last.starts.toISOString()).toBe('2026-11-28T12:00:00.000Z');
    expect(at2259.last.ends.toISOString()).toBe('2026-11-28T15:00:00.000Z');
    expect(patrolNights(new Date('2026-11-29T15:00:00Z')).tonight).toBeNull(); // 23:00
  });

  it('counts a window of nights back across month ends and a leap day, oldest first', () => {
    const window = patrolNightsEnding(patrolNightOf('2028-03-01'), 3);
    expect(window.map((night) => night.date)).toEqual(['2028-02-28', '2028-02-29', '2028-03-01']);
    expect(window[0].starts.toISOString()).toBe('2028-02-28T12:00:00.000Z');
    expect(patrolNightsEnding(patrolNightOf('2027-01-01'), 2).map((night) => night.date)).toEqual(['2026-12-31', '2027-01-01']);
    expect(patrolNightsEnding(patrolNightOf('2026-11-29'), 30)[0].date).toBe('2026-10-31');
    // At 22:59 the window ends with last night; at 23:00 with tonight's.
    expect(patrolNightsEnding(patrolNights(new Date('2026-11-30T14:59:00Z')).last, 7).at(-1)?.date).toBe('2026-11-29');
    expect(patrolNightsEnding(patrolNights(new Date('2026-11-30T15:00:00Z')).last, 7).at(-1)?.date).toBe('2026-11-30');
  });

  it('writes local times with their offset', () => {
    expect(localIsoString(new Date('2026-11-29T14:59:30Z'))).toBe('2026-11-29T22:59:30+08:00');
  });
});

describe('patrol coverage over a window of nights', () => {
  it('sums courtyard-nights per grid and per night, and calls a courtyard regular from 80% of the nights', () => {
    const courtyards = [
      { id: 1, gridId: 10, coveredNights: [1, 2, 3, 4, 5] },
      { id: 2, gridId: 10, coveredNights: [1, 2, 3, 4] },
      { id: 3, gridId: 11, coveredNights: [2, 3] },
      { id: 4, gridId: 11, coveredNights: [] },
    ];
    const summary = summarisePatrolWindow(courtyards, 5, [10, 11, 12]);
    expect(summary.compounds).toBe(4);
    expect(summary.coverage).toBe(0.55); // 11 of 20 courtyard-nights
    expect(summary.regular).toBe(2); // 5/5 and 4/5
    expect(summary.perNight).toEqual([0.5, 0.75, 0.75, 0.5, 0.25]);
    expect(summary.grids).toEqual([
      { gridId: 10, compounds: 2, coverage: 0.9, regular: 2 },
      { gridId: 11, compounds: 2, coverage: 0.2, regular: 0 },
      { gridId: 12, compounds: 0, coverage: null, regular: 0 },
    ]);
    expect(isRegularlyPatrolled(4, 5)).toBe(true);
    expect(isRegularlyPatrolled(3, 4)).toBe(false);
    expect(isRegularlyPatrolled(0, 0)).toBe(false);
  });
});
