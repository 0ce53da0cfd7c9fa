// 指挥大屏: the command display. The URL holds its settings and the community on screen; hooks fetch the data,
// screenLayers() turns it into the map's layers, and the panels show the community's numbers.
import { useMemo } from 'react';
import { useAreas } from '../../api/queries.ts';
import type { User } from '../../api/types.ts';
import { updateQuery } from '../../app/router.ts';
import { EChart, type EChartOption } from '../../components/EChart.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { LoadingOverlay } from '../../components/Loading.tsx';
import { MapView } from '../../components/MapView.tsx';
import { UrlNotice } from '../../components/UrlNotice.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { categoryChart, rankingChart, trendChart } from './screen-charts.ts';
import { ambiguousStreetNames, streetName, streetsOf, tourStops } from './screen-data.ts';
import { screenLayers } from './screen-layers.ts';
import { CommunityProfile, OverdueList, Panel, Ticker } from './screen-panels.tsx';
import { ScreenHeader } from './ScreenHeader.tsx';
import { ScreenKpis, useNightDate } from './ScreenKpis.tsx';
import { ScreenLegend } from './ScreenLegend.tsx';
import { useScreenData } from './use-screen-data.ts';
import { useScreenScale } from './use-screen-scale.ts';
import { useScreenSettings } from './use-screen-settings.ts';
import { useShownCommunity } from './use-shown-community.ts';
import { useTour } from './use-tour.ts';
import { useLiveRefresh } from '../../api/live-events.ts';
import { useLivePatrolPositions } from './live-patrols.ts';
import './screen.css';

