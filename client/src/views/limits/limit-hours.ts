import type { TimeLimitTable } from '../../api/types.ts';

/** Hours typed in a cell, if they are what the server takes: a number within the bounds, in whole steps; else null. */
export function parseHours(text: string, bounds: Pick<TimeLimitTable, 'minHours' | 'maxHours' | 'stepHours'>): number | null {
  if (text.trim() === '') return null;
  const hours = Number(text);
  if (!Number.isFinite(hours) || hours < bounds.minHours || hours > bounds.maxHours) return null;
  const steps = hours / bounds.stepHours;
  return Math.abs(steps - Math.round(steps)) < 1e-9 ? hours : null;
}
