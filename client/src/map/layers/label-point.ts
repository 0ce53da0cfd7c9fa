import type { Position } from 'geojson';

/** Crossings of the horizontal line at `latitude` with the rings' edges, west to east (half-open, so a vertex counts once). */
function crossings(rings: Position[][], latitude: number): number[] {
  const found: number[] = [];
  for (const ring of rings) {
    for (let index = 0; index + 1 < ring.length; index++) {
      const [x1, y1] = ring[index];
      const [x2, y2] = ring[index + 1];
      if (y1 > latitude !== y2 > latitude) found.push(x1 + ((latitude - y1) * (x2 - x1)) / (y2 - y1));
    }
  }
  return found.sort((a, b) => a - b);
}

/** True when the point lies inside the polygon (even-odd over all rings, so holes are outside). */
function inside(rings: Position[][], [longitude, latitude]: [number, number]): boolean {
  return crossings(rings, latitude).filter((x) => x < longitude).length % 2 === 1;
}

/**
 * A point inside a polygon to put its label on. The middle of its bounding box when that lies inside (most grids);
 * otherwise, as PostGIS's ST_PointOnSurface does, the middle of the widest stretch of the polygon along the line
 * through that middle, which is inside even for a U- or L-shaped grid, and away from its edges.
 */
export function polygonLabelPoint(rings: Position[][]): [number, number] {
  const outer = rings[0];
  const longitudes = outer.map((position) => position[0]);
  const latitudes = outer.map((position) => position[1]);
  const centre: [number, number] = [(Math.min(...longitudes) + Math.max(...longitudes)) / 2, (Math.min(...latitudes) + Math.max(...latitudes)) / 2];
  if (inside(rings, centre)) return centre;
  const xs = crossings(rings, centre[1]);
  let best: [number, number] = [outer[0][0], outer[0][1]];
  let widest = -1;
  // Even-odd: between the 1st and 2nd crossing is inside, between the 2nd and 3rd outside, and so on.
  for (let index = 0; index + 1 < xs.length; index += 2) {
    if (xs[index + 1] - xs[index] > widest) {
      widest = xs[index + 1] - xs[index];
      best = [(xs[index] + xs[index + 1]) / 2, centre[1]];
    }
  }
  return best;
}
