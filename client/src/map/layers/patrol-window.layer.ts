import { GeoJsonLayer } from 'deck.gl';
import type { IrregularCourtyard, PatrolHeatHexagon } from '../../api/types.ts';
import { LAYER_IDS } from '../layer-ids.ts';
import { NEVER_PATROLLED_COLOUR, RAMPS, hexToRgba, rampColour } from '../palette.ts';

/**
 * Patrol coverage over a window of nights (GET /api/coverage/patrols): hexagons coloured by the nights a
 * patrol passed through them (none: red), and the courtyards patrolled less than regularly, outlined in red.
 */
export function patrolWindowLayers({ hexagons, courtyards, nightCount, opacity = 1 }: { hexagons: PatrolHeatHexagon[]; courtyards: IrregularCourtyard[]; nightCount: number; opacity?: number }) {
  const alpha = Math.round(150 * opacity);
  return [
    new GeoJsonLayer<PatrolHeatHexagon['properties']>({
      id: LAYER_IDS.patrolHeat,
      data: hexagons as never,
      filled: true,
      stroked: true,
      getFillColor: (hexagon) => (hexagon.properties.nights === 0 ? hexToRgba(NEVER_PATROLLED_COLOUR, alpha) : rampColour(RAMPS.patrolNights, hexagon.properties.nights, 1, nightCount, alpha)),
      getLineColor: [255, 255, 255, Math.round(90 * opacity)],
      getLineWidth: 1,
      lineWidthUnits: 'pixels',
      updateTriggers: { getFillColor: [nightCount, alpha] },
      pickable: true,
    }),
    new GeoJsonLayer<IrregularCourtyard['properties']>({
      id: LAYER_IDS.patrolIrregular,
      data: courtyards as never,
      filled: true,
      stroked: true,
      getFillColor: hexToRgba(NEVER_PATROLLED_COLOUR, 60),
      getLineColor: hexToRgba(NEVER_PATROLLED_COLOUR, 255),
      getLineWidth: 3,
      lineWidthUnits: 'pixels',
      pickable: true,
    }),
  ];
}
