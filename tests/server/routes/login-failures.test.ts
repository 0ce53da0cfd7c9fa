import { describe, expect, it } from 'vitest';
import { LoginFailures } from '../../../server/routes/api/session/login-failures.ts';

describe('the lockout after many failed logins', () => {
  it('locks a username after 20 failures within an hour, for 15 minutes, and a success clears the count', () => {
    let now = Date.UTC(2026, 10, 29, 12);
    const failures = new LoginFailures(20, 60 * 60_000, 15 * 60_000, () => now);
    for (let attempt = 0; attempt < 19; attempt++) {
      failures.failed('leader');
      now += 60_000;
    }
    expect(failures.lockedForSeconds('leader')).toBe(0);
    failures.failed('leader');
    expect(failures.lockedForSeconds('leader')).toBe(15 * 60);
    expect(failures.lockedForSeconds('analyst')).toBe(0);
    now += 15 * 60_000;
    expect(failures.lockedForSeconds('leader')).toBe(0);

    // Failures spread over more than an hour do not add up.
    for (let attempt = 0; attempt < 40; attempt++) {
      failures.failed('planner');
      now += 4 * 60_000;
    }
    expect(failures.lockedForSeconds('planner')).toBe(0);

    for (let attempt = 0; attempt < 19; attempt++) failures.failed('admin');
    failures.succeeded('admin');
    failures.failed('admin');
    expect(failures.lockedForSeconds('admin')).toBe(0);
  });
});
