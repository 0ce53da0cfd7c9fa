// What each view draws on its map, as layer ids in drawing order: a layer switched off is not drawn, names are drawn
// last (on top), and the data decides what appears.
import { describe, expect, it } from 'vitest';
import type { Layer } from 'deck.gl';
import type { IncidentFeature } from '../../../client/src/api/types.ts';
import type { LayerBuilder } from '../../../client/src/map/map-controller.ts';
import { LAYER_IDS } from '../../../client/src/map/layer-ids.ts';
import { BALANCE_COLOURS, RAMPS, RESPONDER_COLOURS, hexToRgba } from '../../../client/src/map/palette.ts';
import { toPatrolTrips } from '../../../client/src/map/layers/patrol-trips.layer.ts';
import { analyzeLayers, type AnalyzeLayerState } from '../../../client/src/views/analyze/analyze-layers.ts';
import { balanceFill, planLayers } from '../../../client/src/views/plan/plan-layers.ts';
import { screenLayers, type ScreenLayerState } from '../../../client/src/views/screen/screen-layers.ts';
import { DEFAULT_SCREEN_LAYERS, type ScreenLayer } from '../../../client/src/views/screen/screen-settings.ts';
import { coverage, grid, incident } from '../fixtures.ts';

/** The layers the builders give for one frame. */
function drawn(builders: LayerBuilder[], frame = { time: 0, zoom: 15 }): Layer[] {
  return builders.flatMap((builder) => {
    const result = builder(frame);
    return (Array.isArray(result) ? result : [result]).filter((layer): layer is Layer => Boolean(layer));
  });
}
const ids = (builders: LayerBuilder[], frame?: { time: number; zoom: number }) => drawn(builders, frame).map((layer) => layer.id);

const label = { id: 1, name: '桃园社区', position: [112.53, 33.0] as [number, number] };

function screenState(layers: readonly ScreenLayer[], change: Partial<ScreenLayerState> = {}): ScreenLayerState {
  return {
    layers: new Set(layers),
    measure: 'openIncidents',
    scale: 1,
    grids: [grid(1, 350), grid(2, 520, { lon: 112.532 })],
    buildings: [],
    heatIncidents: [incident(1)],
    openIncidents: [incident(2, { overdue: true })],
    volunteerHomes: [[112.5301, 33.0001]],
    coverage: coverage(2),
    patrols: toPatrolTrips([
      { type: 'Feature', id: 1, geometry: { type: 'LineString', coordinates: [[112.53, 33.0], [112.531, 33.001]] }, properties: { id: 1, teamId: 1, team: '巡逻队', communityId: 1, startedAt: '', endedAt: '', distanceMetres: 150, times: [1000, 1600] } },
    ]),
    servicePoints: [],
    communityLabels: [label],
    ...change,
  };
}

describe('screenLayers', () => {
  it('draws the default layers, volunteer density included, with grid and community names on top', () => {
    expect(ids(screenLayers(screenState(DEFAULT_SCREEN_LAYERS)))).toEqual([
      LAYER_IDS.grids,
      LAYER_IDS.buildings,
      LAYER_IDS.incidentHeat,
      LAYER_IDS.volunteerDensity,
      LAYER_IDS.patrolMissed,
      LAYER_IDS.patrolTrips,
      LAYER_IDS.incidentPoints,
      LAYER_IDS.servicePoints,
      LAYER_IDS.servicePointGlyphs,
      LAYER_IDS.gridLabels,
      LAYER_IDS.areaLabels,
    ]);
  });

  it('draws only what is switched on; community names always', () => {
    expect(ids(screenLayers(screenState(['heat', 'volunteers'])))).toEqual([LAYER_IDS.incidentHeat, LAYER_IDS.volunteerDensity, LAYER_IDS.areaLabels]);
    expect(ids(screenLayers(screenState([])))).toEqual([LAYER_IDS.areaLabels]);
  });

  it('draws the buildings beyond 500 m of any service point only when their layer is on', () => {
    const building = { type: 'Feature' as const, id: 7, geometry: { type: 'Polygon' as const, coordinates: [[[112.53, 33], [112.5302, 33], [112.5302, 33.0002], [112.53, 33]]] }, properties: { id: 7, name: '3号楼', households: 24, gridId: 1 } };
    expect(ids(screenLayers(screenState(DEFAULT_SCREEN_LAYERS, { uncovered: [building] })))).not.toContain(LAYER_IDS.uncoveredBuildings);
    expect(ids(screenLayers(screenState(['uncovered'], { uncovered: [building] })))).toEqual([LAYER_IDS.uncoveredBuildings, LAYER_IDS.areaLabels]);
  });

  it('marks no courtyard as missed on a night without any patrol', () => {
    expect(ids(screenLayers(screenState(['missed'], { coverage: coverage(0) })))).not.toContain(LAYER_IDS.patrolMissed);
    expect(ids(screenLayers(screenState(['missed'], { coverage: coverage(3) })))).toContain(LAYER_IDS.patrolMissed);
  });

  it('plays last night’s patrols in a loop: the same moment of the night every PATROL_LOOP_SECONDS', () => {
    const builders = screenLayers(screenState(['patrols']));
    const at = (time: number) => drawn(builders, { time, zoom: 15 })[0].props as unknown as { currentTime: number };
    expect(at(10).currentTime).toBeCloseTo(at(50).currentTime);
    expect(at(10).currentTime).toBeGreaterThan(at(5).currentTime);
  });

  it('grows the incident points with the display’s scale (a 4K wall is twice a 1080p one)', () => {
    const point = incident(2);
    const radius = (scale: number) => (drawn(screenLayers(screenState(['points'], { scale })))[0].props as unknown as { getRadius: (item: typeof point) => number }).getRadius(point);
    expect(radius(1)).toBe(6);
    expect(radius(2)).toBe(11);
  });
});

