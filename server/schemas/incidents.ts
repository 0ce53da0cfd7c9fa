import { Type } from '@sinclair/typebox';
import { INCIDENT_CATEGORIES, INCIDENT_SOURCES, INCIDENT_STATUSES } from '#domain/vocabulary.ts';
import { Enum, NullableTimestamp, Timestamp } from './common.ts';
import { Feature, FeatureCollectionPage, PointGeometry, PolygonGeometry } from './geojson.ts';

export const IncidentCategory = Enum(INCIDENT_CATEGORIES);
export const IncidentStatus = Enum(INCIDENT_STATUSES);
export const IncidentSource = Enum(INCIDENT_SOURCES);

export const IncidentProperties = Type.Object({
  id: Type.Integer(),
  communityId: Type.Integer(),
  gridId: Type.Union([Type.Integer(), Type.Null()]),
  category: IncidentCategory,
  status: IncidentStatus,
  source: IncidentSource,
  title: Type.String(),
  reportedAt: Timestamp,
  updatedAt: Timestamp,
  closedAt: NullableTimestamp,
  overdue: Type.Boolean({ description: 'open past the time limit of its category and status (GET /api/time-limits)' }),
  dueAt: Type.Union([Timestamp, Type.Null()], { description: 'the deadline of its current step: when it entered its status plus the time limit; null when closed' }),
});
export const IncidentFeature = Feature(PointGeometry, IncidentProperties);

export const IncidentEvent = Type.Object({
  id: Type.Integer(),
  fromStatus: Type.Union([IncidentStatus, Type.Null()]),
  toStatus: IncidentStatus,
  actor: Type.String(),
  note: Type.String(),
  createdAt: Timestamp,
});
export const IncidentDetail = Feature(PointGeometry, Type.Composite([IncidentProperties, Type.Object({ description: Type.String(), events: Type.Array(IncidentEvent) })]));

export const IncidentSummary = Type.Object({
  total: Type.Integer(),
  byCategory: Type.Record(Type.String(), Type.Integer()),
  byStatus: Type.Record(Type.String(), Type.Integer()),
});

export const IncidentList = FeatureCollectionPage(IncidentFeature);
export const IncidentSearchResult = FeatureCollectionPage(IncidentFeature, { summary: IncidentSummary });

export const IncidentStats = Type.Object({
  days: Type.Integer(),
  byCategory: Type.Record(Type.String(), Type.Integer()),
  byStatus: Type.Record(Type.String(), Type.Integer()),
  trend: Type.Array(Type.Object({ date: Type.String({ description: 'local date YYYY-MM-DD' }), count: Type.Integer(), closed: Type.Integer() })),
  gridRanking: Type.Array(Type.Object({ gridId: Type.Integer(), name: Type.String(), community: Type.String(), count: Type.Integer(), open: Type.Integer() })),
  latest: Type.Array(IncidentProperties, { description: 'the 10 newest incidents' }),
  dataAsOf: Timestamp,
});

/** A volunteer who could respond to an incident, at their home. */
export const ResponderFeature = Feature(
  PointGeometry,
  Type.Object({
    rank: Type.Integer({ description: '1 = nearest' }),
    volunteerId: Type.Integer(),
    teamId: Type.Integer(),
    team: Type.String(),
    teamKind: Type.String(),
    partyMember: Type.Boolean({ description: 'a member of a party team (党员志愿服务队, 党员代办)' }),
    communityId: Type.Integer(),
    distanceMetres: Type.Number(),
  }),
);
export const ResponderList = Type.Object({ type: Type.Literal('FeatureCollection'), features: Type.Array(ResponderFeature) });

const CountRow = { count: Type.Integer(), open: Type.Integer() };
export const IncidentAggregatesSchema = Type.Object({
  total: Type.Integer(),
  open: Type.Integer(),
  byCategory: Type.Record(Type.String(), Type.Integer()),
  byStatus: Type.Record(Type.String(), Type.Integer()),
  byCommunity: Type.Array(Type.Object({ communityId: Type.Integer(), name: Type.String(), ...CountRow })),
  byGrid: Type.Array(Type.Object({ gridId: Type.Integer(), name: Type.String(), communityId: Type.Integer(), ...CountRow })),
  series: Type.Array(Type.Object({ start: Type.String({ description: 'the local date the period starts (weeks on Monday)' }), count: Type.Integer(), closed: Type.Integer() })),
  timeToClose: Type.Object({ closed: Type.Integer(), medianHours: Type.Union([Type.Number(), Type.Null()]), p90Hours: Type.Union([Type.Number(), Type.Null()]) }),
  hexbins: Type.Object({ type: Type.Literal('FeatureCollection'), features: Type.Array(Feature(PolygonGeometry, Type.Object({ count: Type.Integer() }))) }),
});
