import { kinks } from '@turf/turf';
import type { MultiPolygon, Polygon, Position } from 'geojson';

// Pure checks on areas drawn or sent by users, shared by the server (final say) and the client (live hints).
// Each returns a reason a person can read; PostGIS's ST_IsValidReason is the last word on OGC validity.

export type RuleResult = { valid: true } | { valid: false; reason: string };

export const MAX_AREA_VERTICES = 10_000;

/** The service area: Nanyang (南阳市) with a small margin, as [west, south, east, north]. */
export const SERVICE_AREA_BBOX: readonly [number, number, number, number] = [110.9, 32.2, 113.9, 33.9];

const invalid = (reason: string): RuleResult => ({ valid: false, reason });

function isPosition(value: unknown): value is Position {
  return Array.isArray(value) && (value.length === 2 || value.length === 3) && value.every((number) => typeof number === 'number');
}

function insideServiceArea([longitude, latitude]: Position): boolean {
  const [west, south, east, north] = SERVICE_AREA_BBOX;
  return longitude >= west && longitude <= east && latitude >= south && latitude <= north;
}

/** A [longitude, latitude] in range and in the right order; `where` names it in the reason. */
export function checkPosition(position: Position, where: string): RuleResult {
  const [longitude, latitude] = position;
  if (!Number.isFinite(longitude) || !Number.isFinite(latitude)) return invalid(`${where} has a coordinate that is not a finite number`);
  const swapped = `${where} [${longitude}, ${latitude}] has longitude and latitude swapped; GeoJSON order is [longitude, latitude]`;
  if (Math.abs(longitude) > 180 || Math.abs(latitude) > 90) {
    if (insideServiceArea([latitude, longitude])) return invalid(swapped);
    // Web Mercator metres: large numbers within the projection's extent (Nanyang is near x 12.5e6, y 3.9e6).
    if (Math.max(Math.abs(longitude), Math.abs(latitude)) > 1000 && Math.abs(longitude) <= 20_037_509 && Math.abs(latitude) <= 20_048_967) {
      return invalid(`${where} [${longitude}, ${latitude}] looks like EPSG:3857 metres; send WGS84 longitude and latitude in degrees`);
    }
    return invalid(`${where} [${longitude}, ${latitude}] is out of range: longitude must be within ±180 and latitude within ±90`);
  }
  if (!insideServiceArea(position)) {
    if (insideServiceArea([latitude, longitude])) return invalid(swapped);
    return invalid(`${where} [${longitude}, ${latitude}] is outside the service area (南阳市, ${SERVICE_AREA_BBOX.join(', ')})`);
  }
  return { valid: true };
}

function checkRing(ring: unknown, where: string): RuleResult {
  if (!Array.isArray(ring)) return invalid(`${where} must be an array of positions`);
  if (ring.length < 4) return invalid(`${where} needs at least 4 positions (a closed triangle), got ${ring.length}`);
  for (let index = 0; index < ring.length; index++) {
    if (!isPosition(ring[index])) return invalid(`${where}[${index}] must be a [longitude, latitude] pair of numbers`);
    const result = checkPosition(ring[index], `${where}[${index}]`);
    if (!result.valid) return result;
  }
  const first = ring[0] as Position;
  const last = ring[ring.length - 1] as Position;
  if (first[0] !== last[0] || first[1] !== last[1]) return invalid(`${where} is not closed: its first and last positions differ`);
  if (withoutRepeatedRingVertices(ring as Position[]).length < 4) return invalid(`${where} needs at least 3 different corners; repeated positions leave it with fewer`);
  return { valid: true };
}

const samePosition = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];

function withoutRepeatedRingVertices(ring: Position[]): Position[] {
  return ring.filter((position, index) => index === 0 || !samePosition(position, ring[index - 1]));
}

/** The same area with each vertex that repeats the one before it removed. */
export function withoutRepeatedVertices<T extends Polygon | MultiPolygon>(area: T): T {
  if (area.type === 'Polygon') return { ...area, coordinates: area.coordinates.map(withoutRepeatedRingVertices) };
  return { ...area, coordinates: (area as MultiPolygon).coordinates.map((polygon) => polygon.map(withoutRepeatedRingVertices)) };
}

/** A Point inside the service area. */
export function checkPoint(point: { type?: unknown; coordinates?: unknown }, field = 'location'): RuleResult {
  if (point?.type !== 'Point') return invalid(`${field}.type must be Point`);
  if (!isPosition(point.coordinates)) return invalid(`${field}.coordinates must be a [longitude, latitude] pair of numbers`);
  return checkPosition(point.coordinates, `${field}.coordinates`);
}

/** A Polygon or MultiPolygon that can be searched: well-formed, closed, small enough, in range, not self-intersecting. */
export function checkArea(area: { type?: unknown; coordinates?: unknown }, field = 'area'): RuleResult {
  if (area?.type !== 'Polygon' && area?.type !== 'MultiPolygon') return invalid(`${field}.type must be Polygon or MultiPolygon, got ${JSON.stringify(area?.type)}`);
  if (!Array.isArray(area.coordinates) || area.coordinates.length === 0) return invalid(`${field}.coordinates must be a non-empty array`);
  const polygons = (area.type === 'Polygon' ? [area.coordinates] : area.coordinates) as unknown[];
  let vertices = 0;
  for (const [polygonIndex, polygon] of polygons.entries()) {
    const where = area.type === 'Polygon' ? `${field}.coordinates` : `${field}.coordinates[${polygonIndex}]`;
    if (!Array.isArray(polygon) || polygon.length === 0) return invalid(`${where} must be a non-empty array of rings`);
    for (const ring of polygon) vertices += Array.isArray(ring) ? ring.length : 0;
    if (vertices > MAX_AREA_VERTICES) return invalid(`${field} has more than ${MAX_AREA_VERTICES} vertices; simplify it`);
    for (const [ringIndex, ring] of polygon.entries()) {
      const result = checkRing(ring, `${where}[${ringIndex}]`);
      if (!result.valid) return result;
    }
  }
  // A vertex repeated in a row is harmless (PostGIS accepts it), but turf reports it as a crossing: drop repeats first.
  const crossings = kinks(withoutRepeatedVertices(area as Polygon | MultiPolygon)).features;
  if (crossings.length > 0) {
    const [longitude, latitude] = crossings[0].geometry.coordinates;
    return invalid(`${field} crosses itself at [${longitude.toFixed(6)}, ${latitude.toFixed(6)}] (a bowtie or twisted ring)`);
  }
  return { valid: true };
}
