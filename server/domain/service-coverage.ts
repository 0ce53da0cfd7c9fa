// Service coverage (DESIGN.md §6): the share of households within walking distance of a service point of
// a kind. The distances are the 5-, 10- and 15-minute life circles of GB 50180-2018 (居住区规划设计标准),
// measured in a straight line from each building to the nearest point of the kind, wherever that point is.

export const SERVICE_RADII_METRES = [300, 500, 1000] as const;
export type ServiceRadius = (typeof SERVICE_RADII_METRES)[number];

/** The share, 0-1 with 3 decimals; null when there is nothing to share. */
export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 1000;
}
