import { HexagonLayer } from 'deck.gl';
import { LAYER_IDS } from '../layer-ids.ts';
import { RAMPS, rampColours } from '../palette.ts';

/** Volunteer homes counted per hexagon (about 80 m radius). */
export function volunteerDensityLayer({ homes, radius = 80 }: { homes: [number, number][]; radius?: number }) {
  return new HexagonLayer<[number, number]>({
    id: LAYER_IDS.volunteerDensity,
    data: homes,
    getPosition: (home) => home,
    radius,
    coverage: 0.88,
    extruded: false,
    // On by default under the incidents: light enough that heat, points and buildings read through it.
    opacity: 0.5,
    colorRange: rampColours(RAMPS.volunteers).map(([red, green, blue]) => [red, green, blue]) as never,
    colorScaleType: 'quantize',
    gpuAggregation: false,
    pickable: true,
  });
}
