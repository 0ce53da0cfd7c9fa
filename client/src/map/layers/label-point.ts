import { pointOnFeature } from '@turf/turf';
import type { Position } from 'geojson';

/** A point inside a polygon to put its label on (the centroid when it lies inside; concave grids get a point on the surface). */
export function polygonLabelPoint(rings: Position[][]): [number, number] {
  const point = pointOnFeature({ type: 'Polygon', coordinates: rings });
  return point.geometry.coordinates as [number, number];
}
