import { GeoJsonLayer } from 'deck.gl';
import type { Polygon } from 'geojson';
import { LAYER_IDS } from '../layer-ids.ts';

/** The analyst's drawn area: a strong orange outline over a light wash, above the data so its edge stays visible. */
export function drawnAreaLayer({ area }: { area: Polygon }) {
  return new GeoJsonLayer({
    id: LAYER_IDS.drawnArea,
    data: [{ type: 'Feature', geometry: area, properties: {} }] as never,
    filled: true,
    stroked: true,
    getFillColor: [255, 152, 0, 28],
    getLineColor: [230, 81, 0, 255],
    getLineWidth: 2.5,
    lineWidthUnits: 'pixels',
    pickable: false,
  });
}
