import type pg from 'pg';

/** The basemap layers served as GeoJSON, each read straight from its table. */
export const BASEMAP_LAYERS = ['counties', 'streets', 'communities', 'roads', 'blocks'] as const;
export type BasemapLayer = (typeof BASEMAP_LAYERS)[number];

// Each statement builds the whole FeatureCollection as text in SQL: ST_AsGeoJSON(row) with string_agg is the
// fastest way to GeoJSON here (DESIGN.md §8), and the server streams the text without parsing it.
const areaLevelCollection = `
  -- Areas of one level (district = county), with the properties the map labels and tooltips need.
  SELECT '{"type":"FeatureCollection","features":[' || coalesce(string_agg(ST_AsGeoJSON(feature.*, 'geom', 6), ',' ORDER BY feature.code), '') || ']}' AS collection
  FROM (
    SELECT areas.id, areas.code, areas.name, areas.name_en AS "nameEn", areas.level, ST_ForcePolygonCCW(areas.geom) AS geom
    FROM areas
    WHERE areas.level = $1
  ) AS feature`;

const roadCollection = `
  -- Road centrelines with their class, which the style uses for width and colour.
  SELECT '{"type":"FeatureCollection","features":[' || coalesce(string_agg(ST_AsGeoJSON(feature.*, 'geom', 6), ',' ORDER BY feature.code), '') || ']}' AS collection
  FROM (SELECT roads.id, roads.code, roads.name, roads.class, roads.geom FROM roads) AS feature`;

const blockCollection = `
  -- Street blocks between road centrelines.
  SELECT '{"type":"FeatureCollection","features":[' || coalesce(string_agg(ST_AsGeoJSON(feature.*, 'geom', 6), ',' ORDER BY feature.code), '') || ']}' AS collection
  FROM (SELECT blocks.id, blocks.code, blocks.community_id AS "communityId", ST_ForcePolygonCCW(blocks.geom) AS geom FROM blocks) AS feature`;

const LAYER_QUERIES: Record<BasemapLayer, { text: string; values: unknown[] }> = {
  counties: { text: areaLevelCollection, values: ['district'] },
  streets: { text: areaLevelCollection, values: ['street'] },
  communities: { text: areaLevelCollection, values: ['community'] },
  roads: { text: roadCollection, values: [] },
  blocks: { text: blockCollection, values: [] },
};

export function basemapRepository(pool: pg.Pool) {
  return {
    /** One basemap layer as GeoJSON FeatureCollection text. */
    async layer(layer: BasemapLayer): Promise<string> {
      const { text, values } = LAYER_QUERIES[layer];
      const result = await pool.query<{ collection: string }>(text, values);
      return result.rows[0].collection;
    },

    /** The extent of the demo city's streets (towns), to centre a map before anything else is known. */
    async bounds(): Promise<[number, number, number, number] | null> {
      const result = await pool.query<{ xmin: number | null; ymin: number | null; xmax: number | null; ymax: number | null }>(`
        -- The box around every street (town); the counties would zoom the map out to the whole prefecture.
        SELECT ST_XMin(box) AS xmin, ST_YMin(box) AS ymin, ST_XMax(box) AS xmax, ST_YMax(box) AS ymax
        FROM (SELECT ST_Extent(geom)::geometry AS box FROM areas WHERE level = 'street') AS extent`);
      const row = result.rows[0];
      if (!row || row.xmin === null || row.ymin === null || row.xmax === null || row.ymax === null) return null;
      return [row.xmin, row.ymin, row.xmax, row.ymax];
    },
  };
}
