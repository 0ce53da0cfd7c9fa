import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { fetchAllPages, incidentListUrl, useAreas, useBuildings, useCommunity, useGrids, useIncidentStats, usePatrolCoverage, usePatrols, useServicePoints, useVolunteerTeams } from '../../api/queries.ts';
import type { IncidentFeature, User } from '../../api/types.ts';
import { readList, readNumber, updateQuery, useQuery as useUrlQuery } from '../../app/router.ts';
import { EChart } from '../../components/EChart.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { LanguageToggle } from '../../components/LanguageToggle.tsx';
import { Legend, LegendRamp, LegendSection } from '../../components/Legend.tsx';
import { LoadingOverlay } from '../../components/Loading.tsx';
import { MapView } from '../../components/MapView.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { CATEGORY_LABELS, SERVICE_POINT_LABELS, STATUS_LABELS } from '../../i18n/messages.ts';
import { OPEN_STATUSES } from '../../../../server/domain/workflow.ts';
import type { LayerBuilder } from '../../map/map-controller.ts';
import { areaLabelLayer } from '../../map/layers/area-labels.layer.ts';
import { buildingLayer } from '../../map/layers/buildings.layer.ts';
import { GRID_MEASURES, gridLabelLayer, gridLayers, type GridMeasure } from '../../map/layers/grids.layer.ts';
import { incidentHeatLayer } from '../../map/layers/incident-heat.layer.ts';
import { incidentPointLayer } from '../../map/layers/incident-points.layer.ts';
import { patrolMissedLayer } from '../../map/layers/patrol-missed.layer.ts';
import { patrolTripsLayer, toPatrolTrips } from '../../map/layers/patrol-trips.layer.ts';
import { servicePointLayers } from '../../map/layers/service-points.layer.ts';
import { volunteerDensityLayer } from '../../map/layers/volunteer-density.layer.ts';
import { CATEGORY_COLOURS, OVERDUE_COLOUR, RAMPS, SERVICE_POINT_STYLE, STATUS_COLOURS, THEME_OVERLAY, rgbaToCss } from '../../map/palette.ts';
import { categoryChart, rankingChart, trendChart } from './screen-charts.ts';
import { daysAgoIso, streetsOf, tourStops } from './screen-data.ts';
import { useScreenScale } from './use-screen-scale.ts';
import './screen.css';

/** The layers the display can show; `?layers=` picks them, in this order. */
export const SCREEN_LAYERS = ['grids', 'buildings', 'heat', 'volunteers', 'missed', 'patrols', 'points', 'services'] as const;
type ScreenLayer = (typeof SCREEN_LAYERS)[number];
const DEFAULT_SCREEN_LAYERS: ScreenLayer[] = ['grids', 'buildings', 'heat', 'missed', 'patrols', 'points', 'services'];
/** Seconds one loop of last night's patrols (20:00-23:00) takes on the display. */
const PATROL_LOOP_SECONDS = 40;
const HEAT_DAYS = 30;

function Panel({ title, children, className, testId }: { title: string; children: ReactNode; className?: string; testId?: string }) {
  return (
    <section className={`screen-panel ${className ?? ''}`} data-testid={testId}>
      <header className="screen-panel-title">
        <span className="screen-panel-title-mark" aria-hidden="true" />
        <h2>{title}</h2>
      </header>
      <div className="screen-panel-body">{children}</div>
      <span className="screen-panel-corner screen-panel-corner--tl" aria-hidden="true" />
      <span className="screen-panel-corner screen-panel-corner--tr" aria-hidden="true" />
      <span className="screen-panel-corner screen-panel-corner--bl" aria-hidden="true" />
      <span className="screen-panel-corner screen-panel-corner--br" aria-hidden="true" />
    </section>
  );
}

