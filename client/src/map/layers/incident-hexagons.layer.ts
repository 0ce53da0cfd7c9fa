import { GeoJsonLayer } from 'deck.gl';
import type { Hexbin } from '../../api/types.ts';
import { LAYER_IDS } from '../layer-ids.ts';
import { RAMPS, rampColour } from '../palette.ts';

/**
 * Incidents counted per hexagon, as the server counted them over every match (POST /api/incidents/aggregate):
 * right however many incidents the selection has, not only those the page loaded.
 */
export function incidentHexagonLayer({ hexbins }: { hexbins: Hexbin[] }) {
  const max = Math.max(1, ...hexbins.map((hexbin) => hexbin.properties.count));
  return new GeoJsonLayer<Hexbin['properties']>({
    id: LAYER_IDS.incidentHexagons,
    data: hexbins as never,
    filled: true,
    stroked: true,
    getFillColor: ((hexbin: Hexbin) => rampColour(RAMPS.incidentHexagons, hexbin.properties.count, 1, max, 205)) as never,
    getLineColor: [255, 255, 255, 140],
    getLineWidth: 1,
    lineWidthUnits: 'pixels',
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 255, 255, 90],
    updateTriggers: { getFillColor: [max] },
  });
}
