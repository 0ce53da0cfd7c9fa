/** An error with an HTTP status and a stable code, rendered as `{ error, message, details? }`. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** Sent as Retry-After (429 and 503). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const badRequest = (message: string, details?: unknown) => new HttpError(400, 'invalid_request', message, details);
export const unauthorized = (message = 'Log in first: this needs a session or a display token.') => new HttpError(401, 'unauthorized', message);
export const forbidden = (message: string) => new HttpError(403, 'forbidden', message);
export const notFound = (what: string) => new HttpError(404, 'not_found', `${what} was not found.`);
export const conflict = (message: string, details?: unknown) => new HttpError(409, 'conflict', message, details);
export const unprocessable = (message: string, details?: unknown) => new HttpError(422, 'unprocessable', message, details);
export const tooManyRequests = (message: string, retryAfterSeconds: number) => new HttpError(429, 'rate_limited', message, undefined, retryAfterSeconds);
export const overloaded = (message: string, retryAfterSeconds: number) => new HttpError(503, 'overloaded', message, undefined, retryAfterSeconds);
