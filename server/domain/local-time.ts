import { LOCAL_TIME_ZONE } from './vocabulary.ts';

/** The demo places' time zone (IANA name), for Intl and for SQL parameters. */
export { LOCAL_TIME_ZONE };
/** Asia/Shanghai has no daylight saving time: local time is always UTC+8. */
export const LOCAL_UTC_OFFSET_HOURS = 8;
/** The same offset as ISO 8601 writes it. */
export const LOCAL_UTC_OFFSET = '+08:00';
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The local calendar day (midnight, as a UTC instant) that contains `instant`. */
export function localMidnight(instant: Date): Date {
  const shifted = instant.getTime() + LOCAL_UTC_OFFSET_HOURS * HOUR_MS;
  return new Date(Math.floor(shifted / DAY_MS) * DAY_MS - LOCAL_UTC_OFFSET_HOURS * HOUR_MS);
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

/** The local calendar date (YYYY-MM-DD) of an instant. */
export function localDateOf(instant: Date): string {
  return new Date(instant.getTime() + LOCAL_UTC_OFFSET_HOURS * HOUR_MS).toISOString().slice(0, 10);
}

/** An instant as local ISO 8601 with the offset, e.g. 2026-11-29T22:59:00+08:00 (what a spreadsheet reader expects). */
export function localIsoString(instant: Date): string {
  return `${new Date(instant.getTime() + LOCAL_UTC_OFFSET_HOURS * HOUR_MS).toISOString().slice(0, 19)}${LOCAL_UTC_OFFSET}`;
}

/** Night security patrols run 20:00-23:00 local time (DESIGN.md §2). */
export const PATROL_HOURS = { start: 20, end: 23 } as const;

/** One patrol night: its local date and its window [starts, ends). */
export interface PatrolNight {
  date: string;
  starts: Date;
  ends: Date;
}

/** The patrol window of a local date (YYYY-MM-DD). */
export function patrolNightOf(date: string): PatrolNight {
  const midnight = new Date(`${date}T00:00:00${LOCAL_UTC_OFFSET}`);
  if (Number.isNaN(midnight.getTime())) throw new RangeError(`not a local date: ${date}`);
  return { date, starts: atLocalHour(midnight, PATROL_HOURS.start), ends: atLocalHour(midnight, PATROL_HOURS.end) };
}

/**
 * The one definition of the patrol night, used by the KPI, the missed courtyards and the routes:
 * `last` is the most recent night that has ended (at 23:00 sharp tonight's has); `tonight` is the
 * night in progress while it runs (20:00-23:00), else null.
 */
export function patrolNights(now: Date): { last: PatrolNight; tonight: PatrolNight | null } {
  const today = patrolNightOf(localDateOf(now));
  const last = now.getTime() >= today.ends.getTime() ? today : patrolNightOf(localDateOf(new Date(localMidnight(now).getTime() - DAY_MS)));
  const tonight = now.getTime() >= today.starts.getTime() && now.getTime() < today.ends.getTime() ? today : null;
  return { last, tonight };
}

/** The `count` patrol nights that end with `last`, oldest first. */
export function patrolNightsEnding(last: PatrolNight, count: number): PatrolNight[] {
  const lastMidnight = new Date(`${last.date}T00:00:00${LOCAL_UTC_OFFSET}`).getTime();
  return Array.from({ length: count }, (_, index) => patrolNightOf(localDateOf(new Date(lastMidnight - (count - 1 - index) * DAY_MS + 12 * HOUR_MS))));
}

/** The local date (YYYY-MM-DD) of the most recent finished patrol night. */
export function lastPatrolNight(now = new Date()): string {
  return patrolNights(now).last.date;
}
