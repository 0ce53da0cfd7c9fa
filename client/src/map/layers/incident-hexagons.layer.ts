import { HexagonLayer } from 'deck.gl';
import type { IncidentFeature } from '../../api/types.ts';
import { LAYER_IDS } from '../layer-ids.ts';
import { RAMPS, rampColours } from '../palette.ts';

/** Incidents counted per hexagon of about 120 m radius. */
export function incidentHexagonLayer({ incidents, radius = 120 }: { incidents: IncidentFeature[]; radius?: number }) {
  return new HexagonLayer<IncidentFeature>({
    id: LAYER_IDS.incidentHexagons,
    data: incidents,
    getPosition: (incident) => incident.geometry.coordinates as [number, number],
    radius,
    coverage: 0.9,
    extruded: false,
    opacity: 0.8,
    colorRange: rampColours(RAMPS.incidentHexagons).map(([red, green, blue]) => [red, green, blue]) as never,
    colorScaleType: 'quantize',
    gpuAggregation: false,
    pickable: true,
  });
}
