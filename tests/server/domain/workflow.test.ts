import { describe, expect, it } from 'vitest';
import { INCIDENT_STATUSES } from '#domain/vocabulary.ts';
import { isAllowedTransition, transitionNeedsNote, WORKFLOW_TRANSITIONS } from '#domain/workflow.ts';

describe('the incident workflow', () => {
  it('follows 上报 → 分派 → 处置 → 核查 → 结案', () => {
    const path = ['reported', 'assigned', 'in_progress', 'verified', 'closed'] as const;
    for (let index = 1; index < path.length; index++) expect(isAllowedTransition(path[index - 1], path[index])).toBe(true);
  });

  it('never skips a step, never leaves closed, and can always return a working step', () => {
    expect(isAllowedTransition('reported', 'closed')).toBe(false);
    expect(isAllowedTransition('assigned', 'verified')).toBe(false);
    for (const status of INCIDENT_STATUSES) expect(isAllowedTransition('closed', status)).toBe(false);
    for (const status of ['assigned', 'in_progress', 'verified'] as const) expect(isAllowedTransition(status, 'returned')).toBe(true);
    expect(WORKFLOW_TRANSITIONS.returned).toEqual(['assigned']);
  });

  it('asks for a note only when returning', () => {
    expect(transitionNeedsNote('returned')).toBe(true);
    expect(transitionNeedsNote('closed')).toBe(false);
  });
});
