// The command display's building blocks: framed panels, the clock, KPI tiles, the overdue list and the ticker.
import { SERVICE_RADII_METRES } from '#domain/service-coverage.ts';
import { householdsPerStaff } from '#domain/staff-load.ts';
import { type ReactNode } from 'react';
import { LOCAL_TIME_ZONE } from '#domain/local-time.ts';
import type { Community, IncidentFeature, IncidentProperties, ServiceCoverage } from '../../api/types.ts';
import { useNow } from '../../app/use-now.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { CATEGORY_LABELS, STATUS_LABELS } from '../../i18n/messages.ts';
import { CATEGORY_COLOURS, OVERDUE_COLOUR, STATUS_COLOURS } from '../../map/palette.ts';

export function Panel({ title, children, className, testId, communityId }: { title: string; children: ReactNode; className?: string; testId?: string; communityId?: number | null }) {
  return (
    <section className={`screen-panel ${className ?? ''}`} data-testid={testId} data-community-id={communityId ?? undefined}>
      <header className="screen-panel-title">
        <span className="screen-panel-title-mark" aria-hidden="true" />
        <h2 title={title}>{title}</h2>
      </header>
      <div className="screen-panel-body">{children}</div>
      <span className="screen-panel-corner screen-panel-corner--tl" aria-hidden="true" />
      <span className="screen-panel-corner screen-panel-corner--tr" aria-hidden="true" />
      <span className="screen-panel-corner screen-panel-corner--bl" aria-hidden="true" />
      <span className="screen-panel-corner screen-panel-corner--br" aria-hidden="true" />
    </section>
  );
}

export function Clock() {
  const i18n = useI18n();
  const now = new Date(useNow(1000));
  return (
    <div className="screen-clock" data-testid="screen-clock">
      <span className="screen-clock-time">{i18n.time(now, true)}</span>
      <span className="screen-clock-date">{i18n.dateTime(now, { month: 'short', day: 'numeric', weekday: 'short', timeZone: LOCAL_TIME_ZONE })}</span>
    </div>
  );
}

export interface KpiProps {
  label: string;
  value: string;
  unit?: string;
  note?: ReactNode;
  tone?: 'normal' | 'warning' | 'danger' | 'good';
  testId: string;
  onClick?(): void;
  pressed?: boolean;
  /** The value is words, not a figure: set smaller so that it fits the tile. */
  wordy?: boolean;
}

export function Kpi({ label, value, unit, note, tone = 'normal', testId, onClick, pressed, wordy = false }: KpiProps) {
  const body = (
    <>
      <div className="screen-kpi-value">
        <span data-testid={`${testId}-value`}>{value}</span>
        {unit ? <small>{unit}</small> : null}
      </div>
      <div className="screen-kpi-label">{label}</div>
      {note ? <div className="screen-kpi-note">{note}</div> : null}
    </>
  );
  return onClick ? (
    <button type="button" className={`screen-kpi screen-kpi--${tone} screen-kpi--button${wordy ? ' screen-kpi--wordy' : ''}`} data-testid={testId} onClick={onClick} aria-pressed={pressed}>
      {body}
    </button>
  ) : (
    <div className={`screen-kpi screen-kpi--${tone}${wordy ? ' screen-kpi--wordy' : ''}`} data-testid={testId}>
      {body}
    </div>
  );
}

