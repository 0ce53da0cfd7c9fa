// Rules for text and times that arrive from users, shared by the server's request checks and the client.

/** The years an instant or a date in a request may fall in. */
export const REASONABLE_YEARS = { first: 1900, last: 2100 } as const;

const RFC3339_INSTANT = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function validCalendarDate(year: number, month: number, day: number): boolean {
  if (year < REASONABLE_YEARS.first || year > REASONABLE_YEARS.last || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** An RFC 3339 date and time with a zone, on a real calendar day, between 1900 and 2100. */
export function isReasonableInstant(text: string): boolean {
  const match = RFC3339_INSTANT.exec(text);
  if (!match) return false;
  const [, year, month, day, hour, minute, second, , zone] = match;
  if (!validCalendarDate(Number(year), Number(month), Number(day))) return false;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 60) return false;
  if (zone.length === 6 && (Number(zone.slice(1, 3)) > 23 || Number(zone.slice(4, 6)) > 59)) return false;
  return Number.isFinite(Date.parse(text));
}

/** A calendar date YYYY-MM-DD between 1900 and 2100. */
export function isReasonableLocalDate(text: string): boolean {
  const match = LOCAL_DATE.exec(text);
  return match !== null && validCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

export interface UnsafeText {
  field: string;
  reason: string;
}

/** A NUL character, or a UTF-16 surrogate without its pair (text that cannot be stored or shown). */
function textProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'contains a NUL character (\\u0000), which text may not contain';
  if (!text.isWellFormed()) return 'contains a lone UTF-16 surrogate, which is not valid text';
  return null;
}

/** The first string (or object key) in `value` that may not be stored, with its path; null when there is none. */
export function findUnsafeText(value: unknown, path: string): UnsafeText | null {
  if (typeof value === 'string') {
    const reason = textProblem(value);
    return reason ? { field: path, reason } : null;
  }
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = findUnsafeText(value[index], `${path}[${index}]`);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const keyReason = textProblem(key);
      if (keyReason) return { field: `${path} (a field name)`, reason: keyReason };
      const found = findUnsafeText(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}
