import { Type } from '@sinclair/typebox';

/** A display token as listed (never the token itself, which only the answer that makes it carries). */
export const DisplayTokenSchema = Type.Object({
  id: Type.Integer(),
  label: Type.String(),
  createdBy: Type.String(),
  createdAt: Type.String(),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
});
