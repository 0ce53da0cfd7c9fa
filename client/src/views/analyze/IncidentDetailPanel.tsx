import { useIncidentDetail } from '../../api/queries.ts';
import type { User } from '../../api/types.ts';
import { updateQuery } from '../../app/router.ts';
import { useNow } from '../../app/use-now.ts';
import { DueText } from '../../components/DueText.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { LoadingOverlay } from '../../components/Loading.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { CATEGORY_LABELS, SOURCE_LABELS, STATUS_LABELS } from '../../i18n/messages.ts';
import { CATEGORY_COLOURS, STATUS_COLOURS } from '../../map/palette.ts';
import { WorkflowHistory } from '../tasks/WorkflowHistory.tsx';
import { WorkflowActions } from '../tasks/WorkflowActions.tsx';
import { RespondersSection } from './RespondersSection.tsx';

/** One incident: its facts, the workflow buttons the user may press, its nearest volunteers, and its history. */
export function IncidentDetailPanel({ id, user, showResponders }: { id: number; user: User; showResponders: boolean }) {
  const i18n = useI18n();
  const detail = useIncidentDetail(id);
  const now = useNow(30_000);
  return (
    <div className="incident-detail" data-testid="incident-detail">
      <header>
        <h3>{i18n.t('analyze.detail')} #{id}</h3>
        <button type="button" className="button button--small button--ghost" onClick={() => updateQuery({ incident: null })}>
          {i18n.t('analyze.closeDetail')}
        </button>
      </header>
      {detail.isPending ? <LoadingOverlay label={i18n.t('app.loading')} subtle /> : null}
      {detail.error ? <ErrorMessage error={detail.error} onRetry={() => detail.refetch()} /> : null}
      {detail.data ? (
        <>
          <div className="incident-detail-title">
            <span className="badge" style={{ background: CATEGORY_COLOURS[detail.data.properties.category] }}>{i18n.label(CATEGORY_LABELS[detail.data.properties.category])}</span>
            <strong>{detail.data.properties.title}</strong>
          </div>
          {detail.data.properties.description ? <p className="incident-detail-description">{detail.data.properties.description}</p> : null}
          <dl className="incident-detail-facts">
            <dt>{i18n.t('tooltip.status')}</dt>
            <dd>
              <span style={{ color: STATUS_COLOURS[detail.data.properties.status] }}>{i18n.label(STATUS_LABELS[detail.data.properties.status])}</span>
              {detail.data.properties.overdue ? <span className="badge badge--danger">{i18n.t('legend.overdue')}</span> : null}
            </dd>
            <dt>{i18n.t('due.deadline')}</dt>
            <dd data-testid="incident-due">
              <DueText incident={detail.data.properties} now={now} withDeadline />
            </dd>
            <dt>{i18n.t('analyze.source')}</dt>
            <dd>{i18n.label(SOURCE_LABELS[detail.data.properties.source])}</dd>
            <dt>{i18n.t('analyze.reportedAt')}</dt>
            <dd>{i18n.dateTime(detail.data.properties.reportedAt)}</dd>
            <dt>{i18n.t('analyze.closedAt')}</dt>
            <dd>{i18n.dateTime(detail.data.properties.closedAt)}</dd>
          </dl>
          <WorkflowActions incident={detail.data} user={user} />
          <RespondersSection incidentId={id} shown={showResponders} />
          <h4>{i18n.t('analyze.history')}</h4>
          <WorkflowHistory incident={detail.data} actorLabel />
        </>
      ) : null}
    </div>
  );
}
