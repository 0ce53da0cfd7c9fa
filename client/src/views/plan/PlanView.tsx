import { useEffect, useMemo, useState } from 'react';
import type { PickingInfo } from 'deck.gl';
import { useAreas, useBuildings, useCompounds, useGrids } from '../../api/queries.ts';
import type { GridFeature, User } from '../../api/types.ts';
import { readCamera, updateQuery, useQuery as useUrlQuery, writeCamera } from '../../app/router.ts';
import { ParamReader } from '../../app/url-params.ts';
import { UrlNotice } from '../../components/UrlNotice.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Legend, LegendSection } from '../../components/Legend.tsx';
import { LoadingOverlay, Spinner } from '../../components/Loading.tsx';
import { MapView } from '../../components/MapView.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { LAYER_IDS } from '../../map/layer-ids.ts';
import type { LayerBuilder } from '../../map/map-controller.ts';
import { buildingLayer } from '../../map/layers/buildings.layer.ts';
import { compoundLayer } from '../../map/layers/compounds.layer.ts';
import { gridLabelBuilder, gridLayers } from '../../map/layers/grids.layer.ts';
import { BALANCE_COLOURS, THEME_OVERLAY, hexToRgba, rgbaToCss } from '../../map/palette.ts';
import { ambiguousStreetNames, streetName, tourStops } from '../screen/screen-data.ts';
import { HOUSEHOLD_NORM, gridBalance } from './grid-balance.ts';
import './plan.css';

function BalanceBar({ households }: { households: number }) {
  const i18n = useI18n();
  // The bar runs from 0 to 1.5 × the norm's upper bound; the norm band is shaded.
  const scaleMax = HOUSEHOLD_NORM.max * 1.5;
  const balance = gridBalance(households);
  const share = (value: number) => `${Math.min(100, (value / scaleMax) * 100)}%`;
  return (
    <div className="balance-bar" title={`${i18n.number(households)} · ${i18n.t(`plan.${balance}`)}`} data-balance={balance}>
      <span className="balance-bar-band" style={{ left: share(HOUSEHOLD_NORM.min), width: `calc(${share(HOUSEHOLD_NORM.max)} - ${share(HOUSEHOLD_NORM.min)})` }} />
      <span className="balance-bar-fill" style={{ width: share(households), background: BALANCE_COLOURS[balance] }} />
    </div>
  );
}

