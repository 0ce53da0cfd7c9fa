// 分析: the analyst's view. The URL holds the filters (a link restores the view); useIncidentResults reads the
// matching incidents, analyzeLayers() draws them, and the side panels filter and list them.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { PickingInfo } from 'deck.gl';
import { INCIDENT_CATEGORIES } from '#domain/vocabulary.ts';
import { useLiveRefresh } from '../../api/live-events.ts';
import { ofCommunity, useAreas, useBasemapConfig, useFeatureList, useIncidentAggregates, useIncidentDetail, usePatrolWindowCoverage, useResponders, useServiceCoverage } from '../../api/queries.ts';
import type { BBox, IncidentFeature, User } from '../../api/types.ts';
import { readCamera, updateQuery, writeCamera } from '../../app/router.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Legend, LegendRamp, LegendSection, PatrolWindowLegend } from '../../components/Legend.tsx';
import { MapView } from '../../components/MapView.tsx';
import { UrlNotice } from '../../components/UrlNotice.tsx';
import { useI18n, type I18n } from '../../i18n/i18n.tsx';
import { CATEGORY_LABELS } from '../../i18n/messages.ts';
import { LAYER_IDS } from '../../map/layer-ids.ts';
import { CATEGORY_COLOURS, OVERDUE_COLOUR, RAMPS, RESPONDER_COLOURS, UNCOVERED_COLOUR } from '../../map/palette.ts';
import type { LegendSpec } from '../../map/map-image.ts';
import { exportAnalyzeImage } from './analyze-image.ts';
import type { DrawingKind, DrawingResult } from '../../map/area-drawing.ts';
import { tourStops } from '../screen/screen-data.ts';
import { analyzeLayers, type CoverageOverlayState } from './analyze-layers.ts';
import { CoveragePanel } from './CoveragePanel.tsx';
import { apiWindow, histogramRange, type AnalyzeFilters } from './analyze-filters.ts';
import { AnalyzeSummary } from './AnalyzeSummary.tsx';
import { areaFromDrawing, writeArea } from './drawn-area.ts';
import { TimeHistogram } from './TimeHistogram.tsx';
import { AnalyzeToolbar } from './AnalyzeToolbar.tsx';
import { FilterPanel, ResultsPanel } from './AnalyzeSidePanels.tsx';
import { findArea } from './AreaTree.tsx';
import { useAnalyzeFilters } from './use-analyze-filters.ts';
import { useIncidentResults } from './use-incident-results.ts';
import './analyze.css';

/** The hexbins' size across, in metres (the server bins in SQL). */
export const HEXBIN_METRES = 250;

