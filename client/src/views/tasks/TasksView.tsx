import { useMemo, useState } from 'react';
import { OPEN_STATUSES } from '#domain/workflow.ts';
import { useLiveRefresh } from '../../api/live-events.ts';
import { useFeatureList, useIncidentDetail } from '../../api/queries.ts';
import type { IncidentFeature, User } from '../../api/types.ts';
import { updateQuery, useQuery as useUrlQuery } from '../../app/router.ts';
import { ParamReader } from '../../app/url-params.ts';
import { useNow } from '../../app/use-now.ts';
import { DueText } from '../../components/DueText.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { LoadingOverlay, Spinner } from '../../components/Loading.tsx';
import { UrlNotice } from '../../components/UrlNotice.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { CATEGORY_LABELS, SOURCE_LABELS, STATUS_LABELS } from '../../i18n/messages.ts';
import { CATEGORY_COLOURS, STATUS_COLOURS } from '../../map/palette.ts';
import { ReportForm } from './ReportForm.tsx';
import { WorkflowHistory } from './WorkflowHistory.tsx';
import { WorkflowActions } from './WorkflowActions.tsx';
import './tasks.css';

const TABS = ['list', 'report'] as const;

/** Overdue first, then the longest waiting. */
function byUrgency(a: IncidentFeature, b: IncidentFeature): number {
  if (a.properties.overdue !== b.properties.overdue) return a.properties.overdue ? -1 : 1;
  return a.properties.reportedAt.localeCompare(b.properties.reportedAt);
}

function IncidentCard({ incident, now, onOpen }: { incident: IncidentFeature; now: number; onOpen(): void }) {
  const i18n = useI18n();
  const properties = incident.properties;
  return (
    <li>
      <button type="button" className={`task-card ${properties.overdue ? 'task-card--overdue' : ''}`} onClick={onOpen} data-testid="task-card" data-incident={properties.id} data-overdue={properties.overdue}>
        <span className="task-card-category" style={{ background: CATEGORY_COLOURS[properties.category] }}>{i18n.label(CATEGORY_LABELS[properties.category])}</span>
        <span className="task-card-title">{properties.title}</span>
        <span className="task-card-meta">
          <span style={{ color: STATUS_COLOURS[properties.status] }}>{i18n.label(STATUS_LABELS[properties.status])}</span>
          {/* 超期 and by how long, or the time left at this step. */}
          <DueText incident={properties} now={now} />
          <span>#{properties.id} · {i18n.dateTime(properties.reportedAt)}</span>
        </span>
      </button>
    </li>
  );
}

function TaskDetail({ id, user }: { id: number; user: User }) {
  const i18n = useI18n();
  const detail = useIncidentDetail(id);
  const now = useNow(30_000);
  return (
    <div className="task-detail" data-testid="task-detail">
      <button type="button" className="button button--small task-back" onClick={() => updateQuery({ incident: null })} data-testid="task-back">
        ← {i18n.t('tasks.back')}
      </button>
      {detail.isPending ? <LoadingOverlay label={i18n.t('app.loading')} subtle /> : null}
      {detail.error ? <ErrorMessage error={detail.error} onRetry={() => detail.refetch()} /> : null}
      {detail.data ? (
        <>
          <h2 className="task-detail-title">
            <span className="task-card-category" style={{ background: CATEGORY_COLOURS[detail.data.properties.category] }}>{i18n.label(CATEGORY_LABELS[detail.data.properties.category])}</span>
            {detail.data.properties.title}
          </h2>
          <dl className="task-facts">
            <dt>{i18n.t('tooltip.status')}</dt>
            <dd data-testid="task-status">
              <span style={{ color: STATUS_COLOURS[detail.data.properties.status] }}>{i18n.label(STATUS_LABELS[detail.data.properties.status])}</span>
              {detail.data.properties.overdue ? <span className="badge badge--danger">{i18n.t('legend.overdue')}</span> : null}
            </dd>
            <dt>{i18n.t('due.deadline')}</dt>
            <dd data-testid="task-due">
              <DueText incident={detail.data.properties} now={now} withDeadline />
            </dd>
            <dt>{i18n.t('analyze.source')}</dt>
            <dd>{i18n.label(SOURCE_LABELS[detail.data.properties.source])}</dd>
            <dt>{i18n.t('analyze.reportedAt')}</dt>
            <dd>{i18n.dateTime(detail.data.properties.reportedAt)}</dd>
          </dl>
          {detail.data.properties.description ? <p className="task-description">{detail.data.properties.description}</p> : null}
          <WorkflowActions incident={detail.data} user={user} />
          <h3>{i18n.t('analyze.history')}</h3>
          <WorkflowHistory incident={detail.data} />
        </>
      ) : null}
    </div>
  );
}

/** The grid member's desk, made for a phone outdoors: open incidents to handle, and a form to report a new one. */
export default function TasksView({ user }: { user: User }) {
  const i18n = useI18n();
  const [params] = useUrlQuery();
  const reader = new ParamReader(params);
  const tab = reader.oneOf('tab', TABS) ?? 'list';
  const incidentId = reader.integer('incident');
  const [reported, setReported] = useState<number | null>(null);
  // A new report or a colleague's move shows at once (the live stream); the minute's polling is the fallback.
  useLiveRefresh();
  const incidents = useFeatureList('incidents', { statuses: OPEN_STATUSES }, { pageSize: 1000, maxFeatures: 5000, refetchInterval: 60_000 });
  const sorted = useMemo(() => [...(incidents.data?.features ?? [])].sort(byUrgency), [incidents.data]);
  const overdue = sorted.filter((incident) => incident.properties.overdue).length;
  const now = useNow(30_000);

  return (
    <div className="tasks-view" data-testid="tasks">
      <UrlNotice problems={reader.problems} />
      <div className="tasks-tabs" role="tablist">
        {TABS.map((name) => (
          <button key={name} type="button" role="tab" aria-selected={tab === name} className={tab === name ? 'active' : ''} onClick={() => updateQuery({ tab: name === 'list' ? null : name, incident: null })} data-testid={`tasks-tab-${name}`}>
            {i18n.t(name === 'list' ? 'tasks.list' : 'tasks.report')}
          </button>
        ))}
      </div>
      <div className="tasks-body">
        {reported !== null ? (
          <p className="form-success" role="status" data-testid="report-done">
            {i18n.t('report.done', { id: reported })}
          </p>
        ) : null}
        {tab === 'report' ? (
          <ReportForm
            user={user}
            onReported={(id) => {
              setReported(id);
              updateQuery({ tab: null, incident: id });
            }}
          />
        ) : incidentId !== null ? (
          <TaskDetail id={incidentId} user={user} />
        ) : (
          <>
            <p className="tasks-count" data-testid="tasks-count">
              {incidents.isPending ? <Spinner size={14} /> : i18n.t('tasks.count', { count: i18n.number(sorted.length), overdue: i18n.number(overdue) })}
            </p>
            {incidents.error ? <ErrorMessage error={incidents.error} onRetry={() => incidents.refetch()} /> : null}
            {incidents.data && sorted.length === 0 ? <p className="empty">{i18n.t('tasks.empty')}</p> : null}
            <ul className="task-list" data-testid="task-list">
              {sorted.slice(0, 200).map((incident) => (
                <IncidentCard key={incident.properties.id} incident={incident} now={now} onOpen={() => { setReported(null); updateQuery({ incident: incident.properties.id }); }} />
              ))}
            </ul>
          </>
        )}
      </div>
    </div>
  );
}
