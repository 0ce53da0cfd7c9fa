import { Type, type Static } from '@sinclair/typebox';
import { AREA_LEVELS } from '#domain/vocabulary.ts';
import { Enum } from './common.ts';
import { BBox, Feature, LonLat, MultiPolygonGeometry } from './geojson.ts';

export const AreaCounts = Type.Object({
  grids: Type.Integer(),
  compounds: Type.Integer(),
  buildings: Type.Integer(),
  households: Type.Integer(),
  residents: Type.Integer(),
  openIncidents: Type.Integer(),
});

/** A node of the area tree (city › district › street › community), with counts summed upwards. */
export const AreaNode = Type.Recursive(
  (Node) =>
    Type.Object({
      id: Type.Integer(),
      code: Type.String(),
      name: Type.String(),
      nameEn: Type.Union([Type.String(), Type.Null()]),
      level: Enum(AREA_LEVELS),
      parentId: Type.Union([Type.Integer(), Type.Null()]),
      bbox: BBox,
      centroid: LonLat,
      counts: AreaCounts,
      children: Type.Array(Node),
    }),
  { $id: 'AreaNode' },
);
export type AreaNodeValue = Static<typeof AreaNode>;

/** GET /api/areas: the tree of the user's scope, null when they may see no community. */
export const AreaTree = Type.Object({ tree: Type.Union([AreaNode, Type.Null()]) });

export const CommunityKpis = Type.Object({
  grids: Type.Integer(),
  compounds: Type.Integer(),
  buildings: Type.Integer(),
  households: Type.Integer(),
  residents: Type.Integer(),
  elderlyResidents: Type.Integer(),
  staff: Type.Integer(),
  volunteerTeams: Type.Integer(),
  volunteers: Type.Integer(),
  activeVolunteers: Type.Integer(),
  servicePoints: Type.Integer(),
  incidentsToday: Type.Integer(),
  openIncidents: Type.Integer(),
  overdueIncidents: Type.Integer(),
  closureRate7d: Type.Union([Type.Number(), Type.Null()]),
  medianHoursToClose30d: Type.Union([Type.Number(), Type.Null()]),
  lastPatrolNight: Type.String({ description: 'the local date of the last finished patrol night (20:00-23:00)' }),
  lastNightPatrols: Type.Integer(),
  lastNightPatrolCoverage: Type.Union([Type.Number(), Type.Null()]),
});

export const CommunityFeature = Feature(
  MultiPolygonGeometry,
  Type.Object({
    id: Type.Integer(),
    code: Type.String(),
    name: Type.String(),
    nameEn: Type.Union([Type.String(), Type.Null()]),
    street: Type.String(),
    district: Type.String(),
    kpis: CommunityKpis,
  }),
);
