import { GeoJsonLayer } from 'deck.gl';
import type { BuildingFeature } from '../../api/types.ts';
import { LAYER_IDS } from '../layer-ids.ts';
import { THEME_OVERLAY, type Theme } from '../palette.ts';

export interface BuildingLayerOptions {
  buildings: BuildingFeature[];
  theme: Theme;
  /** Buildings of this grid are highlighted. */
  selectedGridId?: number | null;
  /** Extrude by floors (about 3 m each), for the tilted command display. */
  extruded?: boolean;
}

export function buildingLayer({ buildings, theme, selectedGridId = null, extruded = false }: BuildingLayerOptions) {
  const overlay = THEME_OVERLAY[theme];
  const isSelected = (building: BuildingFeature) => selectedGridId !== null && building.properties.gridId === selectedGridId;
  return new GeoJsonLayer({
    id: LAYER_IDS.buildings,
    data: buildings as never,
    pickable: true,
    stroked: !extruded,
    filled: true,
    extruded,
    wireframe: false,
    getElevation: ((building: BuildingFeature) => building.properties.floors * 3) as never,
    getFillColor: ((building: BuildingFeature) => (isSelected(building) ? overlay.buildingHighlight : overlay.building)) as never,
    getLineColor: ((building: BuildingFeature) => (isSelected(building) ? overlay.gridSelectedLine : [0, 0, 0, 0])) as never,
    getLineWidth: 1,
    lineWidthUnits: 'pixels',
    material: { ambient: 0.6, diffuse: 0.5, shininess: 20 },
    updateTriggers: { getFillColor: [selectedGridId, theme], getLineColor: [selectedGridId, theme] },
  });
}
