// Where an incident stands against the deadline of its current step (its `dueAt`, by the server's time limits):
// time left, or overdue by how long. Pure, so that the lists, the details, the map's tooltip and the tests share it.
import type { I18n } from '../i18n/i18n.tsx';

export type DueState = { kind: 'none' } | { kind: 'left'; ms: number } | { kind: 'overdue'; ms: number };

/**
 * At `now` (epoch milliseconds). Overdue when the server said so when it answered, or when the deadline has passed
 * since (a list read a while ago); closed incidents have no deadline.
 */
export function dueState(incident: { dueAt: string | null; overdue: boolean }, now: number): DueState {
  if (incident.dueAt === null) return { kind: 'none' };
  const ms = Date.parse(incident.dueAt) - now;
  if (incident.overdue || ms < 0) return { kind: 'overdue', ms: Math.max(0, -ms) };
  return { kind: 'left', ms };
}

/** Less than this left: the deadline is near (shown in amber). */
export const DUE_SOON_MS = 3_600_000;

/** A duration as its two largest units, rounded down: days and hours, hours and minutes, minutes, or under a minute. */
export function durationParts(ms: number): { unit: 'days' | 'hours' | 'minutes'; count: number }[] {
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return hours > 0 ? [{ unit: 'days', count: days }, { unit: 'hours', count: hours }] : [{ unit: 'days', count: days }];
  if (hours > 0) return minutes % 60 > 0 ? [{ unit: 'hours', count: hours }, { unit: 'minutes', count: minutes % 60 }] : [{ unit: 'hours', count: hours }];
  return minutes > 0 ? [{ unit: 'minutes', count: minutes }] : [];
}

/** A duration in the user's language: 2天3小时 / 2 d 3 h, 45分钟 / 45 min, 不足1分钟 / under a minute. */
export function formatDuration(ms: number, i18n: Pick<I18n, 't' | 'number' | 'locale'>): string {
  const parts = durationParts(ms);
  if (parts.length === 0) return i18n.t('due.underMinute');
  return parts.map((part) => i18n.t(`due.${part.unit}`, { count: i18n.number(part.count) })).join(i18n.locale === 'zh' ? '' : ' ');
}

/** "剩余 3小时20分钟" / "超期 2天1小时" (and English), or null when there is no deadline (closed). */
export function dueLabel(incident: { dueAt: string | null; overdue: boolean }, now: number, i18n: Pick<I18n, 't' | 'number' | 'locale'>): string | null {
  const state = dueState(incident, now);
  if (state.kind === 'none') return null;
  return i18n.t(state.kind === 'overdue' ? 'due.overdueBy' : 'due.left', { duration: formatDuration(state.ms, i18n) });
}
