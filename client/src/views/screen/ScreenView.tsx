import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { OPEN_STATUSES } from '#domain/workflow.ts';
import { LOCAL_TIME_ZONE } from '#domain/local-time.ts';
import { fetchAllPages, incidentListUrl, useAreas, useBuildings, useCommunity, useGrids, useIncidentStats, usePatrolCoverage, usePatrols, useServicePoints, useVolunteerTeams } from '../../api/queries.ts';
import type { Community, IncidentFeature, IncidentProperties, IncidentStats, User } from '../../api/types.ts';
import { navigate, updateQuery, useQuery as useUrlQuery } from '../../app/router.ts';
import { ROUTE_LABELS, routesFor } from '../../app/routes.ts';
import { useSignOut } from '../../app/sign-out.ts';
import { EChart } from '../../components/EChart.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { LanguageToggle } from '../../components/LanguageToggle.tsx';
import { Legend, LegendRamp, LegendSection } from '../../components/Legend.tsx';
import { LoadingOverlay } from '../../components/Loading.tsx';
import { MapView } from '../../components/MapView.tsx';
import { UrlNotice } from '../../components/UrlNotice.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { CATEGORY_LABELS, SERVICE_POINT_LABELS, STATUS_LABELS } from '../../i18n/messages.ts';
import type { LayerBuilder } from '../../map/map-controller.ts';
import { areaLabelLayer } from '../../map/layers/area-labels.layer.ts';
import { buildingLayer } from '../../map/layers/buildings.layer.ts';
import { gridLabelBuilder, gridLayers } from '../../map/layers/grids.layer.ts';
import { incidentHeatLayer } from '../../map/layers/incident-heat.layer.ts';
import { incidentPointLayer } from '../../map/layers/incident-points.layer.ts';
import { patrolMissedLayer } from '../../map/layers/patrol-missed.layer.ts';
import { patrolTripsLayer, toPatrolTrips } from '../../map/layers/patrol-trips.layer.ts';
import { servicePointLayers } from '../../map/layers/service-points.layer.ts';
import { volunteerDensityLayer } from '../../map/layers/volunteer-density.layer.ts';
import { CATEGORY_COLOURS, OVERDUE_COLOUR, RAMPS, SERVICE_POINT_STYLE, STATUS_COLOURS, THEME_OVERLAY, rgbaToCss } from '../../map/palette.ts';
import { categoryChart, rankingChart, trendChart } from './screen-charts.ts';
import { ambiguousStreetNames, daysAgoIso, streetName, streetsOf, tourStops } from './screen-data.ts';
import { layersParameter, readScreenSettings, TOGGLED_LAYERS, type ScreenLayer } from './screen-settings.ts';
import { useScreenScale } from './use-screen-scale.ts';
import './screen.css';

/** Seconds one loop of last night's patrols (20:00-23:00) takes on the display. */
const PATROL_LOOP_SECONDS = 40;
const HEAT_DAYS = 30;
const LAYER_LABELS: Record<ScreenLayer, Parameters<ReturnType<typeof useI18n>['t']>[0]> = {
  grids: 'layer.grids',
  buildings: 'layer.buildings',
  heat: 'layer.heat',
  volunteers: 'layer.volunteers',
  missed: 'layer.coverage',
  patrols: 'layer.patrols',
  points: 'layer.points',
  services: 'layer.services',
};

function Panel({ title, children, className, testId, communityId }: { title: string; children: ReactNode; className?: string; testId?: string; communityId?: number | null }) {
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
      <span className="screen-clock-date">{i18n.dateTime(now, { month: 'short', day: 'numeric', weekday: 'short', timeZone: LOCAL_TIME_ZONE })}</span>
    </div>
  );
}

interface KpiProps {
  label: string;
  value: string;
  unit?: string;
  note?: ReactNode;
  tone?: 'normal' | 'warning' | 'danger' | 'good';
  testId: string;
  onClick?(): void;
  pressed?: boolean;
}

