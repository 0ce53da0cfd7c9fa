// The command display's map as data: which deck.gl layers /screen draws for its settings and data, in drawing
// order. Animated layers are functions of the frame's time; the rest are built once per state.
import type { BuildingFeature, GridFeature, IncidentFeature, PatrolCoverage, PatrolWindowCoverage, ServicePointFeature, UncoveredBuilding } from '../../api/types.ts';
import type { GridMeasure } from '../../map/grid-measures.ts';
import type { LayerBuilder } from '../../map/map-controller.ts';
import { areaLabelLayer, type AreaLabel } from '../../map/layers/area-labels.layer.ts';
import { buildingLayer } from '../../map/layers/buildings.layer.ts';
import { gridLabelBuilder, gridLayers } from '../../map/layers/grids.layer.ts';
import { incidentHeatLayer } from '../../map/layers/incident-heat.layer.ts';
import { incidentPointLayer } from '../../map/layers/incident-points.layer.ts';
import { patrolMissedLayer } from '../../map/layers/patrol-missed.layer.ts';
import { patrolHeadsLayer, patrolTripsLayer, type PatrolTrip } from '../../map/layers/patrol-trips.layer.ts';
import { patrolWindowLayers } from '../../map/layers/patrol-window.layer.ts';
import { servicePointLayers } from '../../map/layers/service-points.layer.ts';
import { uncoveredBuildingsLayer } from '../../map/layers/uncovered-buildings.layer.ts';
import { volunteerDensityLayer } from '../../map/layers/volunteer-density.layer.ts';
import type { ScreenLayer } from './screen-settings.ts';

/** Seconds one loop of last night's patrols (20:00-23:00) takes on the display. */
export const PATROL_LOOP_SECONDS = 40;
/** How much of a patrol's track trails behind it, in seconds of the night. */
const PATROL_TRAIL_SECONDS = 1800;

export interface ScreenLayerState {
  /** The layers switched on (`?layers=`). */
  layers: ReadonlySet<ScreenLayer>;
  /** What colours the grids (`?measure=`). */
  measure: GridMeasure;
  /** The display's scale: 1 at 1920×1080, 2 at 3840×2160; sizes in pixels grow with it. */
  scale: number;
  grids?: GridFeature[];
  buildings?: BuildingFeature[];
  heatIncidents?: IncidentFeature[];
  openIncidents?: IncidentFeature[];
  volunteerHomes: [number, number][];
  /** Last night's coverage; the missed courtyards are drawn only when a patrol was recorded. */
  coverage?: PatrolCoverage;
  /** Coverage over the last 30 nights: the heat surface and the courtyards patrolled too rarely. */
  patrolWindow?: PatrolWindowCoverage;
  /** Last night's routes, played in a loop. */
  patrols: { trips: PatrolTrip[]; duration: number };
  /** While tonight's patrol night runs: tonight's tracks so far, extended by the live positions, each with where it is now. */
  livePatrols?: { trips: PatrolTrip[]; duration: number } | null;
  servicePoints?: ServicePointFeature[];
  /** Buildings beyond 500 m of every service point. */
  uncovered?: UncoveredBuilding[];
  communityLabels: AreaLabel[];
}

export function screenLayers(state: ScreenLayerState): LayerBuilder[] {
  const { layers, measure, scale, grids, buildings, heatIncidents, openIncidents, volunteerHomes, coverage, patrolWindow, patrols, livePatrols, servicePoints, uncovered, communityLabels } = state;
  const theme = 'dark';
  const list: LayerBuilder[] = [];
  if (layers.has('grids') && grids) {
    const built = gridLayers({ grids, theme, measure, fillOpacity: 90 });
    list.push(() => built);
  }
  if (layers.has('buildings') && buildings) {
    const built = buildingLayer({ buildings, theme, extruded: true });
    list.push(() => built);
  }
  if (layers.has('heat') && heatIncidents && heatIncidents.length > 0) {
    const built = incidentHeatLayer({ incidents: heatIncidents, radiusPixels: 55 * scale + 10, intensity: 1 });
    list.push(() => built);
  }
  if (layers.has('volunteers') && volunteerHomes.length > 0) {
    const built = volunteerDensityLayer({ homes: volunteerHomes });
    list.push(() => built);
  }
  if (layers.has('patrolWindow') && patrolWindow) {
    const built = patrolWindowLayers({ hexagons: patrolWindow.heat.features, courtyards: patrolWindow.uncovered.features, nightCount: patrolWindow.nightCount, opacity: 0.85 });
    list.push(() => built);
  }
  if (layers.has('missed') && coverage && coverage.patrols > 0) {
    const missed = coverage.missed.features;
    list.push(({ time }) => patrolMissedLayer({ missed, theme, pulse: (Math.sin(time * 2.4) + 1) / 2 }));
  }
  if (layers.has('patrols') && patrols.trips.length > 0) {
    list.push(({ time }) => patrolTripsLayer({ trips: patrols.trips, theme, currentTime: ((time % PATROL_LOOP_SECONDS) / PATROL_LOOP_SECONDS) * patrols.duration, trailLength: PATROL_TRAIL_SECONDS }));
  }
  if (layers.has('patrols') && livePatrols && livePatrols.trips.length > 0) {
    const track = patrolTripsLayer({ trips: livePatrols.trips, theme, currentTime: livePatrols.duration, trailLength: livePatrols.duration + 1, live: true });
    list.push(({ time }) => [track, patrolHeadsLayer({ trips: livePatrols.trips, theme, pulse: (Math.sin(time * 3) + 1) / 2, radiusPixels: 6 * scale + 2 })]);
  }
  if (layers.has('points') && openIncidents) {
    list.push(({ time }) => incidentPointLayer({ incidents: openIncidents, pulse: (Math.sin(time * 3) + 1) / 2, radiusPixels: 5 * scale + 1, onTop: true }));
  }
  if (layers.has('uncovered') && uncovered && uncovered.length > 0) {
    const built = uncoveredBuildingsLayer({ buildings: uncovered });
    list.push(() => built);
  }
  if (layers.has('services') && servicePoints) {
    const built = servicePointLayers({ servicePoints, size: 13 * scale + 2 });
    list.push(() => built);
  }
  if (layers.has('grids') && grids) list.push(gridLabelBuilder({ grids, theme, labelSize: 12 * scale + 1 }));
  const labelLayer = areaLabelLayer({ labels: communityLabels, theme, size: 17 * scale + 2 });
  list.push(() => labelLayer);
  return list;
}
