import { LineLayer, ScatterplotLayer } from 'deck.gl';
import type { ResponderFeature } from '../../api/types.ts';
import { LAYER_IDS } from '../layer-ids.ts';
import { RESPONDER_COLOURS, hexToRgba } from '../palette.ts';

/**
 * 片区呼叫、党员先到: the nearest volunteers to an incident, each at home with a line to the incident; party
 * members in red, other volunteers in green, the nearest drawn larger.
 */
export function responderLayers({ incident, responders }: { incident: [number, number]; responders: ResponderFeature[] }) {
  const colour = (responder: ResponderFeature) => hexToRgba(responder.properties.partyMember ? RESPONDER_COLOURS.party : RESPONDER_COLOURS.volunteer);
  return [
    new LineLayer<ResponderFeature>({
      id: LAYER_IDS.responderLinks,
      data: responders,
      getSourcePosition: () => incident,
      getTargetPosition: (responder) => responder.geometry.coordinates as [number, number],
      getColor: (responder) => [...colour(responder).slice(0, 3), 150] as [number, number, number, number],
      getWidth: 2,
      widthUnits: 'pixels',
    }),
    new ScatterplotLayer<ResponderFeature>({
      id: LAYER_IDS.responders,
      data: responders,
      getPosition: (responder) => responder.geometry.coordinates as [number, number],
      radiusUnits: 'pixels',
      getRadius: (responder) => (responder.properties.rank <= 3 ? 8 : 6),
      stroked: true,
      getFillColor: colour,
      getLineColor: [255, 255, 255, 255],
      lineWidthMinPixels: 2,
      pickable: true,
    }),
  ];
}
