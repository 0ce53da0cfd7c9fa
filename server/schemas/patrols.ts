import { Type } from '@sinclair/typebox';
import { Timestamp } from './common.ts';
import { Feature, FeatureCollectionPage, LineStringGeometry, MultiPolygonGeometry, PolygonGeometry } from './geojson.ts';

export const PatrolProperties = Type.Object({
  id: Type.Integer(),
  teamId: Type.Integer(),
  team: Type.String(),
  communityId: Type.Integer(),
  startedAt: Timestamp,
  endedAt: Timestamp,
  distanceMetres: Type.Integer(),
  times: Type.Array(Type.Integer(), { description: 'the epoch second of each vertex' }),
});
export const PatrolFeature = Feature(LineStringGeometry, PatrolProperties);
export const PatrolList = FeatureCollectionPage(PatrolFeature);

export const PatrolNightWindow = Type.Object({
  night: Type.String({ description: 'local date YYYY-MM-DD' }),
  starts: Timestamp,
  ends: Timestamp,
});

export const MissedCompound = Feature(Type.Union([PolygonGeometry, MultiPolygonGeometry]), Type.Object({ id: Type.Integer(), name: Type.String(), gridId: Type.Union([Type.Integer(), Type.Null()]) }));

export const PatrolCoverage = Type.Composite([
  PatrolNightWindow,
  Type.Object({
    tonight: Type.Union([PatrolNightWindow, Type.Null()], { description: 'the night in progress (20:00-23:00 local), else null' }),
    communityId: Type.Integer(),
    patrols: Type.Integer({ description: 'patrols recorded in the night; 0 means none (not "every courtyard missed")' }),
    radiusMetres: Type.Number({ description: 'a courtyard is covered when a GPS point came this close' }),
    coverage: Type.Union([Type.Number(), Type.Null()]),
    grids: Type.Array(Type.Object({ gridId: Type.Integer(), name: Type.String(), compounds: Type.Integer(), covered: Type.Integer(), coverage: Type.Union([Type.Number(), Type.Null()]) })),
    missed: Type.Object({ type: Type.Literal('FeatureCollection'), features: Type.Array(MissedCompound) }),
  }),
]);
