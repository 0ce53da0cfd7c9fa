import type { Static } from '@sinclair/typebox';
import type { UserSchema } from '#schemas/users.ts';
import type { Feature, FeatureCollection, LineString, MultiPoint, MultiPolygon, Point, Polygon } from 'geojson';
import type {
  AreaLevel,
  CompoundKind,
  IncidentCategory,
  IncidentSource,
  IncidentStatus,
  ServicePointKind,
  StaffRole,
  VolunteerTeamKind,
} from '#domain/vocabulary.ts';

export type BBox = [number, number, number, number];

/** The signed-in user (or the read-only display-token user), as GET /api/session's schema defines it. */
export type User = Static<typeof UserSchema>;

export interface AreaCounts {
  grids: number;
  compounds: number;
  buildings: number;
  households: number;
  residents: number;
  openIncidents: number;
}

export interface AreaNode {
  id: number;
  code: string;
  name: string;
  nameEn: string | null;
  level: AreaLevel;
  bbox: BBox;
  centroid: [number, number];
  counts: AreaCounts;
  children: AreaNode[];
}

export interface CommunityKpis {
  grids: number;
  compounds: number;
  buildings: number;
  households: number;
  residents: number;
  elderlyResidents: number;
  staff: number;
  volunteerTeams: number;
  volunteers: number;
  activeVolunteers: number;
  servicePoints: number;
  incidentsToday: number;
  openIncidents: number;
  overdueIncidents: number;
  closureRate7d: number | null;
  medianHoursToClose30d: number | null;
  /** The local date of the last finished patrol night (20:00-23:00) the two figures below are about. */
  lastPatrolNight: string;
  lastNightPatrols: number;
  lastNightPatrolCoverage: number | null;
}

export type Community = Feature<MultiPolygon, { id: number; code: string; name: string; nameEn: string | null; street: string; district: string; kpis: CommunityKpis }>;

/** A list as docs/api.md defines it: a FeatureCollection with paging members. */
export interface ApiList<F> {
  type: 'FeatureCollection';
  features: F[];
  bbox?: BBox;
  limit?: number;
  numberReturned?: number;
  numberMatched?: number;
  /** `rel: next` leads to the next page (an absolute URL on this server). */
  links: Array<{ rel: string; href: string; type?: string }>;
};

export interface GridProperties {
  id: number;
  code: string;
  name: string;
  communityId: number;
  partyBranch: string | null;
  targetHouseholds: number;
  version: number;
  households: number;
  residents: number;
  elderlyResidents: number;
  buildings: number;
  compounds: number;
  staff: number;
  volunteers: number;
  openIncidents: number;
}
export type GridFeature = Feature<Polygon, GridProperties>;

export interface CompoundProperties {
  id: number;
  code: string;
  name: string;
  kind: CompoundKind;
  communityId: number;
  gridId: number | null;
  partyGroup: string | null;
  builtYear: number | null;
  buildings: number;
  households: number;
  residents: number;
}
export type CompoundFeature = Feature<Polygon, CompoundProperties>;

export interface BuildingProperties {
  id: number;
  code: string;
  name: string;
  communityId: number;
  compoundId: number;
  gridId: number | null;
  floors: number;
  households: number;
  residents: number;
  elderlyResidents: number;
}
export type BuildingFeature = Feature<Polygon, BuildingProperties>;

export interface ServicePointProperties {
  id: number;
  code: string;
  name: string;
  kind: ServicePointKind;
  communityId: number;
}
export type ServicePointFeature = Feature<Point, ServicePointProperties>;

export interface VolunteerTeamProperties {
  id: number;
  code: string;
  name: string;
  kind: VolunteerTeamKind;
  communityId: number;
  memberCount: number;
  squadCount: number;
  activeMembers: number;
}
export type VolunteerTeamFeature = Feature<MultiPoint | null, VolunteerTeamProperties>;

export interface StaffProperties {
  id: number;
  code: string;
  name: string;
  role: StaffRole;
  communityId: number;
  gridId: number | null;
}

export interface PatrolProperties {
  id: number;
  teamId: number;
  team: string;
  communityId: number;
  startedAt: string;
  endedAt: string;
  distanceMetres: number;
  times: number[];
}
export type PatrolFeature = Feature<LineString, PatrolProperties>;

export interface PatrolNightWindow {
  /** Local date YYYY-MM-DD. */
  night: string;
  starts: string;
  ends: string;
}

export interface PatrolCoverage extends PatrolNightWindow {
  /** The night in progress (20:00-23:00 local), else null. */
  tonight: PatrolNightWindow | null;
  communityId: number;
  /** Patrols recorded in the night; 0 means none (not "every courtyard missed"). */
  patrols: number;
  coverage: number;
  grids: Array<{ gridId: number; name: string; compounds: number; covered: number; coverage: number }>;
  missed: FeatureCollection<Polygon | MultiPolygon, { id: number; name: string; gridId: number | null }>;
}

export interface IncidentProperties {
  id: number;
  communityId: number;
  gridId: number | null;
  category: IncidentCategory;
  status: IncidentStatus;
  source: IncidentSource;
  title: string;
  reportedAt: string;
  updatedAt: string;
  closedAt: string | null;
  overdue: boolean;
}
export type IncidentFeature = Feature<Point, IncidentProperties>;

export interface IncidentEvent {
  id: number;
  fromStatus: IncidentStatus | null;
  toStatus: IncidentStatus;
  actor: string;
  note: string;
  createdAt: string;
}
export type IncidentDetail = Feature<Point, IncidentProperties & { description: string; events: IncidentEvent[] }>;

export interface IncidentStats {
  byCategory: Partial<Record<IncidentCategory, number>>;
  byStatus: Partial<Record<IncidentStatus, number>>;
  trend: Array<{ date: string; count: number; closed: number }>;
  gridRanking: Array<{ gridId: number; name: string; community: string; count: number; open: number }>;
  latest: IncidentProperties[];
  dataAsOf: string;
}

export interface BasemapConfig {
  styleUrl: string;
  external: boolean;
  attribution: string;
  bounds: BBox | null;
}