export default function ScreenView({ user }: { user: User }) {
  const i18n = useI18n();
  const scale = useScreenScale();
  const { settings, problems: settingProblems } = useScreenSettings();
  const { layers, measure, refreshSeconds } = settings;
  const refetchInterval = refreshSeconds * 1000;

  const areas = useAreas();
  const stops = useMemo(() => tourStops(areas.data), [areas.data]);
  const ambiguous = useMemo(() => ambiguousStreetNames(areas.data), [areas.data]);
  const { target, pinned } = useTour(stops, settings);
  const targetId = target?.community.id ?? null;
  const problems = [...new Set([...settingProblems, ...(areas.data !== undefined && settings.community !== null && !pinned ? ['community'] : [])])];

  const { shown, error, isFetching: statsFetching } = useShownCommunity(targetId, refetchInterval);
  const shownId = shown?.community.properties.id ?? null;
  const shownStop = stops.find((stop) => stop.community.id === shownId) ?? null;
  // New incidents and moves arrive as they happen (the refresh interval is the fallback), and so do the
  // positions of the shown community's patrols under way.
  const livePatrols = useLivePatrolPositions(targetId);
  useLiveRefresh(true, 300, livePatrols.onMessage);
  const data = useScreenData(targetId, layers, refetchInterval, livePatrols.positions);
  const patrolled = (data.coverage?.patrols ?? 0) > 0;
  const nightDate = useNightDate(data.coverage);

  const communityLabels = useMemo(() => stops.map((item) => ({ id: item.community.id, name: i18n.areaName(item.community), position: item.community.centroid })), [stops, i18n]);
  const { grids, buildings, heatIncidents, openIncidents, volunteerHomes, coverage, patrolWindow, trips, liveTrips, servicePoints, uncovered } = data;
  const builders = useMemo(
    () => screenLayers({ layers, measure, scale, grids, buildings, heatIncidents, openIncidents, volunteerHomes, coverage, patrolWindow, patrols: trips, livePatrols: liveTrips, servicePoints, uncovered, communityLabels }),
    [layers, measure, scale, grids, buildings, heatIncidents, openIncidents, volunteerHomes, coverage, patrolWindow, trips, liveTrips, servicePoints, uncovered, communityLabels],
  );
  const overdueIncidents = useMemo(
    () => (openIncidents ?? []).filter((incident) => incident.properties.overdue && incident.properties.communityId === shownId).sort((a, b) => a.properties.reportedAt.localeCompare(b.properties.reportedAt)),
    [openIncidents, shownId],
  );

  // The legend sits at the bottom left: keep the community clear of it.
  const fitStop = shownStop ?? target;
  const fitTarget = useMemo(() => (fitStop ? { bounds: fitStop.community.bbox, key: String(fitStop.community.id), padding: { top: 50 * scale, bottom: 50 * scale, left: 230 * scale, right: 60 * scale } } : null), [fitStop, scale]);
  const streets = streetsOf(stops);
  const title = streets.length === 1 ? streetName(streets[0], fitStop?.district ?? null, ambiguous, i18n) : fitStop?.street ? streetName(fitStop.street, fitStop.district, ambiguous, i18n) : '';
  const stats = shown?.stats;

  if (areas.error) return <div className="screen-root"><ErrorMessage error={areas.error} onRetry={() => areas.refetch()} /></div>;
  if (areas.data === undefined) return <div className="screen-root"><LoadingOverlay label={i18n.t('app.loading')} /></div>;

  const chart = (option: EChartOption | null) => (option ? <EChart option={option} /> : <LoadingOverlay label={i18n.t('app.loading')} subtle />);
  return (
    <div className="screen-root" data-testid="screen" data-kiosk={settings.kiosk ? 'true' : 'false'}>
      <div className="screen-frame">
        <ScreenHeader user={user} settings={settings} title={title} stops={stops} shownStop={shownStop} dataAsOf={stats?.dataAsOf} />
        <UrlNotice problems={problems} className="screen-url-notice" />
        <div className="screen-body">
          <aside className="screen-column">
            <Panel title={`${i18n.t('screen.profile')} · ${shownStop ? i18n.areaName(shownStop.community) : ''}`} className="screen-profile" testId="screen-profile" communityId={shownId}>
              <CommunityProfile kpis={shown?.community.properties.kpis} service={data.serviceCoverage?.communityId === shownId ? data.serviceCoverage : undefined} />
            </Panel>
            <Panel title={i18n.t('screen.byCategory')} className="screen-chart-panel" testId="screen-category" communityId={shownId}>
              {chart(stats ? categoryChart(stats, i18n, scale) : null)}
            </Panel>
            <Panel title={i18n.t('screen.ranking')} className="screen-chart-panel screen-chart-panel--tall" testId="screen-ranking" communityId={shownId}>
              {chart(stats ? rankingChart(stats, i18n, scale) : null)}
            </Panel>
          </aside>
          <main className="screen-centre">
            <ScreenKpis kpis={shown?.community.properties.kpis} shownId={shownId} night={coverage} patrolWindow={patrolWindow} overdueListOpen={settings.overdueList} />
            <div className="screen-map-frame">
              <MapView
                theme="dark"
                layers={builders}
                animated
                hasData={(openIncidents?.length ?? 0) > 0 || (heatIncidents?.length ?? 0) > 0}
                fitTarget={fitTarget}
                pitch={38}
                animationFps={settings.fps}
                loading={data.isFetching || statsFetching ? i18n.t('map.loadingData') : null}
                className="screen-map"
              >
                {settings.overdueList ? <OverdueList incidents={overdueIncidents} onClose={() => updateQuery({ overdue: null })} /> : null}
                <ScreenLegend layers={layers} measure={measure} nightDate={nightDate} patrolled={patrolled} missedCount={patrolled ? (coverage?.missed.features.length ?? 0) : 0} patrolWindow={patrolWindow} livePatrols={liveTrips?.trips.length ?? 0} servicePoints={servicePoints} />
              </MapView>
            </div>
          </main>
          <aside className="screen-column">
            <Panel title={i18n.t('screen.trend')} className="screen-chart-panel" testId="screen-trend" communityId={shownId}>
              {chart(stats ? trendChart(stats, i18n, scale) : null)}
            </Panel>
            <Panel title={i18n.t('screen.latest')} className="screen-ticker-panel" testId="screen-ticker" communityId={shownId}>
              <Ticker stats={stats?.latest ?? []} />
            </Panel>
          </aside>
        </div>
        {error ? (
          <div className="screen-error">
            <ErrorMessage error={error} />
          </div>
        ) : null}
      </div>
    </div>
  );
}
