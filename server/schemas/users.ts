import { Type } from '@sinclair/typebox';
import { USER_ROLES } from '#domain/vocabulary.ts';
import { Enum } from './common.ts';

/** A user as the API shows them: to themselves (GET /api/session) and to admins (GET /api/users). */
export const UserSchema = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  role: Enum(USER_ROLES),
  communityIds: Type.Array(Type.Integer()),
  readOnly: Type.Boolean(),
});

/** POST and GET /api/session. */
export const SessionResponse = Type.Object({ user: UserSchema });
