import { ScatterplotLayer } from 'deck.gl';
import { LAYER_IDS } from '../layer-ids.ts';
import { REPORT_LOCATION_COLOUR, hexToRgba } from '../palette.ts';

/** The place a grid member picked for a new incident: a ring with a dot, drawn above everything. */
export function reportLocationLayer({ location }: { location: [number, number] }) {
  return new ScatterplotLayer<[number, number]>({
    id: LAYER_IDS.reportLocation,
    data: [location],
    getPosition: (point) => point,
    radiusUnits: 'pixels',
    getRadius: 9,
    stroked: true,
    filled: true,
    getFillColor: hexToRgba(REPORT_LOCATION_COLOUR, 200),
    getLineColor: [255, 255, 255, 255],
    lineWidthMinPixels: 3,
    parameters: { depthCompare: 'always', depthWriteEnabled: false },
  });
}
