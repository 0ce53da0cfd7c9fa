// The analyst's filter state, read from and written to the URL so a link restores the view. Invalid values are
// ignored (defaults used) and named in `problems`.
import { INCIDENT_CATEGORIES, INCIDENT_STATUSES, type IncidentCategory, type IncidentStatus } from '#domain/vocabulary.ts';
import { LOCAL_TIME_ZONE, LOCAL_UTC_OFFSET } from '#domain/local-time.ts';
import type { IncidentFilter } from '../../api/queries.ts';
import { ParamReader } from '../../app/url-params.ts';
import { parseArea, type DrawnArea } from './drawn-area.ts';

export const DISPLAY_MODES = ['heat', 'hexagons', 'grids', 'points'] as const;
export type DisplayMode = (typeof DISPLAY_MODES)[number];

/**
 * Coverage measures (DESIGN.md §6) the map can lay under the incidents, for the selected community: patrol
 * coverage over the last 30 nights, the service life circle, volunteer density and staff load.
 */
export const COVERAGE_OVERLAYS = ['patrols', 'services', 'volunteers', 'staff'] as const;
export type CoverageOverlay = (typeof COVERAGE_OVERLAYS)[number];

/** The histogram's bars: a day, a week (from Monday) or a month, in local time. */
export const HISTOGRAM_INTERVALS = ['day', 'week', 'month'] as const;
export type HistogramInterval = (typeof HISTOGRAM_INTERVALS)[number];

export interface AnalyzeFilters {
  community: number | null;
  grid: number | null;
  /** Local dates, YYYY-MM-DD, both included. */
  from: string;
  to: string;
  categories: IncidentCategory[];
  statuses: IncidentStatus[];
  mode: DisplayMode;
  incident: number | null;
  /** A drawn area (polygon, rectangle or circle); only incidents inside it match. */
  area: DrawnArea | null;
  interval: HistogramInterval;
  /** Show the open incident's nearest volunteers (片区呼叫). */
  responders: boolean;
  /** The coverage measure drawn under the incidents (`?overlay=`); only with a community selected. */
  overlay: CoverageOverlay | null;
}

export function localDate(date: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: LOCAL_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

export function defaultRange(days: number, now = new Date()): { from: string; to: string } {
  return { from: localDate(new Date(now.getTime() - (days - 1) * 86_400_000)), to: localDate(now) };
}

export function readFilters(params: URLSearchParams): { filters: AnalyzeFilters; problems: string[] } {
  const reader = new ParamReader(params);
  const range = defaultRange(30);
  let from = reader.date('from');
  let to = reader.date('to');
  if (from && to && from > to) {
    reader.reject('from');
    reader.reject('to');
    from = to = null;
  }
  const categories = reader.list('categories', INCIDENT_CATEGORIES, ['none']);
  const statuses = reader.list('statuses', INCIDENT_STATUSES, ['none']);
  const filters: AnalyzeFilters = {
    community: reader.integer('community', { max: 2_147_483_647 }),
    grid: reader.integer('grid', { max: 2_147_483_647 }),
    from: from ?? (to && to < range.from ? to : range.from),
    to: to ?? (from && from > range.to ? from : range.to),
    categories: categories ?? [...INCIDENT_CATEGORIES],
    statuses: statuses ?? [...INCIDENT_STATUSES],
    mode: reader.oneOf('mode', DISPLAY_MODES) ?? 'heat',
    incident: reader.integer('incident'),
    area: readArea(reader),
    interval: reader.oneOf('interval', HISTOGRAM_INTERVALS) ?? 'day',
    responders: reader.flag('responders'),
    overlay: reader.oneOf('overlay', COVERAGE_OVERLAYS),
  };
  reader.camera();
  return { filters, problems: reader.problems };
}

function readArea(reader: ParamReader): DrawnArea | null {
  const value = reader.params.get('area');
  if (value === null || value.trim() === '') return null;
  const parsed = parseArea(value);
  if ('area' in parsed) return parsed.area;
  reader.reject('area');
  return null;
}

/** The API's time window: from the start of `from` to the end of `to`, in the demo places' zone. */
export function apiWindow(filters: AnalyzeFilters): { from: string; to: string } {
  const end = new Date(`${filters.to}T00:00:00${LOCAL_UTC_OFFSET}`);
  end.setTime(end.getTime() + 86_400_000);
  return { from: new Date(`${filters.from}T00:00:00${LOCAL_UTC_OFFSET}`).toISOString(), to: end.toISOString() };
}

/** Lists equal to "everything" are left out of the URL and the request. */
export function listOrAll<T extends string>(values: T[], all: readonly T[]): T[] | undefined {
  return values.length === all.length ? undefined : values;
}

/** The API request for a set of filters: the local dates as a time window, "everything" lists left out. */
export function incidentRequest(filters: AnalyzeFilters): IncidentFilter {
  const range = apiWindow(filters);
  return {
    community: filters.community,
    grid: filters.grid,
    from: range.from,
    to: range.to,
    categories: listOrAll<IncidentCategory>(filters.categories, INCIDENT_CATEGORIES),
    statuses: listOrAll<IncidentStatus>(filters.statuses, INCIDENT_STATUSES),
  };
}

/** The histogram shows this many days up to today (more when the chosen window starts earlier), so a brush can widen as well as narrow. */
export const HISTOGRAM_DAYS = 365;

/** The histogram's time span: the last HISTOGRAM_DAYS days, stretched to hold the chosen window. */
export function histogramRange(filters: Pick<AnalyzeFilters, 'from' | 'to'>, now = new Date()): { from: string; to: string } {
  const recent = defaultRange(HISTOGRAM_DAYS, now);
  return { from: filters.from < recent.from ? filters.from : recent.from, to: filters.to > recent.to ? filters.to : recent.to };
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The last local date of the period that starts on `start` (a day, a week from Monday, a month). */
export function periodEnd(start: string, interval: HistogramInterval): string {
  if (interval === 'day') return start;
  if (interval === 'week') return addDays(start, 6);
  const [year, month] = start.split('-').map(Number);
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}
