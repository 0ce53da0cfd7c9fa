import { GeoJsonLayer } from 'deck.gl';
import type { CompoundFeature } from '../../api/types.ts';
import { LAYER_IDS } from '../layer-ids.ts';
import { THEME_OVERLAY, type Theme } from '../palette.ts';

export function compoundLayer({ compounds, theme, selectedGridId = null }: { compounds: CompoundFeature[]; theme: Theme; selectedGridId?: number | null }) {
  const overlay = THEME_OVERLAY[theme];
  return new GeoJsonLayer({
    id: LAYER_IDS.compounds,
    data: compounds as never,
    pickable: true,
    stroked: true,
    filled: true,
    getFillColor: overlay.compoundFill,
    getLineColor: ((compound: CompoundFeature) => (selectedGridId !== null && compound.properties.gridId === selectedGridId ? overlay.gridSelectedLine : overlay.compoundLine)) as never,
    getLineWidth: 1,
    lineWidthUnits: 'pixels',
    getDashArray: [4, 3],
    updateTriggers: { getLineColor: [selectedGridId, theme], getFillColor: [theme] },
  });
}
