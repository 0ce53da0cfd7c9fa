import { Type } from '@sinclair/typebox';

export const ImportProblem = Type.Object({
  row: Type.Union([Type.Integer(), Type.Null()], { description: 'the spreadsheet row (CSV, header = row 1) or the feature number; null for the whole file' }),
  field: Type.String({ description: 'the column (as the file names it) or geometry' }),
  reason: Type.String(),
});

export const ImportResultSchema = Type.Object({
  target: Type.String(),
  rows: Type.Integer({ description: 'rows in the file' }),
  imported: Type.Integer({ description: 'rows written: all of them, or 0' }),
  ignoredColumns: Type.Array(Type.String(), { description: 'columns no field takes' }),
  problems: Type.Array(ImportProblem, { description: 'at most 1,000, by row' }),
  problemCount: Type.Integer(),
  preview: Type.Optional(Type.Object({ type: Type.Literal('FeatureCollection'), features: Type.Array(Type.Unknown()) }, { description: 'grids: the boundaries in WGS84 with their community' })),
});
