// Stable text for the generated files: fixed key order (object literals are written in insertion order),
// no indentation, one feature per line so that diffs show which features changed.

export type Position = [number, number];

export interface GeometryValue {
  type: 'Point' | 'LineString' | 'Polygon' | 'MultiPolygon';
  coordinates: unknown;
}

export function featureText(properties: Record<string, unknown>, geometry: GeometryValue): string {
  return JSON.stringify({ type: 'Feature', properties, geometry: { type: geometry.type, coordinates: geometry.coordinates } });
}

export function featureCollectionText(features: string[]): string {
  return `{"type":"FeatureCollection","features":[\n${features.join(',\n')}\n]}\n`;
}

/** A JSON object whose array members are written one element per line. */
export function recordListsText(lists: Record<string, unknown[]>): string {
  const members = Object.entries(lists).map(([key, items]) => `${JSON.stringify(key)}:[\n${items.map((item) => JSON.stringify(item)).join(',\n')}\n]`);
  return `{${members.join(',\n')}}\n`;
}

const ringSignedArea = (ring: Position[]) => {
  let sum = 0;
  for (let index = 0; index < ring.length - 1; index++) sum += ring[index][0] * ring[index + 1][1] - ring[index + 1][0] * ring[index][1];
  return sum / 2;
};

/** RFC 7946 winding: outer rings counter-clockwise, holes clockwise. */
export function orientPolygon(rings: Position[][]): Position[][] {
  return rings.map((ring, index) => {
    const counterClockwise = ringSignedArea(ring) > 0;
    return counterClockwise === (index === 0) ? ring : [...ring].reverse();
  });
}
