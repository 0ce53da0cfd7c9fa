import { GeoJsonLayer } from 'deck.gl';
import type { UncoveredBuilding } from '../../api/types.ts';
import { LAYER_IDS } from '../layer-ids.ts';
import { UNCOVERED_COLOUR, hexToRgba } from '../palette.ts';

/** Buildings with households beyond 500 m of every service point (the 10-minute life circle): footprints in warning orange. */
export function uncoveredBuildingsLayer({ buildings }: { buildings: UncoveredBuilding[] }) {
  return new GeoJsonLayer<UncoveredBuilding['properties']>({
    id: LAYER_IDS.uncoveredBuildings,
    data: buildings as never,
    filled: true,
    stroked: true,
    getFillColor: hexToRgba(UNCOVERED_COLOUR, 150),
    getLineColor: hexToRgba(UNCOVERED_COLOUR, 255),
    getLineWidth: 2,
    lineWidthUnits: 'pixels',
    pickable: true,
  });
}
