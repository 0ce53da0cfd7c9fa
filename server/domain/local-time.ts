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
