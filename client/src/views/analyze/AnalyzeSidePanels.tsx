import { useState, type ReactNode } from 'react';
import { INCIDENT_CATEGORIES, INCIDENT_STATUSES } from '#domain/vocabulary.ts';
import type { AreaNode, IncidentFeature, User } from '../../api/types.ts';
import { updateQuery } from '../../app/router.ts';
import { useNow } from '../../app/use-now.ts';
import { DueText } from '../../components/DueText.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Spinner } from '../../components/Loading.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { CATEGORY_LABELS, STATUS_LABELS } from '../../i18n/messages.ts';
import { CATEGORY_COLOURS, OVERDUE_COLOUR, STATUS_COLOURS } from '../../map/palette.ts';
import { defaultRange, type AnalyzeFilters } from './analyze-filters.ts';
import { AreaTree } from './AreaTree.tsx';
import { CheckList } from './CheckList.tsx';
import { IncidentDetailPanel } from './IncidentDetailPanel.tsx';

const LIST_PAGE = 100;

/** The left panel: area, time range, categories and statuses; every change goes into the URL. */
export function FilterPanel({ filters, areas }: { filters: AnalyzeFilters; areas: { data?: AreaNode | null; error: Error | null; refetch(): unknown } }) {
  const i18n = useI18n();
  const setRange = (days: number) => updateQuery({ ...defaultRange(days), incident: null });
  return (
    <aside className="side-panel analyze-filters" aria-label={i18n.t('analyze.filters')}>
      <h2>{i18n.t('analyze.filters')}</h2>
      <section>
        <h3>{i18n.t('analyze.area')}</h3>
        {areas.error ? <ErrorMessage error={areas.error} onRetry={() => areas.refetch()} /> : areas.data ? <AreaTree tree={areas.data} filters={filters} /> : <Spinner />}
      </section>
      <section>
        <h3>{i18n.t('analyze.timeRange')}</h3>
        <div className="date-range">
          <label>
            {i18n.t('analyze.from')}
            <input type="date" value={filters.from} max={filters.to} data-testid="filter-from" onChange={(event) => event.target.value && updateQuery({ from: event.target.value, incident: null })} />
          </label>
          <label>
            {i18n.t('analyze.to')}
            <input type="date" value={filters.to} min={filters.from} data-testid="filter-to" onChange={(event) => event.target.value && updateQuery({ to: event.target.value, incident: null })} />
          </label>
        </div>
        <div className="button-row">
          <button type="button" className="button button--small" onClick={() => setRange(7)} data-testid="range-7">{i18n.t('analyze.last7')}</button>
          <button type="button" className="button button--small" onClick={() => setRange(30)} data-testid="range-30">{i18n.t('analyze.last30')}</button>
          <button type="button" className="button button--small" onClick={() => setRange(90)} data-testid="range-90">{i18n.t('analyze.last90')}</button>
        </div>
      </section>
      <CheckList title={i18n.t('analyze.categories')} all={INCIDENT_CATEGORIES} selected={filters.categories} labelOf={(value) => i18n.label(CATEGORY_LABELS[value])} colourOf={(value) => CATEGORY_COLOURS[value]} param="categories" testId="filter-category" />
      <CheckList title={i18n.t('analyze.statuses')} all={INCIDENT_STATUSES} selected={filters.statuses} labelOf={(value) => i18n.label(STATUS_LABELS[value])} colourOf={(value) => STATUS_COLOURS[value]} param="statuses" testId="filter-status" />
    </aside>
  );
}

/** The right panel: the selected incident, or the summary (`children`) and the list of results, a hundred at a time. */
export function ResultsPanel({ user, incidentId, showResponders, features, loading, children }: { user: User; incidentId: number | null; showResponders: boolean; features: IncidentFeature[]; loading: boolean; children?: ReactNode }) {
  const i18n = useI18n();
  const [listSize, setListSize] = useState(LIST_PAGE);
  const now = useNow(30_000);
  return (
    <aside className="side-panel analyze-results">
      {incidentId !== null ? (
        <IncidentDetailPanel id={incidentId} user={user} showResponders={showResponders} />
      ) : (
        <>
          {children}
          <h2>{i18n.t('analyze.list')}</h2>
          <p className="hint">{i18n.t('analyze.selectOnMap')}</p>
          {!loading && features.length === 0 ? <p className="empty">{i18n.t('analyze.noResults')}</p> : null}
          <ul className="incident-list" data-testid="incident-list">
            {features.slice(0, listSize).map((incident) => (
              <li key={incident.properties.id}>
                <button type="button" onClick={() => updateQuery({ incident: incident.properties.id })} data-testid="incident-list-item" data-incident={incident.properties.id} data-overdue={incident.properties.overdue}>
                  <span className="incident-list-dot" style={{ background: incident.properties.overdue ? OVERDUE_COLOUR : STATUS_COLOURS[incident.properties.status] }} />
                  <span className="incident-list-main">
                    <span className="incident-list-title">{incident.properties.title}</span>
                    <span className="incident-list-meta">
                      {i18n.label(CATEGORY_LABELS[incident.properties.category])} · {i18n.label(STATUS_LABELS[incident.properties.status])} · {i18n.dateTime(incident.properties.reportedAt)}
                    </span>
                    <DueText incident={incident.properties} now={now} />
                  </span>
                </button>
              </li>
            ))}
          </ul>
          {features.length > listSize ? (
            <button type="button" className="button button--small" onClick={() => setListSize(listSize + LIST_PAGE)}>
              {i18n.t('analyze.showMore')}
            </button>
          ) : null}
        </>
      )}
    </aside>
  );
}
