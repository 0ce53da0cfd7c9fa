import { ScatterplotLayer, TextLayer } from 'deck.gl';
import type { ServicePointFeature } from '../../api/types.ts';
import { LAYER_IDS } from '../layer-ids.ts';
import { SERVICE_POINT_STYLE, hexToRgba } from '../palette.ts';
import { FONT_FAMILY } from '../../styles/typeface.ts';

/** Service points as round badges coloured by kind, with the kind's character (党, 驿, 老, ...) as the icon. */
export function servicePointLayers({ servicePoints, size = 11 }: { servicePoints: ServicePointFeature[]; size?: number }) {
  return [
    new ScatterplotLayer<ServicePointFeature>({
      id: LAYER_IDS.servicePoints,
      data: servicePoints,
      pickable: true,
      stroked: true,
      radiusUnits: 'pixels',
      getPosition: (point) => point.geometry.coordinates as [number, number],
      getRadius: size,
      getFillColor: (point) => hexToRgba(SERVICE_POINT_STYLE[point.properties.kind].colour, 245),
      getLineColor: [255, 255, 255, 230],
      lineWidthMinPixels: 1.5,
    }),
    new TextLayer<ServicePointFeature>({
      id: LAYER_IDS.servicePointGlyphs,
      data: servicePoints,
      getPosition: (point) => point.geometry.coordinates as [number, number],
      getText: (point) => SERVICE_POINT_STYLE[point.properties.kind].glyph,
      getColor: [255, 255, 255, 255],
      getSize: size * 1.15,
      sizeUnits: 'pixels',
      characterSet: Object.values(SERVICE_POINT_STYLE).map((style) => style.glyph),
      fontFamily: FONT_FAMILY,
      fontWeight: 700,
      getTextAnchor: 'middle',
      getAlignmentBaseline: 'center',
    }),
  ];
}
