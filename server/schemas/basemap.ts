import { Type } from '@sinclair/typebox';
import { BBox } from './geojson.ts';

export const BasemapConfig = Type.Object(
  {
    styleUrl: Type.String(),
    external: Type.Boolean(),
    attribution: Type.String(),
    bounds: Type.Union([BBox, Type.Null()]),
  },
  { additionalProperties: false },
);
