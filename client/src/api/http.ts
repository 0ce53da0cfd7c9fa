// One fetch path for every API call: credentials, the display token, and errors a person can read.

/** An API error as docs/api.md defines it: `{ error, message, details? }` with the HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

const TOKEN_STORAGE_KEY = 'gridatlas:display-token';

/** A display token given in the page URL (?token=...) is kept for the tab, so a wall display needs no login. */
export function displayToken(): string | null {
  const fromUrl = new URLSearchParams(window.location.search).get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_STORAGE_KEY, fromUrl);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_STORAGE_KEY);
}

export function apiUrl(path: string, query?: Record<string, string | number | boolean | undefined | null | readonly string[]>): string {
  const url = new URL(path, window.location.origin);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) url.searchParams.set(name, value.join(','));
    } else {
      url.searchParams.set(name, String(value));
    }
  }
  return url.pathname + url.search;
}

export async function apiFetch<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const headers = new Headers(init.headers);
  const token = displayToken();
  if (token) headers.set('authorization', `Bearer ${token}`);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(init.json);
  }
  let response: Response;
  try {
    response = await fetch(path, { ...init, body, headers, credentials: 'same-origin' });
  } catch (error) {
    throw new ApiError(0, 'network_error', `The server could not be reached (${(error as Error).message}).`);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON: a proxy error page or similar; reported below with the status.
  }
  if (!response.ok) {
    const payload = (parsed ?? {}) as { error?: string; message?: string; details?: unknown };
    throw new ApiError(response.status, payload.error ?? `http_${response.status}`, payload.message ?? `${response.status} ${response.statusText}`, payload.details);
  }
  return parsed as T;
}
