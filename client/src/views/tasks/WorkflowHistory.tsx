import type { IncidentDetail } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { STATUS_LABELS } from '../../i18n/messages.ts';
import { STATUS_COLOURS } from '../../map/palette.ts';

/** An incident's steps through the workflow, oldest first: each move, when, by whom, and its note. */
export function WorkflowHistory({ incident, actorLabel = false }: { incident: IncidentDetail; actorLabel?: boolean }) {
  const i18n = useI18n();
  return (
    <ol className="workflow-history" data-testid="workflow-history">
      {incident.properties.events.map((event) => (
        <li key={event.id}>
          <span className="workflow-dot" style={{ background: STATUS_COLOURS[event.toStatus] }} />
          <div>
            <div className="workflow-step">
              {event.fromStatus ? `${i18n.label(STATUS_LABELS[event.fromStatus])} → ` : ''}
              <b>{i18n.label(STATUS_LABELS[event.toStatus])}</b>
            </div>
            <div className="workflow-meta">
              {i18n.dateTime(event.createdAt)} · {actorLabel ? `${i18n.t('analyze.actor')}: ` : ''}
              {event.actor}
            </div>
            {event.note ? <div className="workflow-note">{event.note}</div> : null}
          </div>
        </li>
      ))}
    </ol>
  );
}
