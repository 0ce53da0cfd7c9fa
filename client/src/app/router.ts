// A small history router: the path picks the view, the query string holds the view's state, so a link restores it.
import { useCallback, useSyncExternalStore } from 'react';

const LOCATION_EVENT = 'gridatlas:location';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(LOCATION_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(LOCATION_EVENT, onChange);
  };
}

const currentHref = () => window.location.pathname + window.location.search;

export function useLocation(): { pathname: string; search: string } {
  const href = useSyncExternalStore(subscribe, currentHref);
  const url = new URL(href, window.location.origin);
  return { pathname: url.pathname, search: url.search };
}

export function navigate(href: string, { replace = false } = {}): void {
  if (href === currentHref()) return;
  if (replace) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  window.dispatchEvent(new Event(LOCATION_EVENT));
}

export type QueryUpdate = Record<string, string | number | boolean | readonly (string | number)[] | null | undefined>;

/** Writes values into the query string (null or empty removes them); replaces the history entry by default. */
export function updateQuery(update: QueryUpdate, { replace = true } = {}): void {
  const url = new URL(window.location.href);
  for (const [name, value] of Object.entries(update)) {
    if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) url.searchParams.delete(name);
    else url.searchParams.set(name, Array.isArray(value) ? value.join(',') : String(value));
  }
  navigate(url.pathname + url.search, { replace });
}

/** The query string as a map, and a setter that writes it back. */
export function useQuery(): [URLSearchParams, (update: QueryUpdate, options?: { replace?: boolean }) => void] {
  const { search } = useLocation();
  const set = useCallback((update: QueryUpdate, options?: { replace?: boolean }) => updateQuery(update, options), []);
  return [new URLSearchParams(search), set];
}

export function readList(params: URLSearchParams, name: string): string[] | null {
  const value = params.get(name);
  if (value === null) return null;
  return value.split(',').filter((item) => item !== '');
}

export function readNumber(params: URLSearchParams, name: string): number | null {
  const value = params.get(name);
  if (value === null || value.trim() === '') return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

/** The map camera in the URL: `map=lon,lat,zoom`. */
export interface MapCamera {
  center: [number, number];
  zoom: number;
}

/** The camera of `map=lon,lat,zoom`, or null when absent or out of range (see ParamReader.camera). */
export function readCamera(params: URLSearchParams): MapCamera | null {
  const parts = (params.get('map') ?? '').split(',').map(Number);
  if (parts.length !== 3 || parts.some((part) => !Number.isFinite(part)) || Math.abs(parts[0]) > 180 || Math.abs(parts[1]) > 85 || parts[2] < 0 || parts[2] > 22) return null;
  return { center: [parts[0], parts[1]], zoom: parts[2] };
}

export function writeCamera(camera: MapCamera): string {
  return `${camera.center[0].toFixed(5)},${camera.center[1].toFixed(5)},${camera.zoom.toFixed(2)}`;
}
