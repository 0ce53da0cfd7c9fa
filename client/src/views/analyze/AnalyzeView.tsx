import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { PickingInfo } from 'deck.gl';
import { INCIDENT_CATEGORIES, INCIDENT_STATUSES, type IncidentCategory, type IncidentStatus } from '#domain/vocabulary.ts';
import { apiUrl } from '../../api/http.ts';
import { fetchAllPages, incidentListUrl, useAreas, useGrids, useIncidentDetail } from '../../api/queries.ts';
import type { AreaNode, BBox, IncidentFeature, User } from '../../api/types.ts';
import { readCamera, updateQuery, useQuery as useUrlQuery, writeCamera } from '../../app/router.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Legend, LegendRamp, LegendSection } from '../../components/Legend.tsx';
import { LoadingOverlay, Spinner } from '../../components/Loading.tsx';
import { MapView } from '../../components/MapView.tsx';
import { UrlNotice } from '../../components/UrlNotice.tsx';
import { WorkflowActions } from '../tasks/WorkflowActions.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { CATEGORY_LABELS, SOURCE_LABELS, STATUS_LABELS } from '../../i18n/messages.ts';
import { LAYER_IDS } from '../../map/layer-ids.ts';
import type { LayerBuilder } from '../../map/map-controller.ts';
import { areaLabelLayer } from '../../map/layers/area-labels.layer.ts';
import { gridLabelBuilder, gridLayers } from '../../map/layers/grids.layer.ts';
import { incidentHeatLayer } from '../../map/layers/incident-heat.layer.ts';
import { incidentHexagonLayer } from '../../map/layers/incident-hexagons.layer.ts';
import { incidentPointLayer } from '../../map/layers/incident-points.layer.ts';
import { CATEGORY_COLOURS, OVERDUE_COLOUR, RAMPS, STATUS_COLOURS } from '../../map/palette.ts';
import { ambiguousStreetNames, streetName, tourStops } from '../screen/screen-data.ts';
import { DISPLAY_MODES, apiWindow, defaultRange, listOrAll, readFilters, type AnalyzeFilters } from './analyze-filters.ts';
import './analyze.css';

const RESULT_CAP = 20_000;
const LIST_PAGE = 100;

function findArea(node: AreaNode | undefined, id: number | null): AreaNode | null {
  if (!node || id === null) return null;
  if (node.id === id) return node;
  for (const child of node.children) {
    const found = findArea(child, id);
    if (found) return found;
  }
  return null;
}

function AreaTree({ tree, filters }: { tree: AreaNode; filters: AnalyzeFilters }) {
  const i18n = useI18n();
  const ambiguous = useMemo(() => ambiguousStreetNames(tree), [tree]);
  const grids = useGrids(filters.community, { enabled: filters.community !== null });
  const renderNode = (node: AreaNode, depth: number, district: AreaNode | null = null): React.ReactNode => {
    if (node.level === 'city' || node.level === 'district') return node.children.map((child) => renderNode(child, depth, node.level === 'district' ? node : district));
    const selected = node.level === 'community' && filters.community === node.id && filters.grid === null;
    return (
      <li key={node.id}>
        {node.level === 'community' ? (
          <button
            type="button"
            className={`tree-item ${selected ? 'selected' : ''}`}
            style={{ paddingLeft: `${0.6 + depth * 0.9}rem` }}
            data-testid={`tree-community-${node.id}`}
            onClick={() => updateQuery({ community: filters.community === node.id && filters.grid === null ? null : node.id, grid: null, incident: null, map: null })}
          >
            <span>{i18n.areaName(node)}</span>
            <small>{i18n.number(node.counts.openIncidents)}</small>
          </button>
        ) : (
          <div className="tree-heading" style={{ paddingLeft: `${0.6 + depth * 0.9}rem` }}>
            {node.level === 'street' ? streetName(node, district, ambiguous, i18n) : i18n.areaName(node)}
          </div>
        )}
        {node.level === 'community' && filters.community === node.id ? (
          <ul>
            {grids.isPending ? (
              <li className="tree-loading"><Spinner size={12} /> {i18n.t('app.loading')}</li>
            ) : (
              grids.data?.map((grid) => (
                <li key={grid.properties.id}>
                  <button
                    type="button"
                    className={`tree-item tree-item--grid ${filters.grid === grid.properties.id ? 'selected' : ''}`}
                    style={{ paddingLeft: `${0.6 + (depth + 1) * 0.9}rem` }}
                    onClick={() => updateQuery({ grid: filters.grid === grid.properties.id ? null : grid.properties.id, incident: null })}
                  >
                    <span>{grid.properties.name}</span>
                    <small>{i18n.number(grid.properties.openIncidents)}</small>
                  </button>
                </li>
              ))
            )}
          </ul>
        ) : null}
        {node.children.length > 0 && node.level !== 'community' ? <ul>{node.children.map((child) => renderNode(child, depth + 1, district))}</ul> : null}
      </li>
    );
  };
  return (
    <ul className="area-tree" data-testid="area-tree">
      <li>
        <button type="button" className={`tree-item ${filters.community === null ? 'selected' : ''}`} onClick={() => updateQuery({ community: null, grid: null, incident: null, map: null })}>
          <span>{i18n.t('analyze.allAreas')}</span>
        </button>
      </li>
      {renderNode(tree, 0)}
    </ul>
  );
}

