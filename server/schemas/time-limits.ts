// GET and PUT /api/time-limits: the per-step time limits (时限) of every incident category and open status.
import { Type, type TSchema } from '@sinclair/typebox';
import { INCIDENT_CATEGORIES } from '#domain/vocabulary.ts';
import { OPEN_STATUSES, TIME_LIMIT_BOUNDS } from '#domain/workflow.ts';
import { Enum, NullableTimestamp } from './common.ts';

const { minHours, maxHours, stepHours } = TIME_LIMIT_BOUNDS;

export const OpenStatusSchema = Enum(OPEN_STATUSES, 'an open status (closed has no time limit)');

/** Hours, as an admin may set them. */
export const LimitHours = Type.Number({
  minimum: minHours,
  maximum: maxHours,
  multipleOf: stepHours,
  description: `hours from ${minHours} to ${maxHours} (${maxHours / 24} days), in steps of ${stepHours}`,
});

/** An object schema with one property per key, each `value()`. */
const keyed = <K extends string, T extends TSchema>(keys: readonly K[], value: () => T) => Object.fromEntries(keys.map((key) => [key, value()])) as Record<K, T>;

/** {category: {status: hours}} for every category and open status. */
const HoursTable = (description: string) => Type.Object(keyed(INCIDENT_CATEGORIES, () => Type.Object(keyed(OPEN_STATUSES, () => Type.Number()))), { description });

const Labelled = <T extends ReturnType<typeof Enum>>(code: T) => Type.Object({ code, label: Type.String({ description: 'Chinese' }), labelEn: Type.String() });

export const TimeLimitTable = Type.Object({
  categories: Type.Array(Labelled(Enum(INCIDENT_CATEGORIES)), { description: 'the rows of the table, with their labels' }),
  statuses: Type.Array(Labelled(OpenStatusSchema), { description: 'the columns: every open status, in workflow order (closed has no limit)' }),
  hours: HoursTable('the limits in force: {category: {status: hours}}'),
  defaultHours: HoursTable('the defaults the database started with (server/domain/workflow.ts)'),
  minHours: Type.Number(),
  maxHours: Type.Number(),
  stepHours: Type.Number(),
  updatedAt: NullableTimestamp,
  updatedBy: Type.Union([Type.String(), Type.Null()], { description: 'who made the latest change; null while no limit has been changed' }),
});

/** PUT /api/time-limits: the limits to set, as GET gives them; the others stay as they are. */
export const TimeLimitUpdate = Type.Object(
  {
    hours: Type.Object(
      keyed(INCIDENT_CATEGORIES, () =>
        Type.Optional(
          Type.Object(keyed(OPEN_STATUSES, () => Type.Optional(LimitHours)), {
            additionalProperties: false,
            minProperties: 1,
            description: 'the statuses to set: reported, assigned, in_progress, verified, returned',
          }),
        ),
      ),
      { additionalProperties: false, minProperties: 1, description: '{category: {status: hours}}, at least one' },
    ),
  },
  { additionalProperties: false },
);
