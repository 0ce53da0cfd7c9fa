// Which communities the command display tours, and helpers over the area tree.
import type { AreaNode } from '../../api/types.ts';

export interface TourStop {
  community: AreaNode;
  street: AreaNode | null;
}

/** Every community in the user's scope, in tree order, with its street. */
export function tourStops(tree: AreaNode | undefined): TourStop[] {
  const stops: TourStop[] = [];
  const walk = (node: AreaNode, street: AreaNode | null) => {
    if (node.level === 'community') stops.push({ community: node, street });
    for (const child of node.children) walk(child, node.level === 'street' ? node : street);
  };
  if (tree) walk(tree, null);
  return stops;
}

/** The street(s) of the stops, for the title when one street is in view. */
export function streetsOf(stops: TourStop[]): AreaNode[] {
  const streets = new Map<number, AreaNode>();
  for (const stop of stops) if (stop.street) streets.set(stop.street.id, stop.street);
  return [...streets.values()];
}

export function daysAgoIso(days: number, now = Date.now()): string {
  return new Date(now - days * 86_400_000).toISOString();
}