function CheckList<T extends string>({ title, all, selected, labelOf, colourOf, param, testId }: { title: string; all: readonly T[]; selected: T[]; labelOf(value: T): string; colourOf(value: T): string; param: string; testId: string }) {
  const i18n = useI18n();
  const set = (values: T[]) => updateQuery({ [param]: values.length === all.length ? null : values.length === 0 ? 'none' : values, incident: null });
  return (
    <fieldset className="filter-group" data-testid={testId}>
      <legend>
        {title}
        <span className="filter-group-actions">
          <button type="button" className="link-button" onClick={() => set([...all])}>{i18n.t('analyze.all')}</button>
          <button type="button" className="link-button" onClick={() => set([])}>{i18n.t('analyze.none')}</button>
        </span>
      </legend>
      <div className="chip-list">
        {all.map((value) => {
          const checked = selected.includes(value);
          return (
            <label key={value} className={`chip ${checked ? 'chip--on' : ''}`} data-testid={`${testId}-${value}`}>
              <input type="checkbox" checked={checked} onChange={() => set(checked ? selected.filter((item) => item !== value) : all.filter((item) => item === value || selected.includes(item)))} />
              <span className="chip-dot" style={{ background: colourOf(value) }} />
              {labelOf(value)}
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}

function IncidentDetailPanel({ id, user }: { id: number; user: User }) {
  const i18n = useI18n();
  const detail = useIncidentDetail(id);
  return (
    <div className="incident-detail" data-testid="incident-detail">
      <header>
        <h3>{i18n.t('analyze.detail')} #{id}</h3>
        <button type="button" className="button button--small button--ghost" onClick={() => updateQuery({ incident: null })}>
          {i18n.t('analyze.closeDetail')}
        </button>
      </header>
      {detail.isPending ? <LoadingOverlay label={i18n.t('app.loading')} subtle /> : null}
      {detail.error ? <ErrorMessage error={detail.error} onRetry={() => detail.refetch()} /> : null}
      {detail.data ? (
        <>
          <div className="incident-detail-title">
            <span className="badge" style={{ background: CATEGORY_COLOURS[detail.data.properties.category] }}>{i18n.label(CATEGORY_LABELS[detail.data.properties.category])}</span>
            <strong>{detail.data.properties.title}</strong>
          </div>
          {detail.data.properties.description ? <p className="incident-detail-description">{detail.data.properties.description}</p> : null}
          <dl className="incident-detail-facts">
            <dt>{i18n.t('tooltip.status')}</dt>
            <dd>
              <span style={{ color: STATUS_COLOURS[detail.data.properties.status] }}>{i18n.label(STATUS_LABELS[detail.data.properties.status])}</span>
              {detail.data.properties.overdue ? <span className="badge badge--danger">{i18n.t('legend.overdue')}</span> : null}
            </dd>
            <dt>{i18n.t('analyze.source')}</dt>
            <dd>{i18n.label(SOURCE_LABELS[detail.data.properties.source])}</dd>
            <dt>{i18n.t('analyze.reportedAt')}</dt>
            <dd>{i18n.dateTime(detail.data.properties.reportedAt)}</dd>
            <dt>{i18n.t('analyze.closedAt')}</dt>
            <dd>{i18n.dateTime(detail.data.properties.closedAt)}</dd>
          </dl>
          <WorkflowActions incident={detail.data} user={user} />
          <h4>{i18n.t('analyze.history')}</h4>
          <ol className="workflow-history" data-testid="workflow-history">
            {detail.data.properties.events.map((event) => (
              <li key={event.id}>
                <span className="workflow-dot" style={{ background: STATUS_COLOURS[event.toStatus] }} />
                <div>
                  <div className="workflow-step">
                    {event.fromStatus ? `${i18n.label(STATUS_LABELS[event.fromStatus])} → ` : ''}
                    <b>{i18n.label(STATUS_LABELS[event.toStatus])}</b>
                  </div>
                  <div className="workflow-meta">
                    {i18n.dateTime(event.createdAt)} · {i18n.t('analyze.actor')}: {event.actor}
                  </div>
                  {event.note ? <div className="workflow-note">{event.note}</div> : null}
                </div>
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </div>
  );
}

export default function AnalyzeView({ user }: { user: User }) {
  const i18n = useI18n();
  const [params] = useUrlQuery();
  const { filters: linkFilters, problems: linkProblems } = readFilters(params);
  const initialCamera = useMemo(() => readCamera(new URLSearchParams(window.location.search)), []);
  const areas = useAreas();
  // A community outside the user's scope (or unknown) is ignored like any other bad parameter.
  const communityKnown = linkFilters.community === null || !areas.data || findArea(areas.data, linkFilters.community)?.level === 'community';
  const filters: AnalyzeFilters = communityKnown ? linkFilters : { ...linkFilters, community: null, grid: null };
  // What the opening link had wrong stays named even after the view rewrites those parameters (the camera, say).
  const [openingProblems] = useState(linkProblems);
  const problems = [...new Set([...openingProblems, ...linkProblems, ...(communityKnown ? [] : ['community'])])];
  const [listSize, setListSize] = useState(LIST_PAGE);
  const [progress, setProgress] = useState(0);
  const [copied, setCopied] = useState(false);

  const window_ = apiWindow(filters);
  const emptySelection = filters.categories.length === 0 || filters.statuses.length === 0;
  const request = {
    community: filters.community,
    grid: filters.grid,
    from: window_.from,
    to: window_.to,
    categories: listOrAll<IncidentCategory>(filters.categories, INCIDENT_CATEGORIES),
    statuses: listOrAll<IncidentStatus>(filters.statuses, INCIDENT_STATUSES),
  };
  const incidents = useQuery({
    queryKey: ['analyze-incidents', request],
    queryFn: async () => {
      setProgress(0);
      if (emptySelection) return { features: [] as IncidentFeature[], complete: true };
      return fetchAllPages<IncidentFeature>(incidentListUrl(request, 5000), { maxFeatures: RESULT_CAP, onProgress: setProgress });
    },
  });
  const features = incidents.data?.features ?? [];
  const selectedCommunity = findArea(areas.data, filters.community);
  const grids = useGrids(filters.community, { enabled: filters.community !== null });
  const stops = useMemo(() => tourStops(areas.data), [areas.data]);

  const builders = useMemo<LayerBuilder[]>(() => {
    const list: LayerBuilder[] = [];
    if (grids.data) {
      const built = gridLayers({ grids: grids.data, theme: 'light', measure: null, selectedGridId: filters.grid });
      list.push(() => built);
    }
    if (filters.mode === 'heat' && features.length > 0) {
      const built = incidentHeatLayer({ incidents: features, radiusPixels: 50, intensity: 1 });
      list.push(() => built);
    } else if (filters.mode === 'hexagons' && features.length > 0) {
      const built = incidentHexagonLayer({ incidents: features });
      list.push(() => built);
    } else if (filters.mode === 'points') {
      const built = incidentPointLayer({ incidents: features, colouring: 'category', selectedId: filters.incident, radiusPixels: 4 });
      list.push(() => built);
    }
    if (grids.data) {
      list.push(gridLabelBuilder({ grids: grids.data, theme: 'light', minZoom: 14.5 }));
    }
    const communityLabels = areaLabelLayer({ labels: stops.map((stop) => ({ id: stop.community.id, name: i18n.areaName(stop.community), position: stop.community.centroid })), theme: 'light', size: 13 });
    const streets = new Map(stops.flatMap((stop) => (stop.street ? [[stop.street.id, stop.street] as const] : [])));
    const streetLabels = areaLabelLayer({ labels: [...streets.values()].map((street) => ({ id: street.id, name: i18n.areaName(street), position: street.centroid })), theme: 'light', size: 14 });
    // Communities of one town overlap when zoomed out: name the towns there instead.
    list.push(({ zoom }) => (zoom >= 13.5 ? communityLabels : streetLabels));
    return list;
  }, [grids.data, filters.mode, filters.grid, filters.incident, features, stops, i18n]);

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

  // Exports come from the server (/api/incidents/export), which checks the role: analysts and admins.
  const mayExport = user.role === 'analyst' || user.role === 'admin';
  const exportUrl = (format: 'csv' | 'geojson') => apiUrl('/api/incidents/export', { ...request, format });
  const copyLink = async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
    } catch {
      window.prompt(i18n.t('analyze.copyLink'), window.location.href);
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  };
  const setRange = (days: number) => updateQuery({ ...defaultRange(days), incident: null });

  return (
    <div className="analyze-view" data-testid="analyze">
      <aside className="side-panel analyze-filters" aria-label={i18n.t('analyze.filters')}>
        <h2>{i18n.t('analyze.filters')}</h2>
        <section>
          <h3>{i18n.t('analyze.area')}</h3>
          {areas.error ? <ErrorMessage error={areas.error} onRetry={() => areas.refetch()} /> : areas.data ? <AreaTree tree={areas.data} filters={filters} /> : <Spinner />}
        </section>
        <section>
          <h3>{i18n.t('analyze.timeRange')}</h3>
          <div className="date-range">
            <label>
              {i18n.t('analyze.from')}
              <input type="date" value={filters.from} max={filters.to} data-testid="filter-from" onChange={(event) => event.target.value && updateQuery({ from: event.target.value, incident: null })} />
            </label>
            <label>
              {i18n.t('analyze.to')}
              <input type="date" value={filters.to} min={filters.from} data-testid="filter-to" onChange={(event) => event.target.value && updateQuery({ to: event.target.value, incident: null })} />
            </label>
          </div>
          <div className="button-row">
            <button type="button" className="button button--small" onClick={() => setRange(7)} data-testid="range-7">{i18n.t('analyze.last7')}</button>
            <button type="button" className="button button--small" onClick={() => setRange(30)} data-testid="range-30">{i18n.t('analyze.last30')}</button>
            <button type="button" className="button button--small" onClick={() => setRange(90)} data-testid="range-90">{i18n.t('analyze.last90')}</button>
          </div>
        </section>
        <CheckList title={i18n.t('analyze.categories')} all={INCIDENT_CATEGORIES} selected={filters.categories} labelOf={(value) => i18n.label(CATEGORY_LABELS[value])} colourOf={(value) => CATEGORY_COLOURS[value]} param="categories" testId="filter-category" />
        <CheckList title={i18n.t('analyze.statuses')} all={INCIDENT_STATUSES} selected={filters.statuses} labelOf={(value) => i18n.label(STATUS_LABELS[value])} colourOf={(value) => STATUS_COLOURS[value]} param="statuses" testId="filter-status" />
      </aside>

      <main className="analyze-main">
        <div className="analyze-toolbar">
          <div className="segmented" role="radiogroup" aria-label={i18n.t('analyze.mode')}>
            {DISPLAY_MODES.map((mode) => (
              <button key={mode} type="button" role="radio" aria-checked={filters.mode === mode} className={filters.mode === mode ? 'active' : ''} data-testid={`mode-${mode}`} onClick={() => updateQuery({ mode: mode === 'heat' ? null : mode })}>
                {i18n.t(`analyze.mode.${mode}`)}
              </button>
            ))}
          </div>
          <div className="result-count" data-testid="result-count" data-count={incidents.isFetching ? '' : String(features.length)}>
            {incidents.isFetching ? (
              <>
                <Spinner size={14} /> {i18n.t('analyze.loadingResults', { count: i18n.number(progress) })}
              </>
            ) : (
              <>
                {i18n.t('analyze.resultCount', { count: i18n.number(features.length) })}
                {incidents.data && !incidents.data.complete ? ` ${i18n.t('analyze.resultCapped', { count: i18n.number(RESULT_CAP) })}` : ''}
              </>
            )}
          </div>
          <div className="toolbar-actions">
            {mayExport ? (
              <>
                <a className={`button button--small${features.length === 0 ? ' button--disabled' : ''}`} data-testid="export-geojson" href={exportUrl('geojson')} download aria-disabled={features.length === 0}>
                  {i18n.t('analyze.exportGeoJson')}
                </a>
                <a className={`button button--small${features.length === 0 ? ' button--disabled' : ''}`} data-testid="export-csv" href={exportUrl('csv')} download aria-disabled={features.length === 0}>
                  {i18n.t('analyze.exportCsv')}
                </a>
              </>
            ) : null}
            <button type="button" className="button button--small button--primary" data-testid="share-link" onClick={copyLink}>
              {copied ? i18n.t('analyze.linkCopied') : i18n.t('analyze.copyLink')}
            </button>
          </div>
        </div>
        <UrlNotice problems={problems} />
        {incidents.error ? <ErrorMessage error={incidents.error} onRetry={() => incidents.refetch()} /> : null}
        <MapView
          theme="light"
          layers={builders}
          hasData={features.length > 0}
          fitTarget={fitTarget}
          initialCamera={initialCamera}
          onCameraChange={(camera) => updateQuery({ map: writeCamera(camera) })}
          onClick={onMapClick}
          loading={incidents.isFetching ? i18n.t('analyze.loadingResults', { count: i18n.number(progress) }) : null}
          className="analyze-map"
        >
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
        </MapView>
      </main>

      <aside className="side-panel analyze-results">
        {filters.incident !== null ? (
          <IncidentDetailPanel id={filters.incident} user={user} />
        ) : (
          <>
            <h2>{i18n.t('analyze.list')}</h2>
            <p className="hint">{i18n.t('analyze.selectOnMap')}</p>
            {!incidents.isFetching && features.length === 0 ? <p className="empty">{i18n.t('analyze.noResults')}</p> : null}
            <ul className="incident-list" data-testid="incident-list">
              {features.slice(0, listSize).map((incident) => (
                <li key={incident.properties.id}>
                  <button type="button" onClick={() => updateQuery({ incident: incident.properties.id })}>
                    <span className="incident-list-dot" style={{ background: incident.properties.overdue ? OVERDUE_COLOUR : STATUS_COLOURS[incident.properties.status] }} />
                    <span className="incident-list-main">
                      <span className="incident-list-title">{incident.properties.title}</span>
                      <span className="incident-list-meta">
                        {i18n.label(CATEGORY_LABELS[incident.properties.category])} · {i18n.label(STATUS_LABELS[incident.properties.status])} · {i18n.dateTime(incident.properties.reportedAt)}
                      </span>
                    </span>
                  </button>
                </li>
              ))}
            </ul>
            {features.length > listSize ? (
              <button type="button" className="button button--small" onClick={() => setListSize(listSize + LIST_PAGE)}>
                {i18n.t('analyze.showMore')}
              </button>
            ) : null}
          </>
        )}
      </aside>
    </div>
  );
}
