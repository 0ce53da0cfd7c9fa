// The summary of the selection, from the server's counts over every match (not the page the map loaded): the
// count, the open ones, time to close, and bars by category, status and grid. A bar is a filter: clicking it
// narrows the map, the list and the other charts to it; clicking the chosen one again shows all.
import { INCIDENT_CATEGORIES, INCIDENT_STATUSES, type IncidentCategory, type IncidentStatus } from '#domain/vocabulary.ts';
import type { IncidentAggregates } from '../../api/types.ts';
import { updateQuery } from '../../app/router.ts';
import { useI18n, type I18n } from '../../i18n/i18n.tsx';
import { CATEGORY_LABELS, STATUS_LABELS } from '../../i18n/messages.ts';
import { CATEGORY_COLOURS, STATUS_COLOURS } from '../../map/palette.ts';
import type { AnalyzeFilters } from './analyze-filters.ts';

/** The grids named in the ranking. */
const TOP_GRIDS = 8;

interface Bar {
  key: string;
  label: string;
  /** The full name, when the label shortens it. */
  title?: string;
  count: number;
  colour: string;
  chosen: boolean;
  onClick(): void;
}

function Bars({ title, bars, testId }: { title: string; bars: Bar[]; testId: string }) {
  const max = Math.max(1, ...bars.map((bar) => bar.count));
  return (
    <section className="summary-bars" data-testid={testId}>
      <h3>{title}</h3>
      <ul>
        {bars.map((bar) => (
          <li key={bar.key}>
            <button type="button" className={bar.chosen ? 'chosen' : ''} aria-pressed={bar.chosen} data-testid={`${testId}-${bar.key}`} data-count={bar.count} title={bar.title ?? bar.label} onClick={bar.onClick}>
              <span className="summary-bar-label">{bar.label}</span>
              <span className="summary-bar-track">
                <span className="summary-bar-fill" style={{ width: `${(bar.count / max) * 100}%`, background: bar.colour }} />
              </span>
              <span className="summary-bar-count">{bar.count.toLocaleString('zh-CN')}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Hours as hours under two days, else as days. */
export function durationText(hours: number | null, i18n: I18n): string {
  if (hours === null) return i18n.t('analyze.summary.noClosed');
  return hours < 48 ? i18n.t('analyze.summary.hours', { count: i18n.number(hours, { maximumFractionDigits: 1 }) }) : i18n.t('analyze.summary.days', { count: i18n.number(hours / 24, { maximumFractionDigits: 1 }) });
}

/** This code alone, or back to all (the parameter left out) when it already was alone. */
export function toggleOnly<T extends string>(chosen: readonly T[], code: T): T[] | null {
  return chosen.length === 1 && chosen[0] === code ? null : [code];
}

export function AnalyzeSummary({ aggregates, filters, loading }: { aggregates: IncidentAggregates | undefined; filters: AnalyzeFilters; loading: boolean }) {
  const i18n = useI18n();
  if (!aggregates) return null;
  const categoryBars: Bar[] = INCIDENT_CATEGORIES.filter((category) => (aggregates.byCategory[category] ?? 0) > 0 || filters.categories.length === 1).map((category) => ({
    key: category,
    label: i18n.label(CATEGORY_LABELS[category]),
    count: aggregates.byCategory[category] ?? 0,
    colour: CATEGORY_COLOURS[category],
    chosen: filters.categories.length === 1 && filters.categories[0] === category,
    onClick: () => updateQuery({ categories: toggleOnly<IncidentCategory>(filters.categories, category), incident: null }),
  }));
  categoryBars.sort((a, b) => b.count - a.count);
  const statusBars: Bar[] = INCIDENT_STATUSES.map((status) => ({
    key: status,
    label: i18n.label(STATUS_LABELS[status]),
    count: aggregates.byStatus[status] ?? 0,
    colour: STATUS_COLOURS[status],
    chosen: filters.statuses.length === 1 && filters.statuses[0] === status,
    onClick: () => updateQuery({ statuses: toggleOnly<IncidentStatus>(filters.statuses, status), incident: null }),
  }));
  // A grid's name starts with its community's (大同街社区第3网格): the bar says the rest, the title all of it.
  const communityNames = new Map(aggregates.byCommunity.map((community) => [community.communityId, community.name]));
  const shortName = (name: string, communityId: number) => {
    const community = communityNames.get(communityId);
    return community && name.startsWith(community) && name.length > community.length ? name.slice(community.length) : name;
  };
  const gridBars: Bar[] = [...aggregates.byGrid]
    .sort((a, b) => b.count - a.count || a.gridId - b.gridId)
    .slice(0, TOP_GRIDS)
    .map((grid) => ({
      key: String(grid.gridId),
      label: shortName(grid.name, grid.communityId),
      title: grid.name,
      count: grid.count,
      colour: '#3182bd',
      chosen: filters.grid === grid.gridId,
      onClick: () => updateQuery(filters.grid === grid.gridId ? { grid: null, incident: null } : { community: grid.communityId, grid: grid.gridId, incident: null }),
    }));

  return (
    <div className={`analyze-summary${loading ? ' is-loading' : ''}`} data-testid="analyze-summary" data-total={loading ? '' : String(aggregates.total)}>
      <h2>{i18n.t('analyze.summary')}</h2>
      <dl className="summary-figures">
        <div>
          <dt>{i18n.t('analyze.summary.total')}</dt>
          <dd data-testid="summary-total">{i18n.number(aggregates.total)}</dd>
        </div>
        <div>
          <dt>{i18n.t('analyze.summary.open')}</dt>
          <dd>{i18n.number(aggregates.open)}</dd>
        </div>
        <div>
          <dt>{i18n.t('analyze.summary.median')}</dt>
          <dd data-testid="summary-median">{durationText(aggregates.timeToClose.medianHours, i18n)}</dd>
        </div>
        <div>
          <dt>{i18n.t('analyze.summary.p90')}</dt>
          <dd>{durationText(aggregates.timeToClose.p90Hours, i18n)}</dd>
        </div>
      </dl>
      <Bars title={i18n.t('analyze.summary.byCategory')} bars={categoryBars} testId="summary-category" />
      <Bars title={i18n.t('analyze.summary.byStatus')} bars={statusBars} testId="summary-status" />
      {gridBars.length > 0 ? <Bars title={i18n.t('analyze.summary.byGrid')} bars={gridBars} testId="summary-grid" /> : null}
    </div>
  );
}
