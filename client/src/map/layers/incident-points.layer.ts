import { ScatterplotLayer } from 'deck.gl';
import type { IncidentFeature } from '../../api/types.ts';
import { LAYER_IDS } from '../layer-ids.ts';
import { CATEGORY_COLOURS, OVERDUE_COLOUR, STATUS_COLOURS, hexToRgba } from '../palette.ts';

export type IncidentColouring = 'status' | 'category';

export interface IncidentPointOptions {
  incidents: IncidentFeature[];
  colouring?: IncidentColouring;
  selectedId?: number | null;
  /** 0-1, for a gentle pulse on the command display. */
  pulse?: number;
  radiusPixels?: number;
  /** Drawn over everything, extruded buildings included (the command display). */
  onTop?: boolean;
}

export function incidentPointLayer({ incidents, colouring = 'status', selectedId = null, pulse = 0, radiusPixels = 5, onTop = false }: IncidentPointOptions) {
  const colour = (incident: IncidentFeature) => {
    const properties = incident.properties;
    if (colouring === 'category') return hexToRgba(CATEGORY_COLOURS[properties.category], 230);
    if (properties.overdue) return hexToRgba(OVERDUE_COLOUR, 240);
    return hexToRgba(STATUS_COLOURS[properties.status], 230);
  };
  return new ScatterplotLayer<IncidentFeature>({
    id: LAYER_IDS.incidentPoints,
    data: incidents,
    pickable: true,
    stroked: true,
    radiusUnits: 'pixels',
    getPosition: (incident) => incident.geometry.coordinates as [number, number],
    // Overdue incidents pulse; the others hold still.
    getRadius: (incident) => (incident.properties.id === selectedId ? radiusPixels * 2.2 : radiusPixels * (incident.properties.overdue ? 1.2 + pulse * 0.9 : 1)),
    getFillColor: colour,
    getLineColor: (incident) => (incident.properties.id === selectedId ? [255, 255, 255, 255] : [0, 0, 0, 120]),
    lineWidthMinPixels: 1,
    ...(onTop ? { parameters: { depthCompare: 'always' as const, depthWriteEnabled: false } } : {}),
    updateTriggers: { getFillColor: [colouring], getRadius: [selectedId, pulse, radiusPixels], getLineColor: [selectedId] },
  });
}
