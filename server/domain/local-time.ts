/** Asia/Shanghai has no daylight saving time: local time is always UTC+8. */
export const LOCAL_UTC_OFFSET_HOURS = 8;
const HOUR_MS = 3_600_000;

/** The local calendar day (midnight, as a UTC instant) that contains `instant`. */
export function localMidnight(instant: Date): Date {
  const shifted = instant.getTime() + LOCAL_UTC_OFFSET_HOURS * HOUR_MS;
  return new Date(Math.floor(shifted / (24 * HOUR_MS)) * 24 * HOUR_MS - LOCAL_UTC_OFFSET_HOURS * HOUR_MS);
}

/** The instant at local `hours` (may be fractional) on the local day starting at `midnight`. */
export function atLocalHour(midnight: Date, hours: number): Date {
  return new Date(midnight.getTime() + hours * HOUR_MS);
}

/** Hours since local midnight. */
export function localHourOf(instant: Date): number {
  return (instant.getTime() - localMidnight(instant).getTime()) / HOUR_MS;
}

/** 0 = Sunday … 6 = Saturday, in local time. */
export function localWeekday(instant: Date): number {
  return new Date(instant.getTime() + LOCAL_UTC_OFFSET_HOURS * HOUR_MS).getUTCDay();
}

/** Night security patrols run 20:00-23:00 local time (DESIGN.md §2). */
export const PATROL_HOURS = { start: 20, end: 23 } as const;

/** The local date (YYYY-MM-DD) of the most recent finished patrol night. */
export function lastPatrolNight(now = new Date()): string {
  const finishedTonight = localHourOf(now) >= PATROL_HOURS.end;
  const night = new Date(localMidnight(now).getTime() - (finishedTonight ? 0 : 24 * HOUR_MS));
  // The local calendar date of that midnight.
  return new Date(night.getTime() + LOCAL_UTC_OFFSET_HOURS * HOUR_MS).toISOString().slice(0, 10);
}
