import { ScatterplotLayer } from 'deck.gl';
import type { IncidentFeature } from '../../api/types.ts';
import { LAYER_IDS } from '../layer-ids.ts';
import { OVERDUE_COLOUR, hexToRgba } from '../palette.ts';

/**
 * The overdue incidents (超期) as red rings on top of whatever draws the incidents (heat, hexagons, points, the grid
 * choropleth), so that they stand out in every display mode; a click or a hover picks the incident.
 */
export function overdueIncidentLayer({ incidents, radiusPixels = 9, selectedId = null }: { incidents: IncidentFeature[]; radiusPixels?: number; selectedId?: number | null }) {
  return new ScatterplotLayer<IncidentFeature>({
    id: LAYER_IDS.overdueIncidents,
    data: incidents.filter((incident) => incident.properties.overdue),
    pickable: true,
    stroked: true,
    filled: true,
    radiusUnits: 'pixels',
    lineWidthUnits: 'pixels',
    getPosition: (incident) => incident.geometry.coordinates as [number, number],
    getRadius: (incident) => (incident.properties.id === selectedId ? radiusPixels * 1.5 : radiusPixels),
    getFillColor: hexToRgba(OVERDUE_COLOUR, 50),
    getLineColor: hexToRgba(OVERDUE_COLOUR, 255),
    getLineWidth: 2.5,
    updateTriggers: { getRadius: [selectedId, radiusPixels] },
  });
}
