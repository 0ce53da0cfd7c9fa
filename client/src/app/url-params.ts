// Reading a view's state from the query string without trusting it: a bad value is ignored (the default is used)
// and its name is kept, so the view can say so in a small notice instead of failing.
import type { MapCamera } from './router.ts';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date YYYY-MM-DD (2026-13-45 and 2026-02-30 are not). */
export function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && year >= 2000 && year <= 2100;
}

export class ParamReader {
  readonly problems: string[] = [];

  constructor(readonly params: URLSearchParams) {}

  /** Marks a parameter as ignored. */
  reject(name: string): void {
    if (!this.problems.includes(name)) this.problems.push(name);
  }

  private raw(name: string): string | null {
    const value = this.params.get(name);
    return value === null || value.trim() === '' ? null : value.trim();
  }

  integer(name: string, { min = 1, max = Number.MAX_SAFE_INTEGER } = {}): number | null {
    const value = this.raw(name);
    if (value === null) return null;
    const number = Number(value);
    if (!/^-?\d+$/.test(value) || number < min || number > max) {
      this.reject(name);
      return null;
    }
    return number;
  }

  number(name: string, { min = -Infinity, max = Infinity } = {}): number | null {
    const value = this.raw(name);
    if (value === null) return null;
    const number = Number(value);
    if (!Number.isFinite(number) || number < min || number > max) {
      this.reject(name);
      return null;
    }
    return number;
  }

  oneOf<T extends string>(name: string, values: readonly T[]): T | null {
    const value = this.raw(name);
    if (value === null) return null;
    if (!(values as readonly string[]).includes(value)) {
      this.reject(name);
      return null;
    }
    return value as T;
  }

  /** A comma list of known codes; unknown codes are dropped (and noted). `special` values pass through. */
  list<T extends string>(name: string, values: readonly T[], special: readonly string[] = []): T[] | null {
    const value = this.params.get(name);
    if (value === null) return null;
    const items = value.split(',').map((item) => item.trim()).filter((item) => item !== '');
    const known = items.filter((item): item is T => (values as readonly string[]).includes(item));
    if (known.length + items.filter((item) => special.includes(item)).length !== items.length) this.reject(name);
    return known;
  }

  date(name: string): string | null {
    const value = this.raw(name);
    if (value === null) return null;
    if (!isCalendarDate(value)) {
      this.reject(name);
      return null;
    }
    return value;
  }

  flag(name: string): boolean {
    const value = this.params.get(name);
    if (value === null) return false;
    if (['', '1', 'true', 'yes'].includes(value)) return true;
    if (['0', 'false', 'no'].includes(value)) return false;
    this.reject(name);
    return false;
  }

  /** `map=lon,lat,zoom` inside the world and MapLibre's zoom range. */
  camera(name = 'map'): MapCamera | null {
    const value = this.raw(name);
    if (value === null) return null;
    const parts = value.split(',').map(Number);
    if (parts.length !== 3 || parts.some((part) => !Number.isFinite(part)) || Math.abs(parts[0]) > 180 || Math.abs(parts[1]) > 85 || parts[2] < 0 || parts[2] > 22) {
      this.reject(name);
      return null;
    }
    return { center: [parts[0], parts[1]], zoom: parts[2] };
  }
}