function Clock() {
  const i18n = useI18n();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  return (
    <div className="screen-clock" data-testid="screen-clock">
      <span className="screen-clock-time">{i18n.time(now, true)}</span>
      <span className="screen-clock-date">{i18n.dateTime(now, { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long', timeZone: 'Asia/Shanghai' })}</span>
    </div>
  );
}

interface KpiProps {
  label: string;
  value: string;
  unit?: string;
  tone?: 'normal' | 'warning' | 'danger' | 'good';
  testId: string;
}

function Kpi({ label, value, unit, tone = 'normal', testId }: KpiProps) {
  return (
    <div className={`screen-kpi screen-kpi--${tone}`} data-testid={testId}>
      <div className="screen-kpi-value">
        <span data-testid={`${testId}-value`}>{value}</span>
        {unit ? <small>{unit}</small> : null}
      </div>
      <div className="screen-kpi-label">{label}</div>
    </div>
  );
}

export default function ScreenView({ user }: { user: User }) {
  const i18n = useI18n();
  const scale = useScreenScale();
  const [params] = useUrlQuery();
  const tourSeconds = readNumber(params, 'tour') ?? 0;
  const refreshSeconds = Math.max(5, readNumber(params, 'refresh') ?? 60);
  const refetchInterval = refreshSeconds * 1000;
  // The grid choropleth's measure: open incidents (default), households, or volunteers per 1,000 residents.
  const measureParameter = params.get('measure');
  const measure: GridMeasure = (GRID_MEASURES as readonly string[]).includes(measureParameter ?? '') ? (measureParameter as GridMeasure) : 'openIncidents';
  const animationFps = Math.min(60, Math.max(1, readNumber(params, 'fps') ?? 30));
  const layers = new Set((readList(params, 'layers') ?? DEFAULT_SCREEN_LAYERS).filter((layer): layer is ScreenLayer => (SCREEN_LAYERS as readonly string[]).includes(layer)));

  const areas = useAreas();
  const stops = useMemo(() => tourStops(areas.data), [areas.data]);
  const pinned = readNumber(params, 'community');
  const pinnedIndex = stops.findIndex((stop) => stop.community.id === pinned);
  const [index, setIndex] = useState(0);
  useEffect(() => {
    if (pinnedIndex >= 0) setIndex(pinnedIndex);
  }, [pinnedIndex]);

  // The tour: every N seconds the next community, no interaction needed; its id goes into the URL.
  useEffect(() => {
    if (tourSeconds <= 0 || stops.length < 2) return;
    const timer = window.setInterval(() => {
      setIndex((current) => {
        const next = (current + 1) % stops.length;
        updateQuery({ community: stops[next].community.id });
        return next;
      });
    }, tourSeconds * 1000);
    return () => window.clearInterval(timer);
  }, [tourSeconds, stops]);

  const stop = stops[Math.min(index, Math.max(0, stops.length - 1))];
  const communityId = stop?.community.id ?? null;
  const streets = streetsOf(stops);

  const community = useCommunity(communityId, { refetchInterval });
  const stats = useIncidentStats(communityId, 30, { refetchInterval, enabled: communityId !== null });
  const grids = useGrids(communityId, { enabled: communityId !== null, refetchInterval: refetchInterval * 5 });
  const buildings = useBuildings(layers.has('buildings') ? communityId : null);
  const servicePoints = useServicePoints(communityId, { enabled: communityId !== null && layers.has('services') });
  const patrols = usePatrols(layers.has('patrols') ? communityId : null);
  const coverage = usePatrolCoverage(communityId);
  const volunteerTeams = useVolunteerTeams(layers.has('volunteers') ? communityId : null);
  const heatFrom = useMemo(() => daysAgoIso(HEAT_DAYS), [communityId]);
  const incidents = useQuery({
    queryKey: ['screen-incidents', communityId, heatFrom],
    queryFn: async () => (await fetchAllPages<IncidentFeature>(incidentListUrl({ community: communityId, from: heatFrom }, 5000), { maxFeatures: 20_000 })).features,
    enabled: communityId !== null,
    refetchInterval,
  });

  const trips = useMemo(() => toPatrolTrips(patrols.data ?? []), [patrols.data]);
  const openIncidents = useMemo(() => (incidents.data ?? []).filter((incident) => OPEN_STATUSES.includes(incident.properties.status)), [incidents.data]);
  const volunteerHomes = useMemo(
    () => (volunteerTeams.data ?? []).flatMap((team) => (team.geometry?.coordinates ?? []) as [number, number][]),
    [volunteerTeams.data],
  );
  const labels = useMemo(() => stops.map((item) => ({ id: item.community.id, name: i18n.areaName(item.community), position: item.community.centroid })), [stops, i18n]);

  const builders = useMemo<LayerBuilder[]>(() => {
    const list: LayerBuilder[] = [];
    const theme = 'dark';
    if (layers.has('grids') && grids.data) {
      const built = gridLayers({ grids: grids.data, theme, measure, fillOpacity: 90 });
      list.push(() => built);
    }
    if (layers.has('buildings') && buildings.data) {
      const built = buildingLayer({ buildings: buildings.data, theme, extruded: true });
      list.push(() => built);
    }
    if (layers.has('heat') && incidents.data && incidents.data.length > 0) {
      const built = incidentHeatLayer({ incidents: incidents.data, radiusPixels: 55 * scale + 10, intensity: 1 });
      list.push(() => built);
    }
    if (layers.has('volunteers') && volunteerHomes.length > 0) {
      const built = volunteerDensityLayer({ homes: volunteerHomes });
      list.push(() => built);
    }
    if (layers.has('missed') && coverage.data) {
      const missed = coverage.data.missed.features;
      list.push(({ time }) => patrolMissedLayer({ missed, theme, pulse: (Math.sin(time * 2.4) + 1) / 2 }));
    }
    if (layers.has('patrols') && trips.trips.length > 0) {
      list.push(({ time }) => patrolTripsLayer({ trips: trips.trips, theme, currentTime: ((time % PATROL_LOOP_SECONDS) / PATROL_LOOP_SECONDS) * trips.duration, trailLength: 1800 }));
    }
    if (layers.has('points')) {
      list.push(({ time }) => incidentPointLayer({ incidents: openIncidents, pulse: (Math.sin(time * 3) + 1) / 2, radiusPixels: 5 * scale + 1 }));
    }
    if (layers.has('services') && servicePoints.data) {
      const built = servicePointLayers({ servicePoints: servicePoints.data, size: 13 * scale + 2 });
      list.push(() => built);
    }
    if (layers.has('grids') && grids.data) {
      const gridLabels = gridLabelLayer({ grids: grids.data, theme, labelSize: 12 * scale + 1 });
      list.push(() => gridLabels);
    }
    const labelLayer = areaLabelLayer({ labels, theme, size: 17 * scale + 2 });
    list.push(() => labelLayer);
    return list;
    // `layers` is rebuilt from the URL each render; its content is in the key below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [[...layers].join(), measure, grids.data, buildings.data, incidents.data, volunteerHomes, coverage.data, trips, openIncidents, servicePoints.data, labels, scale]);

  // The legend sits at the bottom left: keep the community clear of it.
  const fitTarget = useMemo(() => (stop ? { bounds: stop.community.bbox, key: String(stop.community.id), padding: { top: 50 * scale, bottom: 50 * scale, left: 230 * scale, right: 60 * scale } } : null), [stop, scale]);
  const kpis = community.data?.properties.kpis;
  const dataAsOf = stats.data?.dataAsOf;
  const title = streets.length === 1 ? i18n.areaName(streets[0]) : i18n.areaName(stop?.street ?? undefined);
  const loadingData = incidents.isFetching || grids.isFetching || stats.isFetching;
  const missedCount = coverage.data?.missed.features.length ?? 0;
  const overlay = THEME_OVERLAY.dark;

  if (areas.error) return <div className="screen-root"><ErrorMessage error={areas.error} onRetry={() => areas.refetch()} /></div>;
  if (!areas.data) return <div className="screen-root"><LoadingOverlay label={i18n.t('app.loading')} /></div>;

  return (
    <div className="screen-root" data-testid="screen">
      <div className="screen-frame">
        <header className="screen-header">
          <div className="screen-header-side screen-header-left">
            <span className="screen-demo">{i18n.t('app.demoData')}</span>
            <span className="screen-user">{user.displayName}</span>
          </div>
          <div className="screen-title">
            <h1>
              <span data-testid="screen-street">{title}</span>
              <span className="screen-title-separator">·</span>
              {i18n.t('screen.title')}
            </h1>
            <div className="screen-subtitle">
              <span className="screen-community" data-testid="screen-community">{stop ? i18n.areaName(stop.community) : ''}</span>
              <span className="screen-tour-dots" aria-hidden="true">
                {stops.map((item, position) => (
                  <i key={item.community.id} className={position === index ? 'active' : ''} />
                ))}
              </span>
              <span className="screen-tour-note">
                {tourSeconds > 0 ? i18n.t('screen.tour', { seconds: tourSeconds }) : i18n.t('screen.tourPaused')} · {i18n.t('screen.refresh', { seconds: refreshSeconds })}
              </span>
            </div>
          </div>
          <div className="screen-header-side screen-header-right">
            <Clock />
            <div className="screen-data-as-of" data-testid="screen-data-as-of">
              {i18n.t('screen.dataAsOf', { time: dataAsOf ? i18n.time(dataAsOf, true) : '–' })}
            </div>
            <LanguageToggle className="screen-language" />
          </div>
        </header>

        <div className="screen-body">
          <aside className="screen-column">
            <Panel title={`${i18n.t('screen.profile')} · ${i18n.areaName(stop?.community)}`} className="screen-profile" testId="screen-profile">
              <div className="screen-profile-grid">
                <div><b>{i18n.number(kpis?.households)}</b><span>{i18n.t('screen.households')}</span></div>
                <div><b>{i18n.number(kpis?.residents)}</b><span>{i18n.t('screen.residents')}</span></div>
                <div><b>{i18n.number(kpis?.grids)}</b><span>{i18n.t('layer.grids')}</span></div>
                <div><b>{i18n.number(kpis?.staff)}</b><span>{i18n.t('plan.staff')}</span></div>
                <div><b>{i18n.number(kpis?.volunteers)}</b><span>{i18n.t('screen.volunteers')}</span></div>
                <div><b>{i18n.number(kpis?.servicePoints)}</b><span>{i18n.t('screen.servicePoints')}</span></div>
              </div>
            </Panel>
            <Panel title={i18n.t('screen.byCategory')} className="screen-chart-panel" testId="screen-category">
              {stats.data ? <EChart option={categoryChart(stats.data, i18n, scale)} /> : <LoadingOverlay label={i18n.t('app.loading')} subtle />}
            </Panel>
            <Panel title={i18n.t('screen.ranking')} className="screen-chart-panel screen-chart-panel--tall" testId="screen-ranking">
              {stats.data ? <EChart option={rankingChart(stats.data, i18n, scale)} /> : <LoadingOverlay label={i18n.t('app.loading')} subtle />}
            </Panel>
          </aside>

          <main className="screen-centre">
            <div className="screen-kpis" data-testid="screen-kpis">
              <Kpi testId="kpi-today" label={i18n.t('screen.incidentsToday')} value={i18n.number(kpis?.incidentsToday)} />
              <Kpi testId="kpi-open" label={i18n.t('screen.open')} value={i18n.number(kpis?.openIncidents)} tone="warning" />
              <Kpi testId="kpi-overdue" label={i18n.t('screen.overdue')} value={i18n.number(kpis?.overdueIncidents)} tone={(kpis?.overdueIncidents ?? 0) > 0 ? 'danger' : 'good'} />
              <Kpi testId="kpi-closure" label={i18n.t('screen.closureRate')} value={kpis?.closureRate7d === null || kpis?.closureRate7d === undefined ? '–' : i18n.number(kpis.closureRate7d * 100, { maximumFractionDigits: 0 })} unit="%" tone="good" />
              <Kpi testId="kpi-patrol" label={i18n.t('screen.patrolCoverage')} value={kpis?.lastNightPatrolCoverage === null || kpis?.lastNightPatrolCoverage === undefined ? '–' : i18n.number(kpis.lastNightPatrolCoverage * 100, { maximumFractionDigits: 0 })} unit="%" />
              <Kpi testId="kpi-volunteers" label={i18n.t('screen.activeVolunteers')} value={i18n.number(kpis?.activeVolunteers)} tone="good" />
            </div>
            <div className="screen-map-frame">
              <MapView
                theme="dark"
                layers={builders}
                animated
                hasData={(incidents.data?.length ?? 0) > 0}
                fitTarget={fitTarget}
                pitch={38}
                animationFps={animationFps}
                loading={loadingData ? i18n.t('map.loadingData') : null}
                className="screen-map"
              >
                <Legend className="screen-legend">
                  <LegendSection title={i18n.t('layer.heat')}>
                    <LegendRamp colours={RAMPS.heat} />
                  </LegendSection>
                  <LegendSection
                    title={i18n.t('layer.points')}
                    items={[
                      { colour: STATUS_COLOURS.reported, label: i18n.label(STATUS_LABELS.reported), shape: 'circle' },
                      { colour: STATUS_COLOURS.in_progress, label: i18n.label(STATUS_LABELS.in_progress), shape: 'circle' },
                      { colour: OVERDUE_COLOUR, label: i18n.t('legend.overdue'), shape: 'circle' },
                    ]}
                  />
                  <LegendSection
                    title={i18n.t('layer.patrols')}
                    items={[
                      { colour: rgbaToCss(overlay.patrolTrail), label: i18n.t('layer.patrols'), shape: 'line' },
                      { colour: rgbaToCss(overlay.missedLine), label: i18n.t('screen.missedCount', { count: missedCount }), shape: 'outline' },
                    ]}
                  />
                  {layers.has('volunteers') ? (
                    <LegendSection title={i18n.t('layer.volunteers')}>
                      <LegendRamp colours={RAMPS.volunteers} />
                    </LegendSection>
                  ) : null}
                  <LegendSection
                    title={i18n.t('layer.services')}
                    items={Object.entries(SERVICE_POINT_STYLE)
                      .filter(([kind]) => servicePoints.data?.some((point) => point.properties.kind === kind))
                      .map(([kind, style]) => ({ colour: style.colour, glyph: style.glyph, shape: 'circle' as const, label: i18n.label(SERVICE_POINT_LABELS[kind as keyof typeof SERVICE_POINT_LABELS]) }))}
                  />
                  <LegendSection title={`${i18n.t('layer.grids')} · ${i18n.t(`measure.${measure}`)}`}>
                    <LegendRamp colours={RAMPS.darkSequential} />
                  </LegendSection>
                </Legend>
              </MapView>
            </div>
          </main>

          <aside className="screen-column">
            <Panel title={i18n.t('screen.trend')} className="screen-chart-panel" testId="screen-trend">
              {stats.data ? <EChart option={trendChart(stats.data, i18n, scale)} /> : <LoadingOverlay label={i18n.t('app.loading')} subtle />}
            </Panel>
            <Panel title={i18n.t('screen.latest')} className="screen-ticker-panel" testId="screen-ticker">
              <Ticker stats={stats.data?.latest ?? []} />
            </Panel>
          </aside>
        </div>
        {community.error || stats.error ? (
          <div className="screen-error">
            <ErrorMessage error={community.error ?? stats.error} />
          </div>
        ) : null}
      </div>
    </div>
  );
}

function Ticker({ stats }: { stats: import('../../api/types.ts').IncidentProperties[] }) {
  const i18n = useI18n();
  if (stats.length === 0) return <div className="screen-ticker-empty">{i18n.t('screen.noIncidents')}</div>;
  // Two copies of the list scroll upwards without a seam.
  const rows = (copy: number) =>
    stats.map((incident) => (
      <li key={`${copy}-${incident.id}`} className={incident.overdue ? 'overdue' : ''} aria-hidden={copy === 1 ? true : undefined} data-testid={copy === 0 ? 'ticker-item' : undefined}>
        <span className="ticker-time">{i18n.dateTime(incident.reportedAt, { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Asia/Shanghai' })}</span>
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
