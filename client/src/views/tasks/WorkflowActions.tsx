import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { WORKFLOW_TRANSITIONS, transitionNeedsNote } from '#domain/workflow.ts';
import type { IncidentStatus } from '#domain/vocabulary.ts';
import { apiFetch } from '../../api/http.ts';
import type { IncidentDetail, User } from '../../api/types.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Spinner } from '../../components/Loading.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { STATUS_LABELS } from '../../i18n/messages.ts';
import { STATUS_COLOURS } from '../../map/palette.ts';

/** Roles that move incidents through the workflow (docs/api.md: grid staff and admins). */
export const mayHandleIncidents = (user: User) => !user.readOnly && (user.role === 'grid_staff' || user.role === 'admin');

/**
 * The workflow buttons of one incident: only the moves the workflow allows from its status; returning asks for
 * a note first. The note is kept when the server refuses, so nothing typed is lost.
 */
export function WorkflowActions({ incident, user }: { incident: IncidentDetail; user: User }) {
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const [returning, setReturning] = useState(false);
  const [note, setNote] = useState('');
  const [pending, setPending] = useState<IncidentStatus | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const { id, status } = incident.properties;
  if (!mayHandleIncidents(user)) return null;
  const moves = WORKFLOW_TRANSITIONS[status];

  const move = async (to: IncidentStatus) => {
    if (transitionNeedsNote(to) && note.trim() === '') {
      setError(null);
      setReturning(true);
      return;
    }
    setPending(to);
    setError(null);
    setDone(null);
    try {
      await apiFetch(`/api/incidents/${id}/transitions`, { method: 'POST', json: { from: status, to, ...(note.trim() ? { note: note.trim() } : {}) } });
      setDone(i18n.t('tasks.moved', { id, status: i18n.label(STATUS_LABELS[to]) }));
      setNote('');
      setReturning(false);
    } catch (caught) {
      setError(caught);
    } finally {
      setPending(null);
      // Fresh state either way: after a 409 the incident shows its real status and the right buttons.
      await queryClient.invalidateQueries({ predicate: (query) => ['incident', 'incidents'].includes(String(query.queryKey[0])) });
    }
  };

  return (
    <section className="workflow-actions" data-testid="workflow-actions" data-status={status}>
      <h4>{i18n.t('tasks.actions')}</h4>
      {moves.length === 0 ? <p className="hint">{i18n.t('tasks.noActions')}</p> : null}
      {moves.length > 0 && !returning ? (
        <label className="workflow-note-field">
          <span>{i18n.t('tasks.note')}</span>
          <textarea value={note} onChange={(event) => setNote(event.target.value)} rows={2} maxLength={2000} data-testid="workflow-note" />
        </label>
      ) : null}
      {returning ? (
        <div className="workflow-return" data-testid="workflow-return">
          <label className="workflow-note-field">
            <span>{i18n.t('tasks.returnNote')}</span>
            <textarea value={note} onChange={(event) => setNote(event.target.value)} rows={3} maxLength={2000} autoFocus data-testid="workflow-return-note" />
          </label>
          {note.trim() === '' ? <p className="form-hint">{i18n.t('tasks.noteRequired')}</p> : null}
          <div className="button-row">
            <button type="button" className="button button--danger" disabled={note.trim() === '' || pending !== null} onClick={() => move('returned')} data-testid="workflow-confirm-return">
              {pending === 'returned' ? <Spinner size={14} /> : null}
              {i18n.t('tasks.confirmReturn')}
            </button>
            <button type="button" className="button" onClick={() => setReturning(false)}>{i18n.t('tasks.cancel')}</button>
          </div>
        </div>
      ) : (
        <div className="workflow-buttons">
          {moves.map((to) => (
            <button
              key={to}
              type="button"
              className={`button workflow-button ${to === 'returned' ? 'button--danger-outline' : 'button--primary'}`}
              style={to === 'returned' ? undefined : { background: STATUS_COLOURS[to], borderColor: STATUS_COLOURS[to], color: '#10213a' }}
              disabled={pending !== null}
              onClick={() => move(to)}
              data-testid={`workflow-move-${to}`}
            >
              {pending === to ? <Spinner size={14} /> : null}
              {i18n.label(STATUS_LABELS[to])}
            </button>
          ))}
        </div>
      )}
      {error ? <ErrorMessage error={error} prefix={false} fieldLabels={{ 'body.note': i18n.t('tasks.returnNote'), 'body.to': i18n.t('tooltip.status') }} /> : null}
      {done ? <p className="form-success" role="status" data-testid="workflow-done">{done}</p> : null}
    </section>
  );
}
