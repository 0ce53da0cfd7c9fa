// Every error the UI shows, translated from the server's stable code (docs/api.md), never its English message.
import { ApiError } from '../api/http.ts';
import type { I18n } from './i18n.tsx';
import { STATUS_LABELS, type MessageKey } from './messages.ts';

/** The API's error codes and the client's own (network_error), each with its text. */
export const ERROR_CODE_MESSAGES: Record<string, MessageKey> = {
  invalid_request: 'error.code.invalid_request',
  unauthorized: 'error.code.unauthorized',
  session_expired: 'error.code.session_expired',
  token_revoked: 'error.code.token_revoked',
  forbidden: 'error.code.forbidden',
  cross_origin: 'error.code.cross_origin',
  not_found: 'error.code.not_found',
  conflict: 'error.code.conflict',
  unprocessable: 'error.code.unprocessable',
  payload_too_large: 'error.code.payload_too_large',
  unsupported_media_type: 'error.code.unsupported_media_type',
  rate_limited: 'error.code.rate_limited',
  timeout: 'error.code.timeout',
  database_unavailable: 'error.code.database_unavailable',
  overloaded: 'error.code.overloaded',
  internal_error: 'error.code.internal_error',
  network_error: 'error.code.network_error',
};

/** The request fields a view names in its own words, e.g. `{ 'body.title': t('report.titleField') }`. */
export type FieldLabels = Record<string, string>;

/** The fields an error is about: from `details` (validation) or the leading `body.x` of a 422 message. */
export function errorFields(error: ApiError): string[] {
  const details = Array.isArray(error.details) ? (error.details as Array<{ field?: unknown }>) : [];
  const fields = details.flatMap((detail) => (typeof detail.field === 'string' ? [detail.field] : []));
  if (fields.length > 0) return fields;
  const leading = /^((?:body|querystring|params)(?:\.[A-Za-z0-9_]+)+)/.exec(error.message);
  return leading ? [leading[1]] : [];
}

/** One line for the user, in their language: what went wrong, which field, and what to do. */
export function errorText(error: unknown, i18n: I18n, fieldLabels: FieldLabels = {}): string {
  if (!(error instanceof ApiError)) return i18n.t('error.code.client');
  const key = ERROR_CODE_MESSAGES[error.code];
  let text = key ? i18n.t(key) : i18n.t('error.code.unknown', { status: error.status });
  const fields = errorFields(error).map((field) => fieldLabels[field] ?? fieldLabels[field.split('.').slice(0, 2).join('.')] ?? field.replace(/^(body|querystring|params)\./, ''));
  if (fields.length > 0 && (error.code === 'invalid_request' || error.code === 'unprocessable')) text += ` ${i18n.t('error.fields', { fields: [...new Set(fields)].join(', ') })}`;
  if (error.code === 'conflict') {
    const current = (error.details as { currentStatus?: string } | undefined)?.currentStatus;
    if (current) text += ` ${i18n.t('error.currentStatus', { status: i18n.label(STATUS_LABELS[current as keyof typeof STATUS_LABELS], current) })}`;
  }
  return text;
}