function Kpi({ label, value, unit, note, tone = 'normal', testId, onClick, pressed }: KpiProps) {
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
    <button type="button" className={`screen-kpi screen-kpi--${tone} screen-kpi--button`} data-testid={testId} onClick={onClick} aria-pressed={pressed}>
      {body}
    </button>
  ) : (
    <div className={`screen-kpi screen-kpi--${tone}`} data-testid={testId}>
      {body}
    </div>
  );
}

/** The unobtrusive corner menu: other views, layer toggles, language, sign out. `?kiosk=1` hides it. */
function CornerMenu({ user, layers }: { user: User; layers: ReadonlySet<ScreenLayer> }) {
  const i18n = useI18n();
  const signOut = useSignOut();
  const [open, setOpen] = useState(false);
  const toggle = (layer: ScreenLayer) => {
    const next = new Set(layers);
    if (next.has(layer)) next.delete(layer);
    else next.add(layer);
    updateQuery({ layers: layersParameter(next) });
  };
  return (
    <div className={`screen-menu ${open ? 'screen-menu--open' : ''}`}>
      <button type="button" className="screen-menu-button" aria-expanded={open} aria-label={i18n.t('app.menu')} title={i18n.t('app.menu')} onClick={() => setOpen(!open)} data-testid="screen-menu-button">
        <span aria-hidden="true">☰</span>
      </button>
      {open ? (
        <div className="screen-menu-panel" data-testid="screen-menu">
          <section>
            <h3>{i18n.t('screen.views')}</h3>
            {routesFor(user)
              .filter((route) => route !== '/screen')
              .map((route) => (
                <a key={route} href={route} data-testid={`nav-${route.slice(1)}`} onClick={(event) => { event.preventDefault(); navigate(route); }}>
                  {i18n.t(ROUTE_LABELS[route])}
                </a>
              ))}
          </section>
          <section>
            <h3>{i18n.t('screen.layers')}</h3>
            {TOGGLED_LAYERS.map((layer) => (
              <label key={layer} className="screen-menu-toggle">
                <input type="checkbox" checked={layers.has(layer)} onChange={() => toggle(layer)} data-testid={`layer-toggle-${layer}`} />
                {i18n.t(LAYER_LABELS[layer])}
              </label>
            ))}
          </section>
          <section className="screen-menu-row">
            <LanguageToggle className="screen-language" />
            <button type="button" className="button button--small screen-menu-signout" onClick={() => signOut(user)} data-testid="screen-sign-out">
              {user.readOnly ? i18n.t('screen.forgetToken') : i18n.t('screen.signOut')}
            </button>
          </section>
        </div>
      ) : null}
    </div>
  );
}

