// The API's response types, derived from the server's TypeBox schemas (server/schemas, imported type-only through
// #schemas/*): a response that changes on the server breaks `npm run typecheck` here instead of at run time.
import type { Static } from '@sinclair/typebox';
import type { AreaNode as AreaNodeSchema, AreaTree, CommunityFeature } from '#schemas/areas.ts';
import type { BasemapConfig as BasemapConfigSchema } from '#schemas/basemap.ts';
import type { DisplayTokenCreated as DisplayTokenCreatedSchema, DisplayTokenList } from '#schemas/display-tokens.ts';
import type { BBox as BBoxSchema, FeatureCollectionPage, Link } from '#schemas/geojson.ts';
import type {
  IncidentAggregatesSchema,
  IncidentDetail as IncidentDetailSchema,
  IncidentFeature as IncidentFeatureSchema,
  IncidentList,
  IncidentStats as IncidentStatsSchema,
  ResponderList as ResponderListSchema,
} from '#schemas/incidents.ts';
import type { PatrolWindowCoverageSchema, ServiceCoverageSchema } from '#schemas/coverage.ts';
import type { PatrolCoverage as PatrolCoverageSchema, PatrolFeature as PatrolFeatureSchema } from '#schemas/patrols.ts';
import type {
  BuildingFeature as BuildingFeatureSchema,
  CompoundFeature as CompoundFeatureSchema,
  GridBalance as GridBalanceSchema,
  GridFeature as GridFeatureSchema,
  ServicePointFeature as ServicePointFeatureSchema,
  VolunteerTeamFeature as VolunteerTeamFeatureSchema,
} from '#schemas/reference-layers.ts';
import type { SessionResponse as SessionResponseSchema, UserSchema } from '#schemas/users.ts';
import type { TimeLimitTable as TimeLimitTableSchema } from '#schemas/time-limits.ts';

/** [west, south, east, north] in WGS84. */
export type BBox = Static<typeof BBoxSchema>;

/** The signed-in user (or the read-only display-token user). */
export type User = Static<typeof UserSchema>;
export type SessionResponse = Static<typeof SessionResponseSchema>;

export type AreaNode = Static<typeof AreaNodeSchema>;
export type AreaTreeResponse = Static<typeof AreaTree>;
export type Community = Static<typeof CommunityFeature>;

/** One page of a list (docs/api.md): follow `links` rel `next` until there is none. */
export type ApiList<F> = Omit<Static<ReturnType<typeof FeatureCollectionPage>>, 'features'> & { features: F[] };
export type ApiLink = Static<typeof Link>;

export type GridFeature = Static<typeof GridFeatureSchema>;
export type GridBalance = Static<typeof GridBalanceSchema>;
export type CompoundFeature = Static<typeof CompoundFeatureSchema>;
export type BuildingFeature = Static<typeof BuildingFeatureSchema>;
export type ServicePointFeature = Static<typeof ServicePointFeatureSchema>;
export type VolunteerTeamFeature = Static<typeof VolunteerTeamFeatureSchema>;

export type PatrolFeature = Static<typeof PatrolFeatureSchema>;
export type PatrolCoverage = Static<typeof PatrolCoverageSchema>;
export type ServiceCoverage = Static<typeof ServiceCoverageSchema>;
export type UncoveredBuilding = ServiceCoverage['uncovered']['features'][number];
export type PatrolWindowCoverage = Static<typeof PatrolWindowCoverageSchema>;
/** A courtyard the patrols came near on fewer nights of the window than the regular share. */
export type IrregularCourtyard = PatrolWindowCoverage['uncovered']['features'][number];
export type PatrolHeatHexagon = PatrolWindowCoverage['heat']['features'][number];

export type IncidentFeature = Static<typeof IncidentFeatureSchema>;
export type IncidentProperties = IncidentFeature['properties'];
export type IncidentList = Static<typeof IncidentList>;
export type IncidentDetail = Static<typeof IncidentDetailSchema>;
export type IncidentStats = Static<typeof IncidentStatsSchema>;
export type IncidentAggregates = Static<typeof IncidentAggregatesSchema>;
export type Hexbin = IncidentAggregates['hexbins']['features'][number];
export type ResponderList = Static<typeof ResponderListSchema>;
export type ResponderFeature = ResponderList['features'][number];

export type BasemapConfig = Static<typeof BasemapConfigSchema>;

export type DisplayToken = Static<typeof DisplayTokenList>['tokens'][number];
export type DisplayTokenListResponse = Static<typeof DisplayTokenList>;
export type DisplayTokenCreated = Static<typeof DisplayTokenCreatedSchema>;

/** GET and PUT /api/time-limits: hours per category and open status, with the defaults, labels and bounds. */
export type TimeLimitTable = Static<typeof TimeLimitTableSchema>;
