import { Type } from '@sinclair/typebox';
import { Feature, PolygonGeometry } from './geojson.ts';

const Within = Type.Object({ households: Type.Integer(), share: Type.Union([Type.Number(), Type.Null()], { description: '0-1' }) });

export const ServiceCoverageSchema = Type.Object({
  communityId: Type.Integer(),
  households: Type.Integer(),
  radius: Type.Integer({ description: 'the radius `uncovered` is for' }),
  kind: Type.Union([Type.String(), Type.Null()], { description: 'the kind `uncovered` is for; null: any' }),
  kinds: Type.Array(Type.Object({ kind: Type.String({ description: 'a service point kind, or any' }), within: Type.Record(Type.String(), Within, { description: 'by radius in metres' }) })),
  uncovered: Type.Object({
    type: Type.Literal('FeatureCollection'),
    features: Type.Array(Feature(PolygonGeometry, Type.Object({ id: Type.Integer(), name: Type.Union([Type.String(), Type.Null()]), households: Type.Integer(), gridId: Type.Union([Type.Integer(), Type.Null()]) }))),
  }),
});
