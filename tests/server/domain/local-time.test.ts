import { describe, expect, it } from 'vitest';
import { lastPatrolNight } from '../../../server/domain/local-time.ts';

describe('the last patrol night (20:00-23:00 Asia/Shanghai)', () => {
  it('is yesterday before 23:00 local time and today from 23:00 on', () => {
    expect(lastPatrolNight(new Date('2026-11-29T14:59:00Z'))).toBe('2026-11-28'); // 22:59 local
    expect(lastPatrolNight(new Date('2026-11-29T15:00:00Z'))).toBe('2026-11-29'); // 23:00 local
    expect(lastPatrolNight(new Date('2026-11-29T16:30:00Z'))).toBe('2026-11-29'); // 00:30 local on the 30th: the 29th's night is the last finished one
  });
});
