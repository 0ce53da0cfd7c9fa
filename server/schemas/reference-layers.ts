// The reference layers' features: grids, compounds, buildings, service points, volunteer teams, staff.
import { Type } from '@sinclair/typebox';
import { COMPOUND_KINDS, SERVICE_POINT_KINDS, STAFF_ROLES, VOLUNTEER_TEAM_KINDS } from '#domain/vocabulary.ts';
import { Enum } from './common.ts';
import { Feature, FeatureCollectionPage, MultiPointGeometry, PointGeometry, PolygonGeometry } from './geojson.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const GridBalance = Type.Object({
  status: Enum(['below', 'within', 'above'] as const, 'households against the norm'),
  households: Type.Integer(),
  target: Type.Integer({ description: 'the grid’s own target households' }),
  deviation: Type.Number({ description: 'households / target − 1' }),
  norm: Type.Object({ min: Type.Integer(), max: Type.Integer() }),
});

export const GridProperties = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  communityId: Type.Integer(),
  partyBranch: Nullable(Type.String()),
  targetHouseholds: Type.Integer(),
  version: Type.Integer(),
  households: Type.Integer(),
  residents: Type.Integer(),
  elderlyResidents: Type.Integer(),
  buildings: Type.Integer(),
  compounds: Type.Integer(),
  staff: Type.Integer(),
  volunteers: Type.Integer(),
  openIncidents: Type.Integer(),
  balance: GridBalance,
});
export const GridFeature = Feature(PolygonGeometry, GridProperties);

export const CompoundProperties = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  kind: Enum(COMPOUND_KINDS),
  communityId: Type.Integer(),
  gridId: Nullable(Type.Integer()),
  partyGroup: Nullable(Type.String()),
  builtYear: Nullable(Type.Integer()),
  buildings: Type.Integer(),
  households: Type.Integer(),
  residents: Type.Integer(),
});
export const CompoundFeature = Feature(PolygonGeometry, CompoundProperties);

export const BuildingProperties = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  communityId: Type.Integer(),
  compoundId: Type.Integer(),
  gridId: Nullable(Type.Integer()),
  floors: Type.Integer(),
  households: Type.Integer(),
  residents: Type.Integer(),
  elderlyResidents: Type.Integer(),
});
export const BuildingFeature = Feature(PolygonGeometry, BuildingProperties);

export const ServicePointProperties = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  kind: Enum(SERVICE_POINT_KINDS),
  communityId: Type.Integer(),
});
export const ServicePointFeature = Feature(PointGeometry, ServicePointProperties);

export const VolunteerTeamProperties = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  kind: Enum(VOLUNTEER_TEAM_KINDS),
  communityId: Type.Integer(),
  memberCount: Type.Integer(),
  squadCount: Type.Integer(),
  activeMembers: Type.Integer(),
});
export const VolunteerTeamFeature = Feature(Type.Union([MultiPointGeometry, Type.Null()], { description: 'member homes with members=true, else null' }), VolunteerTeamProperties);

export const StaffProperties = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  role: Enum(STAFF_ROLES),
  communityId: Type.Integer(),
  gridId: Nullable(Type.Integer()),
});
export const StaffFeature = Feature(Type.Null(), StaffProperties);

export const GridList = FeatureCollectionPage(GridFeature);
export const CompoundList = FeatureCollectionPage(CompoundFeature);
export const BuildingList = FeatureCollectionPage(BuildingFeature);
export const ServicePointList = FeatureCollectionPage(ServicePointFeature);
export const VolunteerTeamList = FeatureCollectionPage(VolunteerTeamFeature);
export const StaffList = FeatureCollectionPage(StaffFeature);
