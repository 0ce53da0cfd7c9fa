// 网格规划: the planner's view (read-only for now). The URL holds the community and grid; the grids come with the
// server's balance against the households norm; planLayers() draws them with their courtyards and buildings.
import { useMemo, useState } from 'react';
import type { PickingInfo } from 'deck.gl';
import { apiUrl } from '../../api/http.ts';
import { ofCommunity, useAreas, useFeatureList } from '../../api/queries.ts';
import type { GridFeature, User } from '../../api/types.ts';
import { readCamera, updateQuery, writeCamera } from '../../app/router.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Legend, LegendSection } from '../../components/Legend.tsx';
import { LoadingOverlay, Spinner } from '../../components/Loading.tsx';
import { MapView } from '../../components/MapView.tsx';
import { UrlNotice } from '../../components/UrlNotice.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { LAYER_IDS } from '../../map/layer-ids.ts';
import { BALANCE_COLOURS, THEME_OVERLAY, rgbaToCss } from '../../map/palette.ts';
import { ambiguousStreetNames, streetName, tourStops } from '../screen/screen-data.ts';
import { GridCard } from './GridCard.tsx';
import { GridTable } from './GridTable.tsx';
import { planLayers } from './plan-layers.ts';
import { balanceSummary, gridBounds, planNorm } from './plan-summary.ts';
import { usePlanSelection } from './use-plan-selection.ts';
import './plan.css';

const NO_GRIDS: GridFeature[] = [];

