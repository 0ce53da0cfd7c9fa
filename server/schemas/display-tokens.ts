import { Type } from '@sinclair/typebox';

/** A display token as listed (never the token itself, which only the answer that makes it carries). */
export const DisplayTokenSchema = Type.Object({
  id: Type.Integer(),
  label: Type.String(),
  createdBy: Type.String(),
  createdAt: Type.String(),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
});

/** GET /api/display-tokens. */
export const DisplayTokenList = Type.Object({ tokens: Type.Array(DisplayTokenSchema) });

/** POST /api/display-tokens: the only answer that carries the token itself. */
export const DisplayTokenCreated = Type.Object({ id: Type.Integer(), label: Type.String(), token: Type.String() });