describe('analyzeLayers', () => {
  const state = (change: Partial<AnalyzeLayerState>): AnalyzeLayerState => ({
    mode: 'heat',
    incidents: [incident(1), incident(2)],
    grids: [grid(1, 350)],
    area: null,
    selectedGridId: null,
    selectedIncidentId: null,
    communityLabels: [label],
    streetLabels: [{ ...label, id: 2, name: '卧龙岗街道' }],
    ...change,
  });

  const hexbin = (count: number) => ({ type: 'Feature' as const, id: count, properties: { count }, geometry: { type: 'Polygon' as const, coordinates: [[[112.5, 33], [112.501, 33], [112.501, 33.001], [112.5, 33]]] } });

  it('draws the incidents as the chosen mode says: heat, the server’s hexbins or points', () => {
    expect(ids(analyzeLayers(state({ mode: 'heat' })))).toEqual([LAYER_IDS.grids, LAYER_IDS.incidentHeat, LAYER_IDS.gridLabels, LAYER_IDS.areaLabels]);
    expect(ids(analyzeLayers(state({ mode: 'hexagons', hexbins: [hexbin(3)] })))).toContain(LAYER_IDS.incidentHexagons);
    expect(ids(analyzeLayers(state({ mode: 'hexagons', hexbins: [] })))).not.toContain(LAYER_IDS.incidentHexagons);
    expect(ids(analyzeLayers(state({ mode: 'points' })))).toContain(LAYER_IDS.incidentPoints);
  });

  it('rings the overdue incidents, and only those, above the incidents in every mode', () => {
    const incidents = [incident(1), incident(2, { overdue: true }), incident(3, { overdue: true })];
    for (const mode of ['heat', 'hexagons', 'points', 'grids'] as const) {
      const builders = analyzeLayers(state({ mode, incidents, hexbins: [hexbin(3)], gridCounts: new Map([[1, 3]]) }));
      const order = ids(builders);
      expect(order, mode).toContain(LAYER_IDS.overdueIncidents);
      for (const below of [LAYER_IDS.grids, LAYER_IDS.incidentHeat, LAYER_IDS.incidentHexagons, LAYER_IDS.incidentPoints].filter((id) => order.includes(id))) {
        expect(order.indexOf(below), `${mode}: ${below}`).toBeLessThan(order.indexOf(LAYER_IDS.overdueIncidents));
      }
      const rings = drawn(builders).find((layer) => layer.id === LAYER_IDS.overdueIncidents)!;
      expect((rings.props.data as IncidentFeature[]).map((item) => item.properties.id)).toEqual([2, 3]);
    }
    expect(ids(analyzeLayers(state({ mode: 'points' })))).not.toContain(LAYER_IDS.overdueIncidents);
  });

  it('colours the hexbins by the server’s counts, the densest in the ramp’s last colour', () => {
    const layer = drawn(analyzeLayers(state({ mode: 'hexagons', hexbins: [hexbin(1), hexbin(40)] }))).find((item) => item.id === LAYER_IDS.incidentHexagons)!;
    const fill = (layer.props as unknown as { getFillColor: (item: unknown) => number[] }).getFillColor;
    expect(fill(hexbin(40)).slice(0, 3)).toEqual(hexToRgba(RAMPS.incidentHexagons[5]).slice(0, 3));
    expect(fill(hexbin(1)).slice(0, 3)).toEqual(hexToRgba(RAMPS.incidentHexagons[0]).slice(0, 3));
  });

  it('colours each grid by its matching incidents in the grid mode, and gives the count to its tooltip', () => {
    const layer = drawn(analyzeLayers(state({ mode: 'grids', grids: [grid(1, 350), grid(2, 350)], gridCounts: new Map([[1, 12]]) }))).find((item) => item.id === LAYER_IDS.grids)!;
    const props = layer.props as unknown as { data: { properties: { id: number; matchingIncidents: number } }[]; getFillColor: (item: unknown) => number[] };
    expect(props.data.map((item) => item.properties.matchingIncidents)).toEqual([12, 0]);
    expect(props.getFillColor(props.data[0])[3]).toBeGreaterThan(props.getFillColor(props.data[1])[3]);
  });

  it('draws the nearest volunteers, party members in red, each with a line to the incident', () => {
    const responder = (rank: number, partyMember: boolean) => ({
      type: 'Feature' as const,
      id: rank,
      geometry: { type: 'Point' as const, coordinates: [112.5301 + rank / 10_000, 33.0001] },
      properties: { rank, volunteerId: rank, teamId: 1, team: '党员志愿服务队', teamKind: 'party', partyMember, communityId: 1, distanceMetres: rank * 10 },
    });
    const list = [responder(1, true), responder(2, false)];
    const layers = drawn(analyzeLayers(state({ mode: 'points', responders: { incident: [112.53, 33.0], list } })));
    const points = layers.find((layer) => layer.id === LAYER_IDS.responders)!.props as unknown as { data: unknown[]; getFillColor: (item: unknown) => number[] };
    expect(points.data).toHaveLength(2);
    expect(points.getFillColor(list[0]).slice(0, 3)).toEqual(hexToRgba(RESPONDER_COLOURS.party).slice(0, 3));
    expect(points.getFillColor(list[1]).slice(0, 3)).toEqual(hexToRgba(RESPONDER_COLOURS.volunteer).slice(0, 3));
    const links = layers.find((layer) => layer.id === LAYER_IDS.responderLinks)!.props as unknown as { getSourcePosition: (item: unknown) => number[] };
    expect(links.getSourcePosition(list[1])).toEqual([112.53, 33.0]);
  });

  it('draws the drawn area above the incidents', () => {
    const area = { type: 'Polygon' as const, coordinates: [[[112.5, 33], [112.51, 33], [112.51, 33.01], [112.5, 33]]] };
    const order = ids(analyzeLayers(state({ mode: 'points', area })));
    expect(order.indexOf(LAYER_IDS.drawnArea)).toBeGreaterThan(order.indexOf(LAYER_IDS.incidentPoints));
  });

  it('draws no heat or hexagons for an empty result, and no grids without a community', () => {
    expect(ids(analyzeLayers(state({ incidents: [], grids: undefined })))).toEqual([LAYER_IDS.areaLabels]);
  });

  it('names the towns when zoomed out and the communities when zoomed in; grid names only close up', () => {
    const builders = analyzeLayers(state({}));
    const names = (zoom: number) => drawn(builders, { time: 0, zoom }).find((layer) => layer.id === LAYER_IDS.areaLabels)!.props.data as Array<{ name: string }>;
    expect(names(12).map((item) => item.name)).toEqual(['卧龙岗街道']);
    expect(names(14).map((item) => item.name)).toEqual(['桃园社区']);
    expect(ids(builders, { time: 0, zoom: 13 })).not.toContain(LAYER_IDS.gridLabels);
  });
});

describe('planLayers', () => {
  it('draws grids, courtyards, buildings, then the grid names', () => {
    expect(ids(planLayers({ grids: [grid(1, 350)], compounds: [], buildings: [], selectedGridId: null }))).toEqual([LAYER_IDS.grids, LAYER_IDS.compounds, LAYER_IDS.buildings, LAYER_IDS.gridLabels]);
    expect(ids(planLayers({ selectedGridId: null }))).toEqual([]);
  });

  it('colours each grid by the server’s balance against the norm, the selected grid more strongly', () => {
    const small = grid(1, 120);
    const right = grid(2, 420);
    const large = grid(3, 800);
    expect(balanceFill(small, null)).toEqual(hexToRgba(BALANCE_COLOURS.below, 60));
    expect(balanceFill(right, null)).toEqual(hexToRgba(BALANCE_COLOURS.within, 60));
    expect(balanceFill(large, 3)).toEqual(hexToRgba(BALANCE_COLOURS.above, 120));
  });
});
