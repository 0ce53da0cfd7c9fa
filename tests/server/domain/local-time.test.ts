import { describe, expect, it } from 'vitest';
import { lastPatrolNight, localIsoString, patrolNights } from '#domain/local-time.ts';

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

  it('writes local times with their offset', () => {
    expect(localIsoString(new Date('2026-11-29T14:59:30Z'))).toBe('2026-11-29T22:59:30+08:00');
  });
});
