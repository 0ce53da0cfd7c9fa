import type { Position } from 'geojson';

/** A point to put a polygon's label on: the centre of its outer ring's vertices (grids and compounds are compact). */
export function polygonLabelPoint(rings: Position[][]): [number, number] {
  const ring = rings[0] ?? [];
  const count = Math.max(1, ring.length - 1);
  let longitude = 0;
  let latitude = 0;
  for (let index = 0; index < count; index++) {
    longitude += ring[index][0];
    latitude += ring[index][1];
  }
  return [longitude / count, latitude / count];
}
