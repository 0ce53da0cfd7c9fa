import { Type } from '@sinclair/typebox';
import { TOKEN_PURPOSES } from '#domain/vocabulary.ts';
import { Enum } from './common.ts';

export const TokenPurposeSchema = Enum(TOKEN_PURPOSES, 'display: a wall display (/screen?token=…), made by leaders and admins; gis: desktop GIS reading /ogc, made by any user');

/** A display token as listed (never the token itself, which only the answer that makes it carries). */
export const DisplayTokenSchema = Type.Object({
  id: Type.Integer(),
  label: Type.String(),
  purpose: TokenPurposeSchema,
  createdBy: Type.String(),
  createdAt: Type.String(),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
});

/** GET /api/display-tokens. */
export const DisplayTokenList = Type.Object({ tokens: Type.Array(DisplayTokenSchema) });

/** POST /api/display-tokens: the only answer that carries the token itself. */
export const DisplayTokenCreated = Type.Object({ id: Type.Integer(), label: Type.String(), purpose: TokenPurposeSchema, token: Type.String() });
