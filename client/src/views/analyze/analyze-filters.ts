// The analyst's filter state, read from and written to the URL so a link restores the view.
import { INCIDENT_CATEGORIES, INCIDENT_STATUSES, type IncidentCategory, type IncidentStatus } from '../../../../server/domain/vocabulary.ts';
import { readList, readNumber } from '../../app/router.ts';

export const DISPLAY_MODES = ['heat', 'hexagons', 'points'] as const;
export type DisplayMode = (typeof DISPLAY_MODES)[number];

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
}

const ZONE_OFFSET = '+08:00';

export function localDate(date: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

export function defaultRange(days: number, now = new Date()): { from: string; to: string } {
  return { from: localDate(new Date(now.getTime() - (days - 1) * 86_400_000)), to: localDate(now) };
}

const isDate = (value: string | null): value is string => value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value);

export function readFilters(params: URLSearchParams): AnalyzeFilters {
  const range = defaultRange(30);
  const categories = readList(params, 'categories');
  const statuses = readList(params, 'statuses');
  const mode = params.get('mode');
  return {
    community: readNumber(params, 'community'),
    grid: readNumber(params, 'grid'),
    from: isDate(params.get('from')) ? params.get('from')! : range.from,
    to: isDate(params.get('to')) ? params.get('to')! : range.to,
    categories: (categories ?? [...INCIDENT_CATEGORIES]).filter((category): category is IncidentCategory => (INCIDENT_CATEGORIES as readonly string[]).includes(category)),
    statuses: (statuses ?? [...INCIDENT_STATUSES]).filter((status): status is IncidentStatus => (INCIDENT_STATUSES as readonly string[]).includes(status)),
    mode: (DISPLAY_MODES as readonly string[]).includes(mode ?? '') ? (mode as DisplayMode) : 'heat',
    incident: readNumber(params, 'incident'),
  };
}

/** The API's time window: from the start of `from` to the end of `to`, in the demo places' zone. */
export function apiWindow(filters: AnalyzeFilters): { from: string; to: string } {
  const end = new Date(`${filters.to}T00:00:00${ZONE_OFFSET}`);
  end.setTime(end.getTime() + 86_400_000);
  return { from: new Date(`${filters.from}T00:00:00${ZONE_OFFSET}`).toISOString(), to: end.toISOString() };
}

/** Lists equal to "everything" are left out of the URL and the request. */
export function listOrAll<T extends string>(values: T[], all: readonly T[]): T[] | undefined {
  return values.length === all.length ? undefined : values;
}