export function OverdueList({ incidents, onClose }: { incidents: IncidentFeature[]; onClose(): void }) {
  const i18n = useI18n();
  return (
    <div className="screen-overdue" data-testid="overdue-list" role="dialog" aria-label={i18n.t('screen.overdueList', { count: incidents.length })}>
      <header>
        <h2>{i18n.t('screen.overdueList', { count: i18n.number(incidents.length) })}</h2>
        <button type="button" className="screen-overdue-close" onClick={onClose} data-testid="overdue-close">{i18n.t('app.close')}</button>
      </header>
      {incidents.length === 0 ? <p className="screen-ticker-empty">{i18n.t('screen.overdueNone')}</p> : null}
      <ol>
        {incidents.map((incident) => (
          <li key={incident.properties.id} data-testid="overdue-item" data-incident={incident.properties.id}>
            <span className="ticker-category" style={{ color: CATEGORY_COLOURS[incident.properties.category], borderColor: CATEGORY_COLOURS[incident.properties.category] }}>
              {i18n.label(CATEGORY_LABELS[incident.properties.category], incident.properties.category)}
            </span>
            <span className="ticker-title">{incident.properties.title}</span>
            <span className="ticker-status" style={{ color: STATUS_COLOURS[incident.properties.status] }}>{i18n.label(STATUS_LABELS[incident.properties.status])}</span>
            <span className="screen-overdue-date">{i18n.t('screen.openSince', { date: i18n.dateTime(incident.properties.reportedAt, { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: LOCAL_TIME_ZONE }) })}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}

export function Ticker({ stats }: { stats: IncidentProperties[] }) {
  const i18n = useI18n();
  if (stats.length === 0) return <div className="screen-ticker-empty">{i18n.t('screen.noIncidents')}</div>;
  // Two copies of the list scroll upwards without a seam.
  const rows = (copy: number) =>
    stats.map((incident) => (
      <li key={`${copy}-${incident.id}`} className={incident.overdue ? 'overdue' : ''} aria-hidden={copy === 1 ? true : undefined} data-testid={copy === 0 ? 'ticker-item' : undefined}>
        <span className="ticker-time">{i18n.dateTime(incident.reportedAt, { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: LOCAL_TIME_ZONE })}</span>
        <span className="ticker-category" style={{ color: CATEGORY_COLOURS[incident.category], borderColor: CATEGORY_COLOURS[incident.category] }}>
          {i18n.label(CATEGORY_LABELS[incident.category], incident.category)}
        </span>
        <span className="ticker-title">{incident.title}</span>
        <span className="ticker-status" style={{ color: incident.overdue ? OVERDUE_COLOUR : STATUS_COLOURS[incident.status] }}>
          {incident.overdue ? i18n.t('legend.overdue') : i18n.label(STATUS_LABELS[incident.status], incident.status)}
        </span>
      </li>
    ));
  return (
    <div className="screen-ticker">
      <ul className="screen-ticker-track" style={{ animationDuration: `${stats.length * 4}s` }}>
        {rows(0)}
        {rows(1)}
      </ul>
    </div>
  );
}

/** The community's profile: households, residents, grids, staff (and their load), volunteers and service points. */
export function CommunityProfile({ kpis, service }: { kpis: Community['properties']['kpis'] | undefined; service?: ServiceCoverage }) {
  const i18n = useI18n();
  const any = service?.kinds.find((kind) => kind.kind === 'any');
  return (
    <>
    <div className="screen-profile-grid">
      <div><b>{i18n.number(kpis?.households)}</b><span>{i18n.t('screen.households')}</span></div>
      <div><b>{i18n.number(kpis?.residents)}</b><span>{i18n.t('screen.residents')}</span></div>
      <div><b>{i18n.number(kpis?.grids)}</b><span>{i18n.t('layer.grids')}</span></div>
      <div data-testid="profile-staff">
        <b>{i18n.number(kpis?.staff)}</b>
        <span>{i18n.t('plan.staff')}</span>
        {/* Staff load (DESIGN.md §6): households each staff member serves. */}
        <small data-testid="kpi-staff-load">{kpis ? i18n.t('screen.staffLoadEach', { count: i18n.number(householdsPerStaff(kpis), { maximumFractionDigits: 0 }) }) : ''}</small>
      </div>
      <div><b>{i18n.number(kpis?.volunteers)}</b><span>{i18n.t('screen.volunteers')}</span></div>
      <div><b>{i18n.number(kpis?.servicePoints)}</b><span>{i18n.t('screen.servicePoints')}</span></div>
    </div>
    {/* Service coverage (DESIGN.md §6): households within the 5-, 10- and 15-minute life circles of any service point. */}
    <div className="screen-life-circle" data-testid="life-circle">
      <span className="screen-life-circle-title">{i18n.t('screen.lifeCircle')}</span>
      {SERVICE_RADII_METRES.map((radius) => {
        const share = any?.within[String(radius)]?.share;
        return (
          <span key={radius} data-radius={radius} data-share={share ?? ''}>
            <b>{share === null || share === undefined ? '–' : `${i18n.number(share * 100, { maximumFractionDigits: 0 })}%`}</b>
            <small>{i18n.t(`screen.lifeCircle.${radius}`)}</small>
          </span>
        );
      })}
    </div>
    </>
  );
}
