// Grid balance against the households norm (DESIGN.md §2: a city grid holds about 300-500 households).

export const HOUSEHOLD_NORM = { min: 300, max: 500 } as const;

export type Balance = 'below' | 'within' | 'above';

export function gridBalance(households: number, norm: { min: number; max: number } = HOUSEHOLD_NORM): Balance {
  if (households < norm.min) return 'below';
  if (households > norm.max) return 'above';
  return 'within';
}
