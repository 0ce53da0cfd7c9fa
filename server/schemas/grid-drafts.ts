// Grid drafts (网格调整草稿): a planner's redrawn partition of one community, its checks, and publishing.
import { Type } from '@sinclair/typebox';
import { Enum, Id, Timestamp, VisibleText } from './common.ts';
import { LonLat, MultiPolygonGeometry, PolygonGeometry } from './geojson.ts';

/** The most grids a community's draft may hold (the demo's largest has 16). */
export const MAX_DRAFT_GRIDS = 200;

const DraftGridSchema = Type.Object(
  {
    id: Type.Union([Id, Type.Null()], { description: 'the grid this is (null: a new grid, e.g. one half of a split)' }),
    name: VisibleText({ maxLength: 60, description: 'the grid’s name, e.g. 桃园社区第3网格' }),
    targetHouseholds: Type.Integer({ minimum: 1, maximum: 100_000, description: 'households the grid should serve' }),
    // A MultiPolygon is taken so that the checks can say "in two pieces"; only one piece can be published.
    geometry: Type.Union([PolygonGeometry, MultiPolygonGeometry]),
  },
  { additionalProperties: false },
);

export const GridDraftBody = Type.Object(
  {
    baseVersions: Type.Record(Type.String({ pattern: '^[1-9][0-9]{0,9}$' }), Type.Integer({ minimum: 1 }), {
      description: 'grid id → the version the draft started from (GET /api/communities/{id}/grid-draft gives them for a new draft)',
    }),
    grids: Type.Array(DraftGridSchema, { minItems: 1, maxItems: MAX_DRAFT_GRIDS, description: 'every grid of the community as the planner would have it' }),
  },
  { additionalProperties: false },
);

export const PublishBody = Type.Object(
  { reason: VisibleText({ maxLength: 200, description: 'why the boundaries change (kept in the revisions)' }) },
  { additionalProperties: false },
);

const Text = Type.Object({ zh: Type.String(), en: Type.String() });

export const PartitionProblemSchema = Type.Object({
  check: Enum(['invalid', 'pieces', 'hole', 'outside', 'overlap', 'gap', 'sliver', 'cutBuilding', 'unassignedBuilding'] as const),
  message: Text,
  at: Type.Optional(LonLat),
  geometry: Type.Optional(Type.Union([PolygonGeometry, MultiPolygonGeometry])),
  grid: Type.Optional(Type.Union([Type.Integer(), Type.String()])),
  grids: Type.Optional(Type.Array(Type.Union([Type.Integer(), Type.String()]))),
  building: Type.Optional(Type.Integer()),
  areaM2: Type.Optional(Type.Number()),
  widthMetres: Type.Optional(Type.Number()),
  pieces: Type.Optional(Type.Integer()),
  reason: Type.Optional(Type.String()),
});

export const GridFiguresSchema = Type.Object({
  id: Type.Union([Type.Integer(), Type.String({ description: 'new-<n> for the draft’s n-th new grid' })]),
  name: Type.String(),
  buildings: Type.Integer(),
  households: Type.Integer(),
  targetHouseholds: Type.Integer(),
  balance: Type.Object({ status: Type.String(), deviation: Type.Number() }, { additionalProperties: true }),
  staff: Type.Integer(),
  staffLoad: Type.Union([Type.Number(), Type.Null()]),
});

export const DraftReport = Type.Object({
  valid: Type.Boolean({ description: 'true when the draft may be published' }),
  problems: Type.Array(PartitionProblemSchema),
  grids: Type.Array(GridFiguresSchema),
  households: Type.Integer({ description: 'households of the community’s buildings; redrawing never changes it' }),
});

export const CurrentGridSchema = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  version: Type.Integer(),
  targetHouseholds: Type.Integer(),
  staff: Type.Integer(),
  geometry: PolygonGeometry,
});

export const GridDraftResponse = Type.Object({
  communityId: Type.Integer(),
  /** null when the planner has no draft: `current` is what a new one starts from. */
  draft: Type.Union([
    Type.Object({
      baseVersions: Type.Record(Type.String(), Type.Integer()),
      grids: Type.Array(DraftGridSchema),
      updatedAt: Timestamp,
    }),
    Type.Null(),
  ]),
  current: Type.Array(CurrentGridSchema, { description: 'the community’s grids as published now' }),
});

export const PublishResult = Type.Object({
  communityId: Type.Integer(),
  grids: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), version: Type.Integer(), change: Type.Union([Type.Literal('unchanged'), Type.Literal('changed'), Type.Literal('added'), Type.Literal('removed')]) })),
  publishedAt: Timestamp,
});
