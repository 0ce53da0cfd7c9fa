// 分析: the analyst's view. The URL holds the filters (a link restores the view); useIncidentResults reads the
// matching incidents, analyzeLayers() draws them, and the side panels filter and list them.
import { useMemo, useState } from 'react';
import type { PickingInfo } from 'deck.gl';
import { INCIDENT_CATEGORIES } from '#domain/vocabulary.ts';
import { ofCommunity, useAreas, useFeatureList } from '../../api/queries.ts';
import type { BBox, IncidentFeature, User } from '../../api/types.ts';
import { readCamera, updateQuery, writeCamera } from '../../app/router.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Legend, LegendRamp, LegendSection } from '../../components/Legend.tsx';
import { MapView } from '../../components/MapView.tsx';
import { UrlNotice } from '../../components/UrlNotice.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { CATEGORY_LABELS } from '../../i18n/messages.ts';
import { LAYER_IDS } from '../../map/layer-ids.ts';
import { CATEGORY_COLOURS, RAMPS } from '../../map/palette.ts';
import { tourStops } from '../screen/screen-data.ts';
import { analyzeLayers } from './analyze-layers.ts';
import type { AnalyzeFilters } from './analyze-filters.ts';
import { AnalyzeToolbar } from './AnalyzeToolbar.tsx';
import { FilterPanel, ResultsPanel } from './AnalyzeSidePanels.tsx';
import { findArea } from './AreaTree.tsx';
import { useAnalyzeFilters } from './use-analyze-filters.ts';
import { useIncidentResults } from './use-incident-results.ts';
import './analyze.css';

export default function AnalyzeView({ user }: { user: User }) {
  const i18n = useI18n();
  const areas = useAreas();
  const { filters, problems } = useAnalyzeFilters(areas.data);
  const [initialCamera] = useState(() => readCamera(new URLSearchParams(window.location.search)));
  const results = useIncidentResults(filters);
  const grids = useFeatureList('grids', ofCommunity(filters.community));
  const stops = useMemo(() => tourStops(areas.data), [areas.data]);
  const selectedCommunity = findArea(areas.data, filters.community);

  const communityLabels = useMemo(() => stops.map((stop) => ({ id: stop.community.id, name: i18n.areaName(stop.community), position: stop.community.centroid })), [stops, i18n]);
  const streetLabels = useMemo(() => {
    const streets = new Map(stops.flatMap((stop) => (stop.street ? [[stop.street.id, stop.street] as const] : [])));
    return [...streets.values()].map((street) => ({ id: street.id, name: i18n.areaName(street), position: street.centroid }));
  }, [stops, i18n]);
  const builders = useMemo(
    () => analyzeLayers({ mode: filters.mode, incidents: results.features, grids: grids.data?.features, selectedGridId: filters.grid, selectedIncidentId: filters.incident, communityLabels, streetLabels }),
    [filters.mode, results.features, grids.data, filters.grid, filters.incident, communityLabels, streetLabels],
  );

  const fitTarget = useMemo(() => {
    if (selectedCommunity) return { bounds: selectedCommunity.bbox, key: `area-${selectedCommunity.id}`, padding: 40 };
    // Everything in scope: the box around the user's communities, not the whole prefecture.
    const boxes = stops.map((stop) => stop.community.bbox);
    if (boxes.length === 0) return null;
    const bounds: BBox = [Math.min(...boxes.map((box) => box[0])), Math.min(...boxes.map((box) => box[1])), Math.max(...boxes.map((box) => box[2])), Math.max(...boxes.map((box) => box[3]))];
    return { bounds, key: 'scope', padding: 60 };
  }, [selectedCommunity, stops]);

  const onMapClick = (info: PickingInfo) => {
    if (info.layer?.id === LAYER_IDS.incidentPoints && info.object) updateQuery({ incident: (info.object as IncidentFeature).properties.id });
  };
  const loadingText = results.isFetching ? i18n.t('analyze.loadingResults', { count: i18n.number(results.progress) }) : null;

  return (
    <div className="analyze-view" data-testid="analyze">
      <FilterPanel filters={filters} areas={areas} />
      <main className="analyze-main">
        <AnalyzeToolbar user={user} mode={filters.mode} request={results.request} count={results.features.length} capped={results.capped} loading={results.isFetching} progress={results.progress} />
        <UrlNotice problems={problems} />
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
          className="analyze-map"
        >
          <AnalyzeLegend filters={filters} />
        </MapView>
      </main>
      <ResultsPanel user={user} incidentId={filters.incident} features={results.features} loading={results.isFetching} />
    </div>
  );
}

function AnalyzeLegend({ filters }: { filters: AnalyzeFilters }) {
  const i18n = useI18n();
  return (
    <Legend className="analyze-legend">
      {filters.mode === 'heat' ? (
        <LegendSection title={i18n.t('layer.heat')}>
          <LegendRamp colours={RAMPS.heat} />
        </LegendSection>
      ) : filters.mode === 'hexagons' ? (
        <LegendSection title={i18n.t('layer.hexagons')}>
          <LegendRamp colours={RAMPS.incidentHexagons} />
        </LegendSection>
      ) : (
        <LegendSection title={i18n.t('layer.points')} items={INCIDENT_CATEGORIES.filter((category) => filters.categories.includes(category)).map((category) => ({ colour: CATEGORY_COLOURS[category], label: i18n.label(CATEGORY_LABELS[category]), shape: 'circle' as const }))} />
      )}
      <div className="legend-demo">{i18n.t('app.demoData')}</div>
    </Legend>
  );
}
