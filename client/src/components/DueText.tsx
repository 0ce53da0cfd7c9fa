import { dueLabel, dueState, DUE_SOON_MS } from '../app/due.ts';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * The time left in the incident's current step, or how long it is overdue; with `withDeadline`, the deadline itself
 * first (the detail), and a note for a closed incident. `now`: epoch milliseconds (useNow), one for a whole list.
 */
export function DueText({ incident, now, withDeadline = false }: { incident: { dueAt: string | null; overdue: boolean }; now: number; withDeadline?: boolean }) {
  const i18n = useI18n();
  const state = dueState(incident, now);
  if (state.kind === 'none') return withDeadline ? <span className="due-text due-text--none">{i18n.t('due.closed')}</span> : null;
  const tone = state.kind === 'overdue' ? 'overdue' : state.ms < DUE_SOON_MS ? 'soon' : 'left';
  return (
    <span className={`due-text due-text--${tone}`} data-testid="due-text" data-due={state.kind}>
      {withDeadline ? <span className="due-text-deadline">{i18n.dateTime(incident.dueAt)}</span> : null}
      <span className="due-text-remaining">{dueLabel(incident, now, i18n)}</span>
    </span>
  );
}
