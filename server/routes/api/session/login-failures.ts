/**
 * A lockout after many failed logins for one username, on top of the per-minute rate limit: a slow
 * guesser who keeps under the limit for an hour is stopped for a while. Kept in this process's memory
 * (like the rate limit): with several server processes, each counts its own.
 */
export class LoginFailures {
  private readonly failures = new Map<string, { times: number[]; lockedUntil: number }>();

  constructor(
    /** Failed attempts within `windowMs` that lock the username. */
    readonly threshold = 20,
    readonly windowMs = 60 * 60_000,
    readonly lockMs = 15 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until the username may try again; 0 when it is not locked. */
  lockedForSeconds(username: string): number {
    const entry = this.failures.get(username);
    return entry ? Math.max(0, Math.ceil((entry.lockedUntil - this.now()) / 1000)) : 0;
  }

  failed(username: string): void {
    const now = this.now();
    const entry = this.failures.get(username) ?? { times: [], lockedUntil: 0 };
    entry.times = [...entry.times.filter((time) => now - time < this.windowMs), now];
    if (entry.times.length >= this.threshold) {
      entry.lockedUntil = now + this.lockMs;
      entry.times = [];
    }
    this.failures.set(username, entry);
    // Bounded memory: forget the oldest usernames when someone sprays many of them.
    if (this.failures.size > 10_000) this.failures.delete(this.failures.keys().next().value!);
  }

  succeeded(username: string): void {
    this.failures.delete(username);
  }
}
