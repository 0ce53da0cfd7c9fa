// The planner's map as data: which deck.gl layers /plan draws for its community, in drawing order. Pure: the same
// state gives the same layers, so it is tested without a map.
import type { BuildingFeature, CompoundFeature, GridFeature } from '../../api/types.ts';
import type { LayerBuilder } from '../../map/map-controller.ts';
import { buildingLayer } from '../../map/layers/buildings.layer.ts';
import { compoundLayer } from '../../map/layers/compounds.layer.ts';
import { gridLabelBuilder, gridLayers } from '../../map/layers/grids.layer.ts';
import { BALANCE_COLOURS, hexToRgba, type RGBA } from '../../map/palette.ts';

export interface PlanLayerState {
  grids?: GridFeature[];
  compounds?: CompoundFeature[];
  buildings?: BuildingFeature[];
  selectedGridId: number | null;
}

/** A grid's fill: its balance against the households norm, as the server judged it; the selected grid stronger. */
export function balanceFill(grid: GridFeature, selectedGridId: number | null): RGBA {
  return hexToRgba(BALANCE_COLOURS[grid.properties.balance.status], grid.properties.id === selectedGridId ? 120 : 60);
}

/** Grids coloured by balance, then courtyards and buildings (the selected grid's highlighted), then the grid names on top. */
export function planLayers({ grids, compounds, buildings, selectedGridId }: PlanLayerState): LayerBuilder[] {
  const list: LayerBuilder[] = [];
  if (grids) {
    const built = gridLayers({ grids, theme: 'light', measure: 'households', selectedGridId, fillColour: (grid) => balanceFill(grid, selectedGridId) });
    list.push(() => built);
  }
  if (compounds) {
    const built = compoundLayer({ compounds, theme: 'light', selectedGridId });
    list.push(() => built);
  }
  if (buildings) {
    const built = buildingLayer({ buildings, theme: 'light', selectedGridId });
    list.push(() => built);
  }
  if (grids) list.push(gridLabelBuilder({ grids, theme: 'light', labelSize: 13 }));
  return list;
}
