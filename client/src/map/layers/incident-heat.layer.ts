import { HeatmapLayer } from 'deck.gl';
import type { IncidentFeature } from '../../api/types.ts';
import { LAYER_IDS } from '../layer-ids.ts';
import { RAMPS, rampColours } from '../palette.ts';

export function incidentHeatLayer({ incidents, radiusPixels = 32, intensity = 1.2 }: { incidents: IncidentFeature[]; radiusPixels?: number; intensity?: number }) {
  return new HeatmapLayer<IncidentFeature>({
    id: LAYER_IDS.incidentHeat,
    data: incidents,
    getPosition: (incident) => incident.geometry.coordinates as [number, number],
    getWeight: 1,
    radiusPixels,
    intensity,
    threshold: 0.04,
    colorRange: rampColours(RAMPS.heat).map(([red, green, blue]) => [red, green, blue]) as never,
    aggregation: 'SUM',
  });
}