export default function PlanView(_props: { user: User }) {
  const i18n = useI18n();
  const areas = useAreas();
  const stops = useMemo(() => tourStops(areas.data), [areas.data]);
  const ambiguous = useMemo(() => ambiguousStreetNames(areas.data), [areas.data]);
  const { community, gridParameter, problems: selectionProblems } = usePlanSelection(stops);
  const communityId = community?.id ?? null;
  const [initialCamera] = useState(() => readCamera(new URLSearchParams(window.location.search)));

  const grids = useFeatureList('grids', ofCommunity(communityId));
  const compounds = useFeatureList('compounds', ofCommunity(communityId));
  const buildings = useFeatureList('buildings', ofCommunity(communityId));
  const gridList = grids.data?.features ?? NO_GRIDS;
  const selectedGrid = gridList.find((grid) => grid.properties.id === gridParameter) ?? null;
  const selectedGridId = selectedGrid?.properties.id ?? null;
  // Ignored, and said so: a grid that is not one of the community's.
  const gridProblem = gridParameter !== null && grids.data !== undefined && selectedGrid === null;
  const problems = [...selectionProblems, ...(gridProblem ? ['grid'] : [])];

  const builders = useMemo(
    () => planLayers({ grids: grids.data?.features, compounds: compounds.data?.features, buildings: buildings.data?.features, selectedGridId }),
    [grids.data, compounds.data, buildings.data, selectedGridId],
  );
  const fitTarget = useMemo(() => {
    if (selectedGrid) return { bounds: gridBounds(selectedGrid), key: `grid-${selectedGrid.properties.id}`, padding: 80 };
    return community ? { bounds: community.bbox, key: `community-${community.id}`, padding: 40 } : null;
  }, [selectedGrid, community]);

  const onMapClick = (info: PickingInfo) => {
    if (info.layer?.id !== LAYER_IDS.grids || !info.object) return;
    const id = (info.object as GridFeature).properties.id;
    updateQuery({ grid: id === selectedGridId ? null : id });
  };

  const norm = planNorm(grids.data?.features);
  const summary = balanceSummary(gridList);
  const loading = grids.isFetching || compounds.isFetching || buildings.isFetching;

  return (
    <div className="plan-view" data-testid="plan">
      <aside className="side-panel plan-panel">
        <label className="plan-picker">
          <span>{i18n.t('plan.community')}</span>
          <select value={communityId ?? ''} data-testid="community-picker" onChange={(event) => updateQuery({ community: Number(event.target.value), grid: null, map: null })}>
            {stops.map((stop) => (
              <option key={stop.community.id} value={stop.community.id}>
                {stop.street ? `${streetName(stop.street, stop.district, ambiguous, i18n)} · ` : ''}
                {i18n.areaName(stop.community)}
              </option>
            ))}
          </select>
        </label>
        <div className="plan-norm">
          <span>{i18n.t('plan.norm', { min: norm.min, max: norm.max })}</span>
          <span className="help-tip" tabIndex={0} role="note" aria-label={i18n.t('plan.normHelp')} data-testid="norm-help">
            ?<span className="help-tip-text">{i18n.t('plan.normHelp')}</span>
          </span>
        </div>
        <p className="plan-summary" data-testid="plan-summary">
          {i18n.t('plan.summary', { grids: gridList.length, households: i18n.number(summary.households), below: summary.below, above: summary.above })}
        </p>
        {communityId !== null ? (
          <div className="plan-export" title={i18n.t('plan.exportHelp')}>
            <span>{i18n.t('plan.export')}</span>
            <a className="button button--small" data-testid="export-grids-gpkg" href={apiUrl('/api/grids/export', { community: communityId, format: 'gpkg' })} download>
              GeoPackage
            </a>
            <a className="button button--small" data-testid="export-grids-geojson" href={apiUrl('/api/grids/export', { community: communityId, format: 'geojson' })} download>
              GeoJSON
            </a>
          </div>
        ) : null}
        <p className="hint">{i18n.t('plan.viewOnly')}</p>
        <UrlNotice problems={problems} />
        {areas.error ? <ErrorMessage error={areas.error} onRetry={() => areas.refetch()} /> : null}
        {grids.error ? <ErrorMessage error={grids.error} onRetry={() => grids.refetch()} /> : null}
        <h2>{i18n.t('plan.grids')}</h2>
        {grids.isPending && communityId !== null ? <Spinner /> : null}
        <GridTable grids={gridList} selectedGridId={selectedGridId} />
      </aside>
      <main className="plan-main">
        <MapView
          theme="light"
          layers={builders}
          hasData={gridList.length > 0}
          fitTarget={fitTarget}
          initialCamera={initialCamera}
          onCameraChange={(camera) => updateQuery({ map: writeCamera(camera) })}
          onClick={onMapClick}
          loading={loading ? i18n.t('map.loadingData') : null}
          className="plan-map"
        >
          {selectedGrid ? <GridCard grid={selectedGrid} /> : <div className="plan-hint">{i18n.t('plan.selectHint')}</div>}
          <PlanLegend norm={norm} />
        </MapView>
        {!areas.data && !areas.error ? <LoadingOverlay label={i18n.t('app.loading')} /> : null}
      </main>
    </div>
  );
}

function PlanLegend({ norm }: { norm: { min: number; max: number } }) {
  const i18n = useI18n();
  const overlay = THEME_OVERLAY.light;
  return (
    <Legend className="plan-legend">
      <LegendSection
        title={i18n.t('plan.norm', { min: norm.min, max: norm.max })}
        items={[
          { colour: BALANCE_COLOURS.below, label: i18n.t('plan.below') },
          { colour: BALANCE_COLOURS.within, label: i18n.t('plan.within') },
          { colour: BALANCE_COLOURS.above, label: i18n.t('plan.above') },
        ]}
      />
      <LegendSection
        title={i18n.t('map.legend')}
        items={[
          { colour: rgbaToCss(overlay.gridLine), label: i18n.t('layer.grids'), shape: 'outline' },
          { colour: rgbaToCss(overlay.compoundLine), label: i18n.t('layer.compounds'), shape: 'outline' },
          { colour: rgbaToCss(overlay.building), label: i18n.t('layer.buildings') },
          { colour: rgbaToCss(overlay.buildingHighlight), label: `${i18n.t('layer.buildings')} · ${i18n.t('plan.selectHint')}` },
        ]}
      />
      <div className="legend-demo">{i18n.t('app.demoData')}</div>
    </Legend>
  );
}