function OverdueList({ incidents, onClose }: { incidents: IncidentFeature[]; onClose(): void }) {
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

export default function ScreenView({ user }: { user: User }) {
  const i18n = useI18n();
  const scale = useScreenScale();
  const [params] = useUrlQuery();
  const { settings, problems: settingProblems } = readScreenSettings(params);
  const { tourSeconds, refreshSeconds, measure, fps: animationFps, layers } = settings;
  const refetchInterval = refreshSeconds * 1000;

  const areas = useAreas();
  const stops = useMemo(() => tourStops(areas.data), [areas.data]);
  const ambiguous = useMemo(() => ambiguousStreetNames(areas.data), [areas.data]);
  const pinnedIndex = stops.findIndex((stop) => stop.community.id === settings.community);
  const [openingProblems] = useState(settingProblems);
  const problems = [...new Set([...openingProblems, ...settingProblems, ...(areas.data && settings.community !== null && pinnedIndex < 0 ? ['community'] : [])])];
  const [index, setIndex] = useState(0);
  useEffect(() => {
    if (pinnedIndex >= 0) setIndex(pinnedIndex);
  }, [pinnedIndex]);

  // The tour: every N seconds the next community, no interaction needed; its id goes into the URL.
  useEffect(() => {
    if (tourSeconds <= 0 || stops.length < 2) return;
    const timer = window.setInterval(() => setIndex((current) => (current + 1) % stops.length), tourSeconds * 1000);
    return () => window.clearInterval(timer);
  }, [tourSeconds, stops]);
  const target = stops[Math.min(index, Math.max(0, stops.length - 1))];
  const targetId = target?.community.id ?? null;
  useEffect(() => {
    if (targetId !== null && tourSeconds > 0 && settings.community !== targetId) updateQuery({ community: targetId });
  }, [targetId, tourSeconds, settings.community]);

  const community = useCommunity(targetId, { refetchInterval });
  const stats = useIncidentStats(targetId, 30, { refetchInterval, enabled: targetId !== null });
  // A community's name is shown only with its own numbers: the header, profile, KPIs, charts and ticker switch
  // together, once both the community and its statistics have arrived.
  const [shown, setShown] = useState<{ community: Community; stats: IncidentStats } | null>(null);
  const fresh = community.data && !community.isPlaceholderData && community.data.properties.id === targetId && stats.data && !stats.isPlaceholderData;
  useEffect(() => {
    if (fresh && community.data && stats.data) setShown({ community: community.data, stats: stats.data });
  }, [fresh, community.data, stats.data]);
  const shownId = shown?.community.properties.id ?? null;
  const shownStop = stops.find((stop) => stop.community.id === shownId) ?? null;

  const communityId = targetId;
  const grids = useGrids(communityId, { enabled: communityId !== null, refetchInterval: refetchInterval * 5 });
  const buildings = useBuildings(layers.has('buildings') ? communityId : null);
  const servicePoints = useServicePoints(communityId, { enabled: communityId !== null && layers.has('services') });
  // The patrol night is the server's (one definition): the routes are those of the night the coverage is about.
  const coverage = usePatrolCoverage(communityId, { refetchInterval });
  const patrols = usePatrols(layers.has('patrols') && coverage.data ? communityId : null, coverage.data?.night);
  const volunteerTeams = useVolunteerTeams(layers.has('volunteers') ? communityId : null);
  const heatFrom = useMemo(() => daysAgoIso(HEAT_DAYS), [communityId]);
  const heatIncidents = useQuery({
    queryKey: ['screen-incidents', communityId, heatFrom],
    queryFn: async () => (await fetchAllPages<IncidentFeature>(incidentListUrl({ community: communityId, from: heatFrom }, 5000), { maxFeatures: 20_000 })).features,
    enabled: communityId !== null && layers.has('heat'),
    refetchInterval,
  });
  // Every open incident, whatever its age: what the open and overdue KPIs count is what the map draws.
  const openIncidents = useQuery({
    queryKey: ['screen-open-incidents', communityId],
    queryFn: async () => (await fetchAllPages<IncidentFeature>(incidentListUrl({ community: communityId, statuses: OPEN_STATUSES }, 5000), { maxFeatures: 20_000 })).features,
    enabled: communityId !== null,
    refetchInterval,
  });

  const trips = useMemo(() => toPatrolTrips(patrols.data ?? []), [patrols.data]);
  const overdueIncidents = useMemo(
    () => (openIncidents.data ?? []).filter((incident) => incident.properties.overdue && incident.properties.communityId === shownId).sort((a, b) => a.properties.reportedAt.localeCompare(b.properties.reportedAt)),
    [openIncidents.data, shownId],
  );
  const volunteerHomes = useMemo(() => (volunteerTeams.data ?? []).flatMap((team) => (team.geometry?.coordinates ?? []) as [number, number][]), [volunteerTeams.data]);
  const labels = useMemo(() => stops.map((item) => ({ id: item.community.id, name: i18n.areaName(item.community), position: item.community.centroid })), [stops, i18n]);
  const patrolled = (coverage.data?.patrols ?? 0) > 0;

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
    if (layers.has('heat') && heatIncidents.data && heatIncidents.data.length > 0) {
      const built = incidentHeatLayer({ incidents: heatIncidents.data, radiusPixels: 55 * scale + 10, intensity: 1 });
      list.push(() => built);
    }
    if (layers.has('volunteers') && volunteerHomes.length > 0) {
      const built = volunteerDensityLayer({ homes: volunteerHomes });
      list.push(() => built);
    }
    if (layers.has('missed') && coverage.data && patrolled) {
      const missed = coverage.data.missed.features;
      list.push(({ time }) => patrolMissedLayer({ missed, theme, pulse: (Math.sin(time * 2.4) + 1) / 2 }));
    }
    if (layers.has('patrols') && trips.trips.length > 0) {
      list.push(({ time }) => patrolTripsLayer({ trips: trips.trips, theme, currentTime: ((time % PATROL_LOOP_SECONDS) / PATROL_LOOP_SECONDS) * trips.duration, trailLength: 1800 }));
    }
    if (layers.has('points') && openIncidents.data) {
      const points = openIncidents.data;
      list.push(({ time }) => incidentPointLayer({ incidents: points, pulse: (Math.sin(time * 3) + 1) / 2, radiusPixels: 5 * scale + 1, onTop: true }));
    }
    if (layers.has('services') && servicePoints.data) {
      const built = servicePointLayers({ servicePoints: servicePoints.data, size: 13 * scale + 2 });
      list.push(() => built);
    }
    if (layers.has('grids') && grids.data) {
      list.push(gridLabelBuilder({ grids: grids.data, theme, labelSize: 12 * scale + 1 }));
    }
    const labelLayer = areaLabelLayer({ labels, theme, size: 17 * scale + 2 });
    list.push(() => labelLayer);
    return list;
    // `layers` is rebuilt from the URL each render; its content is in the key below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [[...layers].join(), measure, grids.data, buildings.data, heatIncidents.data, volunteerHomes, coverage.data, patrolled, trips, openIncidents.data, servicePoints.data, labels, scale]);

  // The legend sits at the bottom left: keep the community clear of it.
  const fitStop = shownStop ?? target;
  const fitTarget = useMemo(() => (fitStop ? { bounds: fitStop.community.bbox, key: String(fitStop.community.id), padding: { top: 50 * scale, bottom: 50 * scale, left: 230 * scale, right: 60 * scale } } : null), [fitStop, scale]);
  const kpis = shown?.community.properties.kpis;
  const shownStats = shown?.stats;
  const dataAsOf = shownStats?.dataAsOf;
  const streets = streetsOf(stops);
  const titleStop = shownStop ?? target;
  const title = streets.length === 1 ? streetName(streets[0], titleStop?.district ?? null, ambiguous, i18n) : titleStop?.street ? streetName(titleStop.street, titleStop.district, ambiguous, i18n) : '';
  const loadingData = openIncidents.isFetching || grids.isFetching || stats.isFetching;
  const missedCount = patrolled ? (coverage.data?.missed.features.length ?? 0) : 0;
  const overlay = THEME_OVERLAY.dark;
  const night = coverage.data;
  const nightDate = night ? i18n.dateTime(`${night.night}T12:00:00+08:00`, { month: 'numeric', day: 'numeric', timeZone: LOCAL_TIME_ZONE }) : '';

  if (areas.error) return <div className="screen-root"><ErrorMessage error={areas.error} onRetry={() => areas.refetch()} /></div>;
  if (!areas.data) return <div className="screen-root"><LoadingOverlay label={i18n.t('app.loading')} /></div>;

  return (
    <div className="screen-root" data-testid="screen" data-kiosk={settings.kiosk ? 'true' : 'false'}>
      <div className="screen-frame">
        <header className="screen-header">
          <div className="screen-header-side screen-header-left">
            {settings.kiosk ? null : <CornerMenu user={user} layers={layers} />}
            <span className="screen-demo">{i18n.t('app.demoData')}</span>
            <span className="screen-user">{user.displayName}</span>
          </div>
          <div className="screen-title">
            <h1 data-testid="screen-title">
              <span data-testid="screen-street">{title}</span>
              <span className="screen-title-separator">·</span>
              <span className="screen-title-name">{i18n.t('screen.title')}</span>
            </h1>
            <div className="screen-subtitle">
              <span className="screen-community" data-testid="screen-community" data-community-id={shownId ?? undefined}>{shownStop ? i18n.areaName(shownStop.community) : ''}</span>
              <span className="screen-tour-dots" aria-hidden="true">
                {stops.map((item) => (
                  <i key={item.community.id} className={item.community.id === shownId ? 'active' : ''} />
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
              {i18n.t('screen.dataAsOf', { time: dataAsOf ? i18n.dateTime(dataAsOf, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone: LOCAL_TIME_ZONE }) : '–' })}
            </div>
          </div>
        </header>
        <UrlNotice problems={problems} className="screen-url-notice" />

        <div className="screen-body">
          <aside className="screen-column">
            <Panel title={`${i18n.t('screen.profile')} · ${shownStop ? i18n.areaName(shownStop.community) : ''}`} className="screen-profile" testId="screen-profile" communityId={shownId}>
              <div className="screen-profile-grid">
                <div><b>{i18n.number(kpis?.households)}</b><span>{i18n.t('screen.households')}</span></div>
                <div><b>{i18n.number(kpis?.residents)}</b><span>{i18n.t('screen.residents')}</span></div>
                <div><b>{i18n.number(kpis?.grids)}</b><span>{i18n.t('layer.grids')}</span></div>
                <div><b>{i18n.number(kpis?.staff)}</b><span>{i18n.t('plan.staff')}</span></div>
                <div><b>{i18n.number(kpis?.volunteers)}</b><span>{i18n.t('screen.volunteers')}</span></div>
                <div><b>{i18n.number(kpis?.servicePoints)}</b><span>{i18n.t('screen.servicePoints')}</span></div>
              </div>
            </Panel>
            <Panel title={i18n.t('screen.byCategory')} className="screen-chart-panel" testId="screen-category" communityId={shownId}>
              {shownStats ? <EChart option={categoryChart(shownStats, i18n, scale)} /> : <LoadingOverlay label={i18n.t('app.loading')} subtle />}
            </Panel>
            <Panel title={i18n.t('screen.ranking')} className="screen-chart-panel screen-chart-panel--tall" testId="screen-ranking" communityId={shownId}>
              {shownStats ? <EChart option={rankingChart(shownStats, i18n, scale)} /> : <LoadingOverlay label={i18n.t('app.loading')} subtle />}
            </Panel>
          </aside>

          <main className="screen-centre">
            <div className="screen-kpis" data-testid="screen-kpis" data-community-id={shownId ?? undefined}>
              <Kpi testId="kpi-today" label={i18n.t('screen.incidentsToday')} value={i18n.number(kpis?.incidentsToday)} />
              <Kpi testId="kpi-open" label={i18n.t('screen.open')} value={i18n.number(kpis?.openIncidents)} tone="warning" />
              <Kpi
                testId="kpi-overdue"
                label={i18n.t('screen.overdue')}
                value={i18n.number(kpis?.overdueIncidents)}
                tone={(kpis?.overdueIncidents ?? 0) > 0 ? 'danger' : 'good'}
                onClick={() => updateQuery({ overdue: settings.overdueList ? null : '1' })}
                pressed={settings.overdueList}
              />
              <Kpi testId="kpi-closure" label={i18n.t('screen.closureRate')} value={kpis?.closureRate7d === null || kpis?.closureRate7d === undefined ? '–' : i18n.number(kpis.closureRate7d * 100, { maximumFractionDigits: 0 })} unit="%" tone="good" />
              <Kpi
                testId="kpi-patrol"
                label={i18n.t('screen.patrolCoverage')}
                value={!night || night.communityId !== shownId ? '–' : !patrolled ? i18n.t('screen.noPatrolRecorded') : i18n.number(night.coverage * 100, { maximumFractionDigits: 0 })}
                unit={night && patrolled && night.communityId === shownId ? '%' : undefined}
                tone={night && !patrolled ? 'warning' : 'normal'}
                note={
                  night ? (
                    <span data-testid="kpi-patrol-night" data-night={night.night} data-tonight={night.tonight?.night ?? ''}>
                      {i18n.t('screen.lastNight', { date: nightDate })}
                      {night.tonight ? <b className="screen-kpi-live"> · {i18n.t('screen.tonightInProgress', { start: i18n.time(night.tonight.starts), end: i18n.time(night.tonight.ends) })}</b> : null}
                    </span>
                  ) : null
                }
              />
              <Kpi testId="kpi-volunteers" label={i18n.t('screen.activeVolunteers')} value={i18n.number(kpis?.activeVolunteers)} tone="good" />
            </div>
            <div className="screen-map-frame">
              <MapView
                theme="dark"
                layers={builders}
                animated
                hasData={(openIncidents.data?.length ?? 0) > 0 || (heatIncidents.data?.length ?? 0) > 0}
                fitTarget={fitTarget}
                pitch={38}
                animationFps={animationFps}
                loading={loadingData ? i18n.t('map.loadingData') : null}
                className="screen-map"
              >
                {settings.overdueList ? <OverdueList incidents={overdueIncidents} onClose={() => updateQuery({ overdue: null })} /> : null}
                <Legend className="screen-legend">
                  {layers.has('heat') ? (
                    <LegendSection title={i18n.t('layer.heat')}>
                      <LegendRamp colours={RAMPS.heat} />
                    </LegendSection>
                  ) : null}
                  {layers.has('points') ? (
                    <LegendSection
                      title={i18n.t('layer.points')}
                      items={[
                        { colour: STATUS_COLOURS.reported, label: i18n.label(STATUS_LABELS.reported), shape: 'circle' },
                        { colour: STATUS_COLOURS.in_progress, label: i18n.label(STATUS_LABELS.in_progress), shape: 'circle' },
                        { colour: OVERDUE_COLOUR, label: i18n.t('legend.overdue'), shape: 'circle' },
                      ]}
                    />
                  ) : null}
                  {layers.has('patrols') || layers.has('missed') ? (
                    <LegendSection
                      title={`${i18n.t('layer.patrols')} · ${nightDate}`}
                      items={[
                        ...(layers.has('patrols') ? [{ colour: rgbaToCss(overlay.patrolTrail), label: i18n.t('layer.patrols'), shape: 'line' as const }] : []),
                        ...(layers.has('missed') ? [{ colour: rgbaToCss(overlay.missedLine), label: patrolled ? i18n.t('screen.missedCount', { count: missedCount }) : i18n.t('screen.noPatrolRecorded'), shape: 'outline' as const }] : []),
                      ]}
                    />
                  ) : null}
                  {layers.has('volunteers') ? (
                    <LegendSection title={i18n.t('layer.volunteers')}>
                      <LegendRamp colours={RAMPS.volunteers} />
                    </LegendSection>
                  ) : null}
                  {layers.has('services') ? (
                    <LegendSection
                      title={i18n.t('layer.services')}
                      items={Object.entries(SERVICE_POINT_STYLE)
                        .filter(([kind]) => servicePoints.data?.some((point) => point.properties.kind === kind))
                        .map(([kind, style]) => ({ colour: style.colour, glyph: style.glyph, shape: 'circle' as const, label: i18n.label(SERVICE_POINT_LABELS[kind as keyof typeof SERVICE_POINT_LABELS]) }))}
                    />
                  ) : null}
                  {layers.has('grids') ? (
                    <LegendSection title={`${i18n.t('layer.grids')} · ${i18n.t(`measure.${measure}`)}`}>
                      <LegendRamp colours={RAMPS.darkSequential} />
                    </LegendSection>
                  ) : null}
                </Legend>
              </MapView>
            </div>
          </main>

          <aside className="screen-column">
            <Panel title={i18n.t('screen.trend')} className="screen-chart-panel" testId="screen-trend" communityId={shownId}>
              {shownStats ? <EChart option={trendChart(shownStats, i18n, scale)} /> : <LoadingOverlay label={i18n.t('app.loading')} subtle />}
            </Panel>
            <Panel title={i18n.t('screen.latest')} className="screen-ticker-panel" testId="screen-ticker" communityId={shownId}>
              <Ticker stats={shownStats?.latest ?? []} />
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

function Ticker({ stats }: { stats: IncidentProperties[] }) {
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
