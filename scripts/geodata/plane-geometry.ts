// Small planar geometry in a local metric frame (x east, y north, metres).
// Everything the generator builds is made of convex pieces cut by half-planes, so these few
// functions are all it needs; no general polygon boolean operations are involved.

export type Point2 = readonly [number, number];

export const add = (a: Point2, b: Point2): Point2 => [a[0] + b[0], a[1] + b[1]];
export const subtract = (a: Point2, b: Point2): Point2 => [a[0] - b[0], a[1] - b[1]];
export const scale = (a: Point2, factor: number): Point2 => [a[0] * factor, a[1] * factor];
export const dot = (a: Point2, b: Point2): number => a[0] * b[0] + a[1] * b[1];
export const cross = (a: Point2, b: Point2): number => a[0] * b[1] - a[1] * b[0];
export const length = (a: Point2): number => Math.hypot(a[0], a[1]);
export const lerp = (a: Point2, b: Point2, t: number): Point2 => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];

export function unit(a: Point2): Point2 {
  const size = length(a);
  if (size === 0) throw new Error('cannot normalise a zero vector');
  return [a[0] / size, a[1] / size];
}

/** The left-hand normal of a direction: for a counter-clockwise ring's edge it points inside. */
export const leftNormal = (direction: Point2): Point2 => unit([-direction[1], direction[0]]);

/** Signed area of an open ring (no repeated closing point); positive when counter-clockwise. */
export function signedArea(ring: readonly Point2[]): number {
  let sum = 0;
  for (let index = 0; index < ring.length; index++) {
    const a = ring[index];
    const b = ring[(index + 1) % ring.length];
    sum += a[0] * b[1] - b[0] * a[1];
  }
  return sum / 2;
}

export function centroid(ring: readonly Point2[]): Point2 {
  let areaSum = 0;
  let x = 0;
  let y = 0;
  for (let index = 0; index < ring.length; index++) {
    const a = ring[index];
    const b = ring[(index + 1) % ring.length];
    const term = a[0] * b[1] - b[0] * a[1];
    areaSum += term;
    x += (a[0] + b[0]) * term;
    y += (a[1] + b[1]) * term;
  }
  if (areaSum === 0) throw new Error('centroid of a degenerate ring');
  return [x / (3 * areaSum), y / (3 * areaSum)];
}

/** A half-plane { p : (p - through) · normal >= offset }, normal of unit length. */
export interface HalfPlane {
  through: Point2;
  normal: Point2;
  offset: number;
}

const sideOf = (point: Point2, plane: HalfPlane): number => dot(subtract(point, plane.through), plane.normal) - plane.offset;

/** Clips a convex open ring by a half-plane (Sutherland-Hodgman for one plane). */
export function clipConvex(ring: readonly Point2[], plane: HalfPlane): Point2[] {
  const result: Point2[] = [];
  for (let index = 0; index < ring.length; index++) {
    const current = ring[index];
    const next = ring[(index + 1) % ring.length];
    const currentSide = sideOf(current, plane);
    const nextSide = sideOf(next, plane);
    if (currentSide >= 0) result.push(current);
    if ((currentSide >= 0) !== (nextSide >= 0)) {
      result.push(lerp(current, next, currentSide / (currentSide - nextSide)));
    }
  }
  return removeNearDuplicates(result);
}

export function clipConvexByAll(ring: readonly Point2[], planes: readonly HalfPlane[]): Point2[] {
  let result: Point2[] = [...ring];
  for (const plane of planes) {
    if (result.length < 3) return [];
    result = clipConvex(result, plane);
  }
  return result.length >= 3 ? result : [];
}

function removeNearDuplicates(ring: Point2[]): Point2[] {
  const result: Point2[] = [];
  for (const point of ring) {
    const previous = result[result.length - 1];
    if (previous && length(subtract(point, previous)) < 0.05) continue;
    result.push(point);
  }
  while (result.length > 1 && length(subtract(result[0], result[result.length - 1])) < 0.05) result.pop();
  return result;
}

/** Shrinks a convex counter-clockwise ring by a distance (the intersection of its inset edge half-planes). */
export function insetConvex(ring: readonly Point2[], distance: number): Point2[] {
  return clipConvexByAll(ring, edgeHalfPlanes(ring, () => distance));
}

/**
 * The half-planes "at least distanceOf(edge) inside edge" of a counter-clockwise ring. Their intersection lies
 * inside the ring even when the ring is not convex (it is within the ring's kernel), and every point of it is at
 * least that distance from every edge.
 */
export function edgeHalfPlanes(ring: readonly Point2[], distanceOf: (edgeIndex: number) => number): HalfPlane[] {
  const planes: HalfPlane[] = [];
  for (let index = 0; index < ring.length; index++) {
    const a = ring[index];
    const b = ring[(index + 1) % ring.length];
    planes.push({ through: a, normal: leftNormal(subtract(b, a)), offset: distanceOf(index) });
  }
  return planes;
}

/** True when the point lies inside a convex counter-clockwise ring with at least `margin` to spare. */
export function insideConvex(ring: readonly Point2[], point: Point2, margin = 0): boolean {
  for (let index = 0; index < ring.length; index++) {
    const a = ring[index];
    const b = ring[(index + 1) % ring.length];
    if (dot(subtract(point, a), leftNormal(subtract(b, a))) < margin) return false;
  }
  return true;
}

/** Distance from a point to a segment. */
export function distanceToSegment(point: Point2, a: Point2, b: Point2): number {
  const ab = subtract(b, a);
  const squared = dot(ab, ab);
  const t = squared === 0 ? 0 : Math.max(0, Math.min(1, dot(subtract(point, a), ab) / squared));
  return length(subtract(point, lerp(a, b, t)));
}

/** The [min, max] of a convex ring's intersection with the line { through + s·direction }, or null. */
export function chordInterval(ring: readonly Point2[], through: Point2, direction: Point2): [number, number] | null {
  let low = -Infinity;
  let high = Infinity;
  for (let index = 0; index < ring.length; index++) {
    const a = ring[index];
    const b = ring[(index + 1) % ring.length];
    const normal = leftNormal(subtract(b, a));
    // Inside: (through + s·direction - a)·normal >= 0.
    const base = dot(subtract(through, a), normal);
    const rate = dot(direction, normal);
    if (Math.abs(rate) < 1e-12) {
      if (base < 0) return null;
      continue;
    }
    const bound = -base / rate;
    if (rate > 0) low = Math.max(low, bound);
    else high = Math.min(high, bound);
  }
  return low <= high ? [low, high] : null;
}

export function polygonArea(ring: readonly Point2[]): number {
  return Math.abs(signedArea(ring));
}
