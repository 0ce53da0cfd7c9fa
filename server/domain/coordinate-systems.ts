// The coordinate systems Chinese map data comes in, and their conversion to WGS84 (what GridAtlas stores).
// GCJ-02 (国测局坐标, Amap/Gaode, Tencent) and BD-09 (Baidu) are WGS84 with an obfuscating offset of
// hundreds of metres; gcoord implements the published formulas (GCJ-02 to WGS84 by iteration, to well under 1 m).
import gcoord from 'gcoord';
import type { Geometry } from 'geojson';

export const COORDINATE_SYSTEMS = ['wgs84', 'gcj02', 'bd09'] as const;
export type CoordinateSystem = (typeof COORDINATE_SYSTEMS)[number];

const GCOORD_SYSTEM = { wgs84: gcoord.WGS84, gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const;

/** A position [longitude, latitude] in `system`, in WGS84. */
export function positionToWgs84(position: [number, number], system: CoordinateSystem): [number, number] {
  if (system === 'wgs84') return position;
  const [longitude, latitude] = gcoord.transform(position, GCOORD_SYSTEM[system], gcoord.WGS84) as [number, number];
  return [longitude, latitude];
}

/** A WGS84 position in `system` (for tests and for writing files other apps read). */
export function positionFromWgs84(position: [number, number], system: CoordinateSystem): [number, number] {
  if (system === 'wgs84') return position;
  const [longitude, latitude] = gcoord.transform(position, gcoord.WGS84, GCOORD_SYSTEM[system]) as [number, number];
  return [longitude, latitude];
}

type Coordinates = number[] | Coordinates[];
const mapPositions = (coordinates: Coordinates, system: CoordinateSystem): Coordinates =>
  typeof coordinates[0] === 'number' ? positionToWgs84([coordinates[0], coordinates[1] as number], system) : (coordinates as Coordinates[]).map((inner) => mapPositions(inner, system));

/** A geometry in `system`, in WGS84 (a new object; GeometryCollections are not taken). */
export function geometryToWgs84<G extends Exclude<Geometry, { type: 'GeometryCollection' }>>(geometry: G, system: CoordinateSystem): G {
  if (system === 'wgs84') return geometry;
  return { ...geometry, coordinates: mapPositions(geometry.coordinates as Coordinates, system) } as G;
}
