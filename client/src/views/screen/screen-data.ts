// Which communities the command display tours, and helpers over the area tree.
import type { AreaNode } from '../../api/types.ts';
import type { I18n } from '../../i18n/i18n.tsx';

export interface TourStop {
  community: AreaNode;
  street: AreaNode | null;
  district: AreaNode | null;
}

/** Every community in the user's scope, in tree order, with its street and district. */
export function tourStops(tree: AreaNode | null | undefined): TourStop[] {
  const stops: TourStop[] = [];
  const walk = (node: AreaNode, street: AreaNode | null, district: AreaNode | null) => {
    if (node.level === 'community') stops.push({ community: node, street, district });
    for (const child of node.children) walk(child, node.level === 'street' ? node : street, node.level === 'district' ? node : district);
  };
  if (tree) walk(tree, null, null);
  return stops;
}

/** The street(s) of the stops, for the title when one street is in view. */
export function streetsOf(stops: TourStop[]): AreaNode[] {
  const streets = new Map<number, AreaNode>();
  for (const stop of stops) if (stop.street) streets.set(stop.street.id, stop.street);
  return [...streets.values()];
}

/** Street names that occur more than once in the tree (two counties each have a 城关镇). */
export function ambiguousStreetNames(tree: AreaNode | null | undefined): Set<string> {
  const counts = new Map<string, number>();
  const walk = (node: AreaNode) => {
    if (node.level === 'street') counts.set(node.name, (counts.get(node.name) ?? 0) + 1);
    node.children.forEach(walk);
  };
  if (tree) walk(tree);
  return new Set([...counts].filter(([, count]) => count > 1).map(([name]) => name));
}

/** A street's name, prefixed with its county when another street of the tree has the same name: 内乡县城关镇. */
export function streetName(street: AreaNode, district: AreaNode | null, ambiguous: Set<string>, i18n: I18n): string {
  // The English names already carry the county: "Chengguan Town (Neixiang)".
  if (!district || !ambiguous.has(street.name) || (i18n.locale === 'en' && street.nameEn)) return i18n.areaName(street);
  return `${district.name}${street.name}`;
}

export function daysAgoIso(days: number, now = Date.now()): string {
  return new Date(now - days * 86_400_000).toISOString();
}
