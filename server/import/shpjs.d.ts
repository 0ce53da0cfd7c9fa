// shpjs ships no types: the one call used here.
declare module 'shpjs' {
  /** GeoJSON of a zipped Shapefile (one FeatureCollection, or one per Shapefile in the zip), reprojected to WGS84 by its .prj. */
  export default function shp(input: ArrayBuffer | Uint8Array): Promise<unknown>;
}
