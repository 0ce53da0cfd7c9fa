import type pg from 'pg';

/**
 * A page of features rendered by PostGIS: each row carries its Feature as GeoJSON text (never parsed
 * here), its own extent and the cursor that follows it. The query must fetch `limit + 1` rows, so we
 * know whether another page follows.
 */
export interface FeatureRow {
  feature: string;
  cursor: string;
  xmin: number | null;
  ymin: number | null;
  xmax: number | null;
  ymax: number | null;
}

export interface FeaturePage {
  features: string[];
  bbox: number[] | null;
  nextCursor: string | null;
}

export async function queryFeaturePage(pool: pg.Pool, sql: string, parameters: unknown[], limit: number): Promise<FeaturePage> {
  const { rows } = await pool.query<FeatureRow>(sql, parameters);
  const page = rows.slice(0, limit);
  let bbox: number[] | null = null;
  for (const row of page) {
    if (row.xmin === null || row.ymin === null || row.xmax === null || row.ymax === null) continue;
    bbox = bbox
      ? [Math.min(bbox[0], row.xmin), Math.min(bbox[1], row.ymin), Math.max(bbox[2], row.xmax), Math.max(bbox[3], row.ymax)]
      : [row.xmin, row.ymin, row.xmax, row.ymax];
  }
  return { features: page.map((row) => row.feature), bbox, nextCursor: rows.length > limit ? page[page.length - 1].cursor : null };
}

/** The SQL columns every feature query selects besides `feature` and `cursor`. */
export const extentColumns = (geometry: string) =>
  `ST_XMin(${geometry}) AS xmin, ST_YMin(${geometry}) AS ymin, ST_XMax(${geometry}) AS xmax, ST_YMax(${geometry}) AS ymax`;

/** Writes the FeatureCollection text around the features, adding the paging members. */
export function featureCollectionText(page: FeaturePage, limit: number, next: unknown, extra: Record<string, unknown> = {}): string {
  const members: Record<string, unknown> = { limit, numberReturned: page.features.length, ...extra };
  if (page.bbox) members.bbox = page.bbox.map((value) => Number(value.toFixed(7)));
  if (next !== undefined && page.nextCursor !== null) members.next = next;
  const tail = JSON.stringify(members).slice(1, -1);
  return `{"type":"FeatureCollection","features":[${page.features.join(',')}]${tail ? `,${tail}` : ''}}`;
}