export default function PlanView(_props: { user: User }) {
  const i18n = useI18n();
  const [params] = useUrlQuery();
  const reader = new ParamReader(params);
  const areas = useAreas();
  const stops = useMemo(() => tourStops(areas.data), [areas.data]);
  const ambiguous = useMemo(() => ambiguousStreetNames(areas.data), [areas.data]);
  const requested = reader.integer('community', { max: 2_147_483_647 });
  const requestedStop = stops.find((stop) => stop.community.id === requested);
  const community = requestedStop?.community ?? stops[0]?.community ?? null;
  const communityId = community?.id ?? null;
  const gridParameter = reader.integer('grid', { max: 2_147_483_647 });
  reader.camera();
  const initialCamera = useMemo(() => readCamera(new URLSearchParams(window.location.search)), []);
  // Ignored, and said so: a community outside the user's scope, a grid that is not one of its grids.
  const [linkProblems] = useState(() => reader.problems);
  const [communityProblem, setCommunityProblem] = useState(false);

  useEffect(() => {
    if (!community || requested === community.id) return;
    if (requested !== null) setCommunityProblem(true);
    updateQuery({ community: community.id, grid: null });
  }, [community, requested]);

  const grids = useGrids(communityId, { enabled: communityId !== null });
  const compounds = useCompounds(communityId);
  const buildings = useBuildings(communityId);
  const selectedGrid = grids.data?.find((grid) => grid.properties.id === gridParameter) ?? null;
  const selectedGridId = selectedGrid?.properties.id ?? null;
  const gridProblem = gridParameter !== null && grids.data !== undefined && selectedGrid === null;
  const problems = [...linkProblems, ...(communityProblem ? ['community'] : []), ...(gridProblem ? ['grid'] : [])];

  const builders = useMemo<LayerBuilder[]>(() => {
    const list: LayerBuilder[] = [];
    if (grids.data) {
      const fillColour = (grid: GridFeature) => hexToRgba(BALANCE_COLOURS[gridBalance(grid.properties.households)], grid.properties.id === selectedGridId ? 120 : 60);
      const built = gridLayers({ grids: grids.data, theme: 'light', measure: 'households', selectedGridId, fillColour });
      list.push(() => built);
    }
    if (compounds.data) {
      const built = compoundLayer({ compounds: compounds.data, theme: 'light', selectedGridId });
      list.push(() => built);
    }
    if (buildings.data) {
      const built = buildingLayer({ buildings: buildings.data, theme: 'light', selectedGridId });
      list.push(() => built);
    }
    if (grids.data) {
      list.push(gridLabelBuilder({ grids: grids.data, theme: 'light', labelSize: 13 }));
    }
    return list;
  }, [grids.data, compounds.data, buildings.data, selectedGridId]);

  const fitTarget = useMemo(() => {
    if (selectedGrid) {
      const ring = selectedGrid.geometry.coordinates[0];
      const longitudes = ring.map((point) => point[0]);
      const latitudes = ring.map((point) => point[1]);
      return { bounds: [Math.min(...longitudes), Math.min(...latitudes), Math.max(...longitudes), Math.max(...latitudes)] as [number, number, number, number], key: `grid-${selectedGrid.properties.id}`, padding: 80 };
    }
    return community ? { bounds: community.bbox, key: `community-${community.id}`, padding: 40 } : null;
  }, [selectedGrid, community]);

  const onMapClick = (info: PickingInfo) => {
    if (info.layer?.id === LAYER_IDS.grids && info.object) {
      const id = (info.object as GridFeature).properties.id;
      updateQuery({ grid: id === selectedGridId ? null : id });
    }
  };

  const gridList = grids.data ?? [];
  const totalHouseholds = gridList.reduce((sum, grid) => sum + grid.properties.households, 0);
  const below = gridList.filter((grid) => gridBalance(grid.properties.households) === 'below').length;
  const above = gridList.filter((grid) => gridBalance(grid.properties.households) === 'above').length;
  const loading = grids.isFetching || compounds.isFetching || buildings.isFetching;
  const overlay = THEME_OVERLAY.light;

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
          <span>{i18n.t('plan.norm', HOUSEHOLD_NORM)}</span>
          <span className="help-tip" tabIndex={0} role="note" aria-label={i18n.t('plan.normHelp')} data-testid="norm-help">
            ?<span className="help-tip-text">{i18n.t('plan.normHelp')}</span>
          </span>
        </div>
        <p className="plan-summary" data-testid="plan-summary">
          {i18n.t('plan.summary', { grids: gridList.length, households: i18n.number(totalHouseholds), below, above })}
        </p>
        <p className="hint">{i18n.t('plan.viewOnly')}</p>
        <UrlNotice problems={problems} />
        {areas.error ? <ErrorMessage error={areas.error} onRetry={() => areas.refetch()} /> : null}
        {grids.error ? <ErrorMessage error={grids.error} onRetry={() => grids.refetch()} /> : null}
        <h2>{i18n.t('plan.grids')}</h2>
        {grids.isPending && communityId !== null ? <Spinner /> : null}
        <table className="grid-table" data-testid="grid-table">
          <thead>
            <tr>
              <th>{i18n.t('layer.grids')}</th>
              <th className="number">{i18n.t('plan.households')}</th>
              <th className="number">{i18n.t('plan.residents')}</th>
              <th className="number">{i18n.t('plan.buildings')}</th>
              <th className="number">{i18n.t('plan.staff')}</th>
            </tr>
          </thead>
          <tbody>
            {gridList.map((grid) => {
              const properties = grid.properties;
              const balance = gridBalance(properties.households);
              return (
                <tr
                  key={properties.id}
                  className={properties.id === selectedGridId ? 'selected' : ''}
                  onClick={() => updateQuery({ grid: properties.id === selectedGridId ? null : properties.id })}
                  data-testid={`grid-row-${properties.id}`}
                >
                  <td>
                    <div className="grid-name">{properties.name}</div>
                    <BalanceBar households={properties.households} />
                    <div className={`grid-balance grid-balance--${balance}`}>{i18n.t(`plan.${balance}`)}</div>
                  </td>
                  <td className="number">{i18n.number(properties.households)}</td>
                  <td className="number">{i18n.number(properties.residents)}</td>
                  <td className="number">{i18n.number(properties.buildings)}</td>
                  <td className="number">{i18n.number(properties.staff)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
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
          {selectedGrid ? (
            <div className="plan-grid-card" data-testid="grid-card">
              <header>
                <h3>{selectedGrid.properties.name}</h3>
                <button type="button" className="button button--small button--ghost" onClick={() => updateQuery({ grid: null })}>
                  {i18n.t('plan.clearSelection')}
                </button>
              </header>
              <dl>
                <dt>{i18n.t('plan.partyBranch')}</dt>
                <dd>{selectedGrid.properties.partyBranch ?? '–'}</dd>
                <dt>{i18n.t('plan.households')}</dt>
                <dd>{i18n.number(selectedGrid.properties.households)} / {i18n.t('plan.target')} {i18n.number(selectedGrid.properties.targetHouseholds)}</dd>
                <dt>{i18n.t('plan.residents')}</dt>
                <dd>{i18n.number(selectedGrid.properties.residents)} ({i18n.t('plan.elderly')} {i18n.number(selectedGrid.properties.elderlyResidents)})</dd>
                <dt>{i18n.t('plan.compounds')} / {i18n.t('plan.buildings')}</dt>
                <dd>{i18n.number(selectedGrid.properties.compounds)} / {i18n.number(selectedGrid.properties.buildings)}</dd>
                <dt>{i18n.t('plan.staff')}</dt>
                <dd>{i18n.number(selectedGrid.properties.staff)}</dd>
                <dt>{i18n.t('plan.volunteers')}</dt>
                <dd>{i18n.number(selectedGrid.properties.volunteers)}</dd>
                <dt>{i18n.t('plan.openIncidents')}</dt>
                <dd>{i18n.number(selectedGrid.properties.openIncidents)}</dd>
              </dl>
            </div>
          ) : (
            <div className="plan-hint">{i18n.t('plan.selectHint')}</div>
          )}
          <Legend className="plan-legend">
            <LegendSection
              title={i18n.t('plan.norm', HOUSEHOLD_NORM)}
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
        </MapView>
        {!areas.data && !areas.error ? <LoadingOverlay label={i18n.t('app.loading')} /> : null}
      </main>
    </div>
  );
}
