import type { IncidentStatus } from './vocabulary.ts';

/**
 * The incident workflow: 上报 → 分派 → 处置 → 核查 → 结案, and 退回 (returned) back from any working step.
 * A returned incident is dispatched again.
 */
export const WORKFLOW_TRANSITIONS: Readonly<Record<IncidentStatus, readonly IncidentStatus[]>> = {
  reported: ['assigned'],
  assigned: ['in_progress', 'returned'],
  in_progress: ['verified', 'returned'],
  verified: ['closed', 'returned'],
  returned: ['assigned'],
  closed: [],
};

export const OPEN_STATUSES: readonly IncidentStatus[] = ['reported', 'assigned', 'in_progress', 'verified', 'returned'];

export function isAllowedTransition(from: IncidentStatus, to: IncidentStatus): boolean {
  return WORKFLOW_TRANSITIONS[from].includes(to);
}

/** A note is required when an incident is sent back, so the next handler knows why. */
export function transitionNeedsNote(to: IncidentStatus): boolean {
  return to === 'returned';
}

/** Hours an incident may spend in a status before it counts as overdue (configurable later per city). */
export const STATUS_TIME_LIMIT_HOURS: Readonly<Record<IncidentStatus, number | null>> = {
  reported: 4,
  assigned: 24,
  in_progress: 72,
  verified: 24,
  returned: 24,
  closed: null,
};