export default function AnalyzeView({ user }: { user: User }) {
  const i18n = useI18n();
  const areas = useAreas();
  const { filters, problems } = useAnalyzeFilters(areas.data);
  const [initialCamera] = useState(() => readCamera(new URLSearchParams(window.location.search)));
  // New incidents and moves reach the counts and the map without a reload; a burst within 3 s is one refresh
  // (the aggregation is a heavy query).
  useLiveRefresh(true, 3000);
  const results = useIncidentResults(filters);
  const emptySelection = filters.categories.length === 0 || filters.statuses.length === 0;
  // The server's counts over every match: the summary, the choropleth and the hexbins.
  const aggregates = useIncidentAggregates(emptySelection ? null : results.request, results.area, { interval: filters.interval, hexMetres: HEXBIN_METRES });
  // The histogram's year: the same filters but the time window, which it shows (and picks) instead.
  const histogramRequest = useMemo(() => ({ ...results.request, ...apiWindow({ ...filters, ...histogramRange(filters) }) }), [results.request, filters]);
  // Its hexbins are not drawn: the coarsest size keeps them cheap.
  const histogram = useIncidentAggregates(emptySelection ? null : histogramRequest, results.area, { interval: filters.interval, hexMetres: 5000 });
  // The choropleth colours every grid in scope; otherwise the selected community's grids are outlined.
  const grids = useFeatureList('grids', filters.mode === 'grids' && filters.community === null ? {} : ofCommunity(filters.community));
  // 片区呼叫: the open incident's nearest volunteers, drawn with lines to it.
  const responders = useResponders(filters.incident, filters.responders);
  const selectedIncident = useIncidentDetail(filters.incident);
  const responderState = useMemo(
    () =>
      filters.responders && responders.data && selectedIncident.data
        ? { incident: selectedIncident.data.geometry.coordinates as [number, number], list: responders.data.features }
        : undefined,
    [filters.responders, responders.data, selectedIncident.data],
  );
  // Coverage measures of the selected community: figures in the panel, one of them under the incidents (?overlay=).
  // Heavy queries too: asked once the selection's own counts are in, not in the same burst.
  const coverageReady = filters.community !== null && (aggregates.data !== undefined || emptySelection);
  const patrolWindow = usePatrolWindowCoverage(filters.community, { enabled: coverageReady });
  const serviceCoverage = useServiceCoverage(filters.community, { enabled: coverageReady });
  const volunteerTeams = useFeatureList('volunteer-teams', filters.overlay === 'volunteers' && filters.community !== null ? { ...ofCommunity(filters.community), members: true } : null);
  const overlay = useMemo((): CoverageOverlayState | undefined => {
    if (!filters.overlay || filters.community === null) return undefined;
    const own = <T extends { communityId: number }>(value: T | undefined) => (value?.communityId === filters.community ? value : undefined);
    return {
      kind: filters.overlay,
      patrols: own(patrolWindow.data),
      uncoveredBuildings: own(serviceCoverage.data)?.uncovered.features,
      volunteerHomes: volunteerTeams.data?.features.flatMap((team) => (team.geometry?.coordinates ?? []) as [number, number][]),
    };
  }, [filters.overlay, filters.community, patrolWindow.data, serviceCoverage.data, volunteerTeams.data]);
  const gridCounts = useMemo(() => (aggregates.data ? new Map(aggregates.data.byGrid.map((grid) => [grid.gridId, grid.count])) : undefined), [aggregates.data]);
  const basemap = useBasemapConfig();
  const capture = useRef<(() => HTMLCanvasElement) | null>(null);
  const [drawing, setDrawing] = useState<DrawingKind | null>(null);
  const [drawProblem, setDrawProblem] = useState<string | null>(null);
  useEffect(() => {
    if (!drawing) return;
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && setDrawing(null);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [drawing]);
  const onDrawn = (result: DrawingResult) => {
    setDrawing(null);
    const parsed = areaFromDrawing(result.kind, result.ring, result.radiusKilometres);
    if ('problem' in parsed) return setDrawProblem(parsed.problem);
    setDrawProblem(null);
    updateQuery({ area: writeArea(parsed.area), incident: null }, { replace: false });
  };
  const stops = useMemo(() => tourStops(areas.data), [areas.data]);
  const selectedCommunity = findArea(areas.data, filters.community);

  const communityLabels = useMemo(() => stops.map((stop) => ({ id: stop.community.id, name: i18n.areaName(stop.community), position: stop.community.centroid })), [stops, i18n]);
  const streetLabels = useMemo(() => {
    const streets = new Map(stops.flatMap((stop) => (stop.street ? [[stop.street.id, stop.street] as const] : [])));
    return [...streets.values()].map((street) => ({ id: street.id, name: i18n.areaName(street), position: street.centroid }));
  }, [stops, i18n]);
  const builders = useMemo(
    () =>
      analyzeLayers({
        mode: filters.mode,
        incidents: results.features,
        grids: grids.data?.features,
        gridCounts,
        hexbins: aggregates.data?.hexbins.features,
        area: results.area,
        responders: responderState,
        selectedGridId: filters.grid,
        selectedIncidentId: filters.incident,
        communityLabels,
        streetLabels,
        overlay,
      }),
    [filters.mode, results.features, grids.data, gridCounts, aggregates.data, results.area, responderState, filters.grid, filters.incident, communityLabels, streetLabels, overlay],
  );

  const fitTarget = useMemo(() => {
    if (responderState && responderState.list.length > 0) {
      const points = [responderState.incident, ...responderState.list.map((responder) => responder.geometry.coordinates)];
      const bounds: BBox = [Math.min(...points.map((point) => point[0])), Math.min(...points.map((point) => point[1])), Math.max(...points.map((point) => point[0])), Math.max(...points.map((point) => point[1]))];
      return { bounds, key: `responders-${filters.incident}`, padding: 80 };
    }
    if (selectedCommunity) return { bounds: selectedCommunity.bbox, key: `area-${selectedCommunity.id}`, padding: 40 };
    // Everything in scope: the box around the user's communities, not the whole prefecture.
    const boxes = stops.map((stop) => stop.community.bbox);
    if (boxes.length === 0) return null;
    const bounds: BBox = [Math.min(...boxes.map((box) => box[0])), Math.min(...boxes.map((box) => box[1])), Math.max(...boxes.map((box) => box[2])), Math.max(...boxes.map((box) => box[3]))];
    return { bounds, key: 'scope', padding: 60 };
  }, [responderState, filters.incident, selectedCommunity, stops]);

  const onMapClick = (info: PickingInfo) => {
    if ((info.layer?.id === LAYER_IDS.incidentPoints || info.layer?.id === LAYER_IDS.overdueIncidents) && info.object) updateQuery({ incident: (info.object as IncidentFeature).properties.id });
  };
  const overdueCount = useMemo(() => results.features.filter((incident) => incident.properties.overdue).length, [results.features]);
  const loadingText = results.isFetching ? i18n.t('analyze.loadingResults', { count: i18n.number(results.progress) }) : null;

  return (
    <div className="analyze-view" data-testid="analyze">
      <FilterPanel filters={filters} areas={areas} />
      <main className="analyze-main">
        <AnalyzeToolbar
          user={user}
          filters={filters}
          request={results.request}
          count={aggregates.data && !aggregates.isFetching ? aggregates.data.total : results.features.length}
          capped={results.capped}
          loading={results.isFetching || aggregates.isFetching}
          progress={results.progress}
          drawing={drawing}
          onExportImage={async () => {
            if (!capture.current) return;
            const count = aggregates.data?.total ?? results.features.length;
            await exportAnalyzeImage(capture.current(), {
              filters,
              count,
              legend: analyzeLegendSpec(filters, i18n),
              areaName: selectedCommunity ? i18n.areaName(selectedCommunity) : null,
              dataAsOf: new Date(aggregates.dataUpdatedAt || Date.now()),
              attribution: basemap.data?.attribution ?? '',
              i18n,
            });
          }}
          onDraw={(kind) => {
            setDrawProblem(null);
            setDrawing(kind);
          }}
        />
        <UrlNotice problems={problems} />
        {drawing ? (
          <div className="draw-hint" role="status" data-testid="draw-hint">
            {i18n.t(`analyze.draw.hint.${drawing}`)}
            <button type="button" className="button button--small" onClick={() => setDrawing(null)}>
              {i18n.t('analyze.draw.cancel')}
            </button>
          </div>
        ) : null}
        {drawProblem ? (
          <div className="draw-problem" role="alert" data-testid="draw-problem">
            {i18n.t('analyze.draw.refused', { reason: drawProblem })}
          </div>
        ) : null}
        {aggregates.error ? <ErrorMessage error={aggregates.error} onRetry={() => aggregates.refetch()} /> : null}
        {results.error ? <ErrorMessage error={results.error} onRetry={results.refetch} /> : null}
        <MapView
          theme="light"
          layers={builders}
          hasData={results.features.length > 0}
          fitTarget={fitTarget}
          initialCamera={initialCamera}
          onCameraChange={(camera) => updateQuery({ map: writeCamera(camera) })}
          onClick={onMapClick}
          loading={loadingText}
          drawing={drawing}
          onDrawn={onDrawn}
          captureRef={capture}
          className="analyze-map"
        >
          <AnalyzeLegend filters={filters} overdue={overdueCount} overlay={overlay} />
        </MapView>
        <TimeHistogram series={histogram.data?.series} filters={filters} loading={histogram.isFetching} />
      </main>
      <ResultsPanel user={user} incidentId={filters.incident} showResponders={filters.responders} features={results.features} loading={results.isFetching}>
        <AnalyzeSummary aggregates={aggregates.data} filters={filters} loading={aggregates.isFetching} />
        <CoveragePanel
          community={filters.community}
          overlay={filters.overlay}
          patrols={patrolWindow.data}
          services={serviceCoverage.data}
          grids={grids.data?.features}
          loading={patrolWindow.isFetching || serviceCoverage.isFetching}
        />
      </ResultsPanel>
    </div>
  );
}

/** What the legend says for the display mode: on the map, and on the exported image. */
export function analyzeLegendSpec(filters: AnalyzeFilters, i18n: I18n): LegendSpec {
  const ends = { low: i18n.t('legend.low'), high: i18n.t('legend.high') };
  if (filters.mode === 'heat') return { title: i18n.t('layer.heat'), ramp: RAMPS.heat, ...ends };
  if (filters.mode === 'hexagons') return { title: i18n.t('layer.hexbinsServer', { metres: HEXBIN_METRES }), ramp: RAMPS.incidentHexagons, ...ends };
  if (filters.mode === 'grids') return { title: i18n.t('layer.gridCounts'), ramp: RAMPS.incidentHexagons, ...ends };
  return {
    title: i18n.t('layer.points'),
    items: INCIDENT_CATEGORIES.filter((category) => filters.categories.includes(category)).map((category) => ({ colour: CATEGORY_COLOURS[category], label: i18n.label(CATEGORY_LABELS[category]) })),
  };
}

/** The coverage overlay's legend section. */
function OverlayLegend({ overlay }: { overlay: CoverageOverlayState }) {
  const i18n = useI18n();
  if (overlay.kind === 'patrols') return overlay.patrols ? <PatrolWindowLegend coverage={overlay.patrols} /> : null;
  if (overlay.kind === 'services') return <LegendSection title={i18n.t('layer.uncovered')} items={[{ colour: UNCOVERED_COLOUR, label: i18n.t('legend.uncovered') }]} />;
  return (
    <LegendSection title={`${i18n.t('layer.grids')} · ${i18n.t(overlay.kind === 'volunteers' ? 'measure.volunteersPerThousand' : 'measure.householdsPerStaff')}`}>
      <LegendRamp colours={RAMPS.lightSequential} />
      {overlay.kind === 'volunteers' ? (
        <>
          <div className="legend-subtitle">{i18n.t('legend.volunteerHomes')}</div>
          <LegendRamp colours={RAMPS.volunteers} />
        </>
      ) : null}
    </LegendSection>
  );
}

function AnalyzeLegend({ filters, overdue, overlay }: { filters: AnalyzeFilters; overdue: number; overlay?: CoverageOverlayState }) {
  const i18n = useI18n();
  const spec = analyzeLegendSpec(filters, i18n);
  return (
    <Legend className="analyze-legend">
      {spec.ramp ? (
        <LegendSection title={spec.title}>
          <LegendRamp colours={spec.ramp} />
        </LegendSection>
      ) : (
        <LegendSection title={spec.title} items={spec.items?.map((item) => ({ ...item, shape: 'circle' as const }))} />
      )}
      {overdue > 0 ? (
        <LegendSection title={i18n.t('screen.overdue')} items={[{ colour: OVERDUE_COLOUR, label: i18n.t('legend.overdueRing', { count: i18n.number(overdue) }), shape: 'outline' as const }]} />
      ) : null}
      {overlay ? <OverlayLegend overlay={overlay} /> : null}
      {filters.responders && filters.incident !== null ? (
        <LegendSection
          title={i18n.t('layer.responders')}
          items={[
            { colour: RESPONDER_COLOURS.party, label: i18n.t('legend.partyVolunteer'), shape: 'circle' as const },
            { colour: RESPONDER_COLOURS.volunteer, label: i18n.t('legend.volunteer'), shape: 'circle' as const },
          ]}
        />
      ) : null}
      <div className="legend-demo">{i18n.t('app.demoData')}</div>
    </Legend>
  );
}
