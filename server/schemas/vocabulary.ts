import { Type } from '@sinclair/typebox';

/** A string from a closed vocabulary (an enum in the OpenAPI description). */
export function Enum<T extends string>(codes: readonly T[], description?: string) {
  return Type.Unsafe<T>({ type: 'string', enum: [...codes], ...(description ? { description } : {}) });
}
