import { INCIDENT_CATEGORIES, type IncidentCategory, type IncidentStatus } from './vocabulary.ts';

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

export const OPEN_STATUSES: readonly OpenStatus[] = ['reported', 'assigned', 'in_progress', 'verified', 'returned'];

export function isAllowedTransition(from: IncidentStatus, to: IncidentStatus): boolean {
  return WORKFLOW_TRANSITIONS[from].includes(to);
}

/** A note is required when an incident is sent back, so the next handler knows why. */
export function transitionNeedsNote(to: IncidentStatus): boolean {
  return to === 'returned';
}

/** A status an incident can wait in: every one but closed. Each has a time limit; closed has none. */
export type OpenStatus = Exclude<IncidentStatus, 'closed'>;

/**
 * The time limits of the workflow's steps (per-step time limits, 时限): hours an incident may stay in an open
 * status before it is overdue (超期), per category. These are the defaults the database is seeded with
 * (migration 006, table incident_time_limits); the city's admin changes them there (PUT /api/time-limits), and
 * the overdue rule (incident_is_overdue, in SQL) reads the table.
 */
export const DEFAULT_STATUS_TIME_LIMIT_HOURS: Readonly<Record<OpenStatus, number>> = {
  reported: 4,
  assigned: 24,
  in_progress: 72,
  verified: 24,
  returned: 24,
};

/**
 * Faster limits for urgent categories: a safety hazard (安全隐患) or a public-security matter (治安) is dispatched
 * within the hour and handled within a day.
 */
export const URGENT_CATEGORY_TIME_LIMIT_HOURS: Readonly<Partial<Record<IncidentCategory, Readonly<Record<OpenStatus, number>>>>> = {
  safety_hazard: { reported: 1, assigned: 4, in_progress: 24, verified: 8, returned: 4 },
  public_security: { reported: 1, assigned: 2, in_progress: 24, verified: 8, returned: 2 },
};

/** What an admin may set: from a quarter of an hour to 90 days, in steps of a quarter of an hour. */
export const TIME_LIMIT_BOUNDS = { minHours: 0.25, maxHours: 2160, stepHours: 0.25 } as const;

/** The default limit of one category and status. */
export function defaultTimeLimitHours(category: IncidentCategory, status: OpenStatus): number {
  return URGENT_CATEGORY_TIME_LIMIT_HOURS[category]?.[status] ?? DEFAULT_STATUS_TIME_LIMIT_HOURS[status];
}

/** Every category × open status with its default limit: the rows the database starts with. */
export function defaultTimeLimits(): { category: IncidentCategory; status: OpenStatus; hours: number }[] {
  return INCIDENT_CATEGORIES.flatMap((category) => OPEN_STATUSES.map((status) => ({ category, status, hours: defaultTimeLimitHours(category, status) })));
}
