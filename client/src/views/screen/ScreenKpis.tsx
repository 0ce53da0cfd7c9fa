import { LOCAL_TIME_ZONE } from '#domain/local-time.ts';
import type { Community, PatrolCoverage, PatrolWindowCoverage } from '../../api/types.ts';
import { updateQuery } from '../../app/router.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Kpi } from './screen-panels.tsx';

/** The patrol night's date as the display writes it (11/28), or '' before the coverage arrives. */
export function useNightDate(night: PatrolCoverage | undefined): string {
  const i18n = useI18n();
  return night ? i18n.dateTime(`${night.night}T12:00:00+08:00`, { month: 'numeric', day: 'numeric', timeZone: LOCAL_TIME_ZONE }) : '';
}

export interface ScreenKpisProps {
  kpis: Community['properties']['kpis'] | undefined;
  /** The community whose numbers are on screen. */
  shownId: number | null;
  night: PatrolCoverage | undefined;
  /** Coverage over the last 30 nights, under last night's. */
  patrolWindow?: PatrolWindowCoverage;
  overdueListOpen: boolean;
}

/** The KPI row above the map; 超期 (overdue) opens the list of overdue incidents. */
export function ScreenKpis({ kpis, shownId, night, patrolWindow, overdueListOpen }: ScreenKpisProps) {
  const i18n = useI18n();
  const nightDate = useNightDate(night);
  const patrolled = (night?.patrols ?? 0) > 0;
  const coverageShown = night !== undefined && night.communityId === shownId;
  return (
    <div className="screen-kpis" data-testid="screen-kpis" data-community-id={shownId ?? undefined}>
      <Kpi testId="kpi-today" label={i18n.t('screen.incidentsToday')} value={i18n.number(kpis?.incidentsToday)} />
      <Kpi testId="kpi-open" label={i18n.t('screen.open')} value={i18n.number(kpis?.openIncidents)} tone="warning" />
      <Kpi
        testId="kpi-overdue"
        label={i18n.t('screen.overdue')}
        value={i18n.number(kpis?.overdueIncidents)}
        tone={(kpis?.overdueIncidents ?? 0) > 0 ? 'danger' : 'good'}
        onClick={() => updateQuery({ overdue: overdueListOpen ? null : '1' })}
        pressed={overdueListOpen}
      />
      <Kpi testId="kpi-closure" label={i18n.t('screen.closureRate')} value={kpis?.closureRate7d === null || kpis?.closureRate7d === undefined ? '–' : i18n.number(kpis.closureRate7d * 100, { maximumFractionDigits: 0 })} unit="%" tone="good" />
      <Kpi
        testId="kpi-patrol"
        label={i18n.t('screen.patrolCoverage')}
        value={!coverageShown ? '–' : !patrolled ? i18n.t('screen.noPatrolRecorded') : night.coverage === null ? '–' : i18n.number(night.coverage * 100, { maximumFractionDigits: 0 })}
        unit={coverageShown && patrolled && night.coverage !== null ? '%' : undefined}
        tone={night && !patrolled ? 'warning' : 'normal'}
        wordy={coverageShown && !patrolled}
        note={
          night ? (
            <span data-testid="kpi-patrol-night" data-night={night.night} data-tonight={night.tonight?.night ?? ''}>
              {i18n.t('screen.lastNight', { date: nightDate })}
              {night.tonight ? <b className="screen-kpi-live"> · {i18n.t('screen.tonightInProgress', { start: i18n.time(night.tonight.starts), end: i18n.time(night.tonight.ends) })}</b> : null}
              {patrolWindow && patrolWindow.communityId === shownId && patrolWindow.coverage !== null ? (
                <span className="screen-kpi-window" data-testid="kpi-patrol-window" data-coverage={patrolWindow.coverage}>
                  {i18n.t('screen.windowCoverage', { nights: patrolWindow.nightCount, share: i18n.number(patrolWindow.coverage * 100, { maximumFractionDigits: 0 }) })}
                </span>
              ) : null}
            </span>
          ) : null
        }
      />
      <Kpi testId="kpi-volunteers" label={i18n.t('screen.activeVolunteers')} value={i18n.number(kpis?.activeVolunteers)} tone="good" />
    </div>
  );
}
