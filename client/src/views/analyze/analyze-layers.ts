// The analyst's map as data: which deck.gl layers /analyze draws for its filters and results, in drawing order.
import type { GridFeature, IncidentFeature } from '../../api/types.ts';
import type { LayerBuilder } from '../../map/map-controller.ts';
import { areaLabelLayer, type AreaLabel } from '../../map/layers/area-labels.layer.ts';
import { gridLabelBuilder, gridLayers } from '../../map/layers/grids.layer.ts';
import { incidentHeatLayer } from '../../map/layers/incident-heat.layer.ts';
import { incidentHexagonLayer } from '../../map/layers/incident-hexagons.layer.ts';
import { incidentPointLayer } from '../../map/layers/incident-points.layer.ts';
import type { DisplayMode } from './analyze-filters.ts';

/** Below this zoom the communities of one town overlap: the towns (streets) are named instead. */
export const COMMUNITY_LABEL_MIN_ZOOM = 13.5;
/** Grid names appear from this zoom on. */
export const GRID_LABEL_MIN_ZOOM = 14.5;

export interface AnalyzeLayerState {
  mode: DisplayMode;
  incidents: IncidentFeature[];
  /** The grids of the selected community, if one is selected. */
  grids?: GridFeature[];
  selectedGridId: number | null;
  selectedIncidentId: number | null;
  communityLabels: AreaLabel[];
  streetLabels: AreaLabel[];
}

/** Grid outlines, the incidents as the chosen mode draws them, grid names, then community or town names by zoom. */
export function analyzeLayers({ mode, incidents, grids, selectedGridId, selectedIncidentId, communityLabels, streetLabels }: AnalyzeLayerState): LayerBuilder[] {
  const list: LayerBuilder[] = [];
  if (grids) {
    const built = gridLayers({ grids, theme: 'light', measure: null, selectedGridId });
    list.push(() => built);
  }
  if (mode === 'heat' && incidents.length > 0) {
    const built = incidentHeatLayer({ incidents, radiusPixels: 50, intensity: 1 });
    list.push(() => built);
  } else if (mode === 'hexagons' && incidents.length > 0) {
    const built = incidentHexagonLayer({ incidents });
    list.push(() => built);
  } else if (mode === 'points') {
    const built = incidentPointLayer({ incidents, colouring: 'category', selectedId: selectedIncidentId, radiusPixels: 4 });
    list.push(() => built);
  }
  if (grids) list.push(gridLabelBuilder({ grids, theme: 'light', minZoom: GRID_LABEL_MIN_ZOOM }));
  const communityLayer = areaLabelLayer({ labels: communityLabels, theme: 'light', size: 13 });
  const streetLayer = areaLabelLayer({ labels: streetLabels, theme: 'light', size: 14 });
  list.push(({ zoom }) => (zoom >= COMMUNITY_LABEL_MIN_ZOOM ? communityLayer : streetLayer));
  return list;
}
