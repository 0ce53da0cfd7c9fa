// One fetch path for every API call: credentials, the display token, and errors the UI can translate.

/** An API error as docs/api.md defines it: `{ error, message, details? }` with the HTTP status. The UI shows `code`, translated, never `message`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
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

/** Ends the display mode of this tab: the token is dropped from storage and from the address. */
export function forgetDisplayToken(): void {
  sessionStorage.removeItem(TOKEN_STORAGE_KEY);
  const url = new URL(window.location.href);
  if (url.searchParams.has('token')) {
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search);
  }
}

/** Replaces the token in a text (a URL in an error message, say) so that it can never reach the screen. */
export function withoutToken(text: string): string {
  const token = displayToken();
  return token ? text.replaceAll(token, '…') : text;
}

/** What the app does when the server says the session or the display token is no longer good. */
export type AuthProblem = 'session_expired' | 'token_revoked';
const authListeners = new Set<(problem: AuthProblem) => void>();
export function onAuthProblem(listener: (problem: AuthProblem) => void): () => void {
  authListeners.add(listener);
  return () => authListeners.delete(listener);
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

/** Headers for a request to our own API: the display token travels as a header, never in a URL. */
export function authHeaders(): Record<string, string> {
  const token = displayToken();
  return token ? { authorization: `Bearer ${token}` } : {};
}

export async function apiFetch<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const headers = new Headers(init.headers);
  for (const [name, value] of Object.entries(authHeaders())) headers.set(name, value);
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
    const error = new ApiError(response.status, payload.error ?? `http_${response.status}`, withoutToken(payload.message ?? `${response.status} ${response.statusText}`), payload.details);
    if (response.status === 401 && (error.code === 'session_expired' || error.code === 'token_revoked')) {
      for (const listener of authListeners) listener(error.code);
    }
    throw error;
  }
  return parsed as T;
}
