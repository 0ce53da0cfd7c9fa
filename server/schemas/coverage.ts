import { Type } from '@sinclair/typebox';
import { Feature, MultiPolygonGeometry, PolygonGeometry } from './geojson.ts';

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

const Share = Type.Union([Type.Number(), Type.Null()], { description: '0-1; null when there is nothing to cover' });

export const PatrolWindowCoverageSchema = Type.Object({
  communityId: Type.Integer(),
  from: Type.String({ description: 'local date of the first night of the window' }),
  until: Type.String({ description: 'local date of the last night of the window (a finished night)' }),
  nightCount: Type.Integer(),
  radiusMetres: Type.Number({ description: 'a courtyard is covered on a night when a GPS point of that night came this close' }),
  regularShare: Type.Number({ description: 'a courtyard covered on at least this share of the nights is patrolled regularly; the others are `uncovered`' }),
  hexMetres: Type.Integer({ description: 'the heat hexagons, across in metres' }),
  compounds: Type.Integer(),
  coverage: Type.Intersect([Share], { description: 'the share of courtyard-nights covered' }),
  regular: Type.Integer({ description: 'courtyards patrolled regularly' }),
  nights: Type.Array(Type.Object({ night: Type.String(), patrols: Type.Integer(), coverage: Share })),
  grids: Type.Array(Type.Object({ gridId: Type.Integer(), name: Type.String(), compounds: Type.Integer(), coverage: Share, regular: Type.Integer() })),
  uncovered: Type.Object({
    type: Type.Literal('FeatureCollection'),
    features: Type.Array(
      Feature(
        Type.Union([PolygonGeometry, MultiPolygonGeometry]),
        Type.Object({
          id: Type.Integer(),
          name: Type.String(),
          gridId: Type.Union([Type.Integer(), Type.Null()]),
          nightsCovered: Type.Integer(),
          share: Type.Number(),
          lastCovered: Type.Union([Type.String(), Type.Null()], { description: 'local date of the last night covered in the window' }),
        }),
      ),
    ),
  }),
  heat: Type.Object({
    type: Type.Literal('FeatureCollection'),
    features: Type.Array(Feature(Type.Union([PolygonGeometry, MultiPolygonGeometry]), Type.Object({ nights: Type.Integer({ description: 'nights of the window a GPS point fell in the hexagon (cut to the community boundary)' }) }))),
  }),
});
