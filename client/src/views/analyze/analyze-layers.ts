// The analyst's map as data: which deck.gl layers /analyze draws for its filters and results, in drawing order.
import type { Polygon } from 'geojson';
import type { GridFeature, Hexbin, IncidentFeature, PatrolWindowCoverage, ResponderFeature, UncoveredBuilding } from '../../api/types.ts';
import type { LayerBuilder } from '../../map/map-controller.ts';
import { areaLabelLayer, type AreaLabel } from '../../map/layers/area-labels.layer.ts';
import { drawnAreaLayer } from '../../map/layers/drawn-area.layer.ts';
import { gridLabelBuilder, gridLayers } from '../../map/layers/grids.layer.ts';
import { incidentHeatLayer } from '../../map/layers/incident-heat.layer.ts';
import { incidentHexagonLayer } from '../../map/layers/incident-hexagons.layer.ts';
import { incidentPointLayer } from '../../map/layers/incident-points.layer.ts';
import { overdueIncidentLayer } from '../../map/layers/overdue-incidents.layer.ts';
import { patrolWindowLayers } from '../../map/layers/patrol-window.layer.ts';
import { responderLayers } from '../../map/layers/responders.layer.ts';
import { uncoveredBuildingsLayer } from '../../map/layers/uncovered-buildings.layer.ts';
import { volunteerDensityLayer } from '../../map/layers/volunteer-density.layer.ts';
import { RAMPS, rampColour, type RGBA } from '../../map/palette.ts';
import type { CoverageOverlay, DisplayMode } from './analyze-filters.ts';

/** Below this zoom the communities of one town overlap: the towns (streets) are named instead. */
export const COMMUNITY_LABEL_MIN_ZOOM = 13.5;
/** Grid names appear from this zoom on. */
export const GRID_LABEL_MIN_ZOOM = 14.5;

export interface AnalyzeLayerState {
  mode: DisplayMode;
  incidents: IncidentFeature[];
  /** The grids drawn: the selected community's, or (in the grid choropleth) every grid in scope. */
  grids?: GridFeature[];
  /** Matching incidents per grid id, over every match (the server's count), for the choropleth. */
  gridCounts?: Map<number, number>;
  /** Hexbins over every match, from the server. */
  hexbins?: Hexbin[];
  area: Polygon | null;
  /** The open incident's nearest volunteers (片区呼叫), with the incident's place. */
  responders?: { incident: [number, number]; list: ResponderFeature[] };
  selectedGridId: number | null;
  selectedIncidentId: number | null;
  communityLabels: AreaLabel[];
  streetLabels: AreaLabel[];
  /** A coverage measure under the incidents, with what it draws (each present once loaded). */
  overlay?: CoverageOverlayState;
}

export interface CoverageOverlayState {
  kind: CoverageOverlay;
  patrols?: PatrolWindowCoverage;
  uncoveredBuildings?: UncoveredBuilding[];
  volunteerHomes?: [number, number][];
}

/** The coverage measure's own layers (the grid measures colour the grids instead). */
function overlayLayers(overlay: CoverageOverlayState) {
  if (overlay.kind === 'patrols' && overlay.patrols) return patrolWindowLayers({ hexagons: overlay.patrols.heat.features, courtyards: overlay.patrols.uncovered.features, nightCount: overlay.patrols.nightCount, opacity: 0.75 });
  if (overlay.kind === 'services' && overlay.uncoveredBuildings) return [uncoveredBuildingsLayer({ buildings: overlay.uncoveredBuildings })];
  if (overlay.kind === 'volunteers' && overlay.volunteerHomes && overlay.volunteerHomes.length > 0) return [volunteerDensityLayer({ homes: overlay.volunteerHomes, radius: 60 })];
  return null;
}

/** Each grid coloured by its matching incidents (grids without any stay clear), with the count for its tooltip. */
function gridChoropleth(grids: GridFeature[], counts: Map<number, number>, selectedGridId: number | null) {
  const max = Math.max(1, ...counts.values());
  const counted = grids.map((grid) => ({ ...grid, properties: { ...grid.properties, matchingIncidents: counts.get(grid.properties.id) ?? 0 } }));
  const fillColour = (grid: GridFeature): RGBA => {
    const count = counts.get(grid.properties.id) ?? 0;
    return count === 0 ? [255, 255, 255, 40] : rampColour(RAMPS.incidentHexagons, count, 1, max, 190);
  };
  return gridLayers({ grids: counted, theme: 'light', measure: null, selectedGridId, fillColour });
}

/** Grid outlines or the grid choropleth, the incidents as the chosen mode draws them, the overdue ones ringed, the drawn area, responders, then names. */
export function analyzeLayers({ mode, incidents, grids, gridCounts, hexbins, area, responders, selectedGridId, selectedIncidentId, communityLabels, streetLabels, overlay }: AnalyzeLayerState): LayerBuilder[] {
  const list: LayerBuilder[] = [];
  const gridMeasure = overlay?.kind === 'volunteers' ? 'volunteersPerThousand' : overlay?.kind === 'staff' ? 'householdsPerStaff' : null;
  if (grids && gridMeasure) {
    const built = gridLayers({ grids, theme: 'light', measure: gridMeasure, selectedGridId, fillOpacity: 170 });
    list.push(() => built);
  } else if (grids && mode === 'grids' && gridCounts) {
    const built = gridChoropleth(grids, gridCounts, selectedGridId);
    list.push(() => built);
  } else if (grids) {
    const built = gridLayers({ grids, theme: 'light', measure: null, selectedGridId });
    list.push(() => built);
  }
  const underIncidents = overlay ? overlayLayers(overlay) : null;
  if (underIncidents) list.push(() => underIncidents);
  if (mode === 'heat' && incidents.length > 0) {
    const built = incidentHeatLayer({ incidents, radiusPixels: 50, intensity: 1 });
    list.push(() => built);
  } else if (mode === 'hexagons' && hexbins && hexbins.length > 0) {
    const built = incidentHexagonLayer({ hexbins });
    list.push(() => built);
  } else if (mode === 'points') {
    const built = incidentPointLayer({ incidents, colouring: 'category', selectedId: selectedIncidentId, radiusPixels: 4 });
    list.push(() => built);
  }
  // Overdue incidents are ringed in red in every mode, above the incidents and the grids.
  if (incidents.some((incident) => incident.properties.overdue)) {
    const built = overdueIncidentLayer({ incidents, selectedId: selectedIncidentId, radiusPixels: mode === 'points' ? 8 : 9 });
    list.push(() => built);
  }
  if (area) {
    const built = drawnAreaLayer({ area });
    list.push(() => built);
  }
  if (responders) {
    const built = responderLayers({ incident: responders.incident, responders: responders.list });
    list.push(() => built);
  }
  if (grids) list.push(gridLabelBuilder({ grids, theme: 'light', minZoom: GRID_LABEL_MIN_ZOOM }));
  const communityLayer = areaLabelLayer({ labels: communityLabels, theme: 'light', size: 13 });
  const streetLayer = areaLabelLayer({ labels: streetLabels, theme: 'light', size: 14 });
  list.push(({ zoom }) => (zoom >= COMMUNITY_LABEL_MIN_ZOOM ? communityLayer : streetLayer));
  return list;
}
