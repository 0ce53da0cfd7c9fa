import { describe, expect, it } from 'vitest';
import { testBackend } from '../../helpers/test-database.ts';
import { useTestPool } from '../../helpers/test-pool.ts';

const database = useTestPool();

describe(`the demo city in PostGIS (${testBackend()})`, () => {
  it('has grids that cover every community exactly, without gaps or overlaps', async () => {
    const { rows } = await database.pool.query<{ name: string; grids: number; gap: number; overlap: number }>(`
      WITH per_community AS (
        SELECT community.name, count(grid.id)::int AS grids,
               abs(ST_Area(ST_Union(grid.geom)::geography) - ST_Area(community.geom::geography)) AS gap,
               ST_Area(ST_SymDifference(ST_Union(grid.geom), community.geom)::geography) AS mismatch
          FROM areas AS community JOIN grids AS grid ON grid.community_id = community.id
         WHERE community.level = 'community'
         GROUP BY community.id
      ),
      grid_overlaps AS (
        SELECT a.community_id, sum(ST_Area(ST_Intersection(a.geom, b.geom)::geography)) AS overlap
          FROM grids AS a JOIN grids AS b ON a.id < b.id AND a.community_id = b.community_id AND ST_Intersects(a.geom, b.geom)
         GROUP BY a.community_id
      )
      SELECT per_community.name, grids, gap, greatest(mismatch, 0) AS mismatch, coalesce(grid_overlaps.overlap, 0) AS overlap
        FROM per_community JOIN areas ON areas.name = per_community.name AND areas.level = 'community'
        LEFT JOIN grid_overlaps ON grid_overlaps.community_id = areas.id`);
    expect(rows.length).toBeGreaterThanOrEqual(10);
    for (const row of rows) {
      expect(row.gap, `${row.name}: union of grids vs community area, m²`).toBeLessThan(1);
      expect(row.overlap, `${row.name}: total pairwise overlap of grids, m²`).toBeLessThan(1);
    }
    const communitiesWithoutGrids = await database.pool.query(`SELECT name FROM areas WHERE level = 'community' AND id NOT IN (SELECT community_id FROM grids)`);
    expect(communitiesWithoutGrids.rows).toEqual([]);
  });

  it('puts every building in exactly one grid and one compound, and no two buildings overlap', async () => {
    const misplaced = await database.pool.query(`
      SELECT building.code,
             (SELECT count(*) FROM grids WHERE ST_Within(building.geom, grids.geom)) AS grids,
             (SELECT count(*) FROM compounds WHERE ST_Within(building.geom, compounds.geom)) AS compounds
        FROM buildings AS building
      EXCEPT
      SELECT code, 1, 1 FROM buildings`);
    expect(misplaced.rows).toEqual([]);
    const overlapping = await database.pool.query(`
      SELECT a.code, b.code AS other FROM buildings AS a JOIN buildings AS b
          ON a.id < b.id AND ST_Intersects(a.geom, b.geom) AND ST_Area(ST_Intersection(a.geom, b.geom)::geography) > 0.01
       LIMIT 5`);
    expect(overlapping.rows).toEqual([]);
    const { rows } = await database.pool.query('SELECT count(*)::int AS buildings FROM buildings');
    expect(rows[0].buildings).toBeGreaterThan(500);
  });

  it('keeps buildings off the roads', async () => {
    const { rows } = await database.pool.query(`
      SELECT building.code, road.name FROM buildings AS building JOIN roads AS road
          ON ST_DWithin(building.geom::geography, road.geom::geography,
                        CASE road.class WHEN 'primary' THEN 12 WHEN 'secondary' THEN 8 ELSE 4 END)
       LIMIT 5`);
    expect(rows).toEqual([]);
  });

  it('has the places of the article: 桃园 7 grids and 23 courtyards, 县衙 5 grids, 桐柏城关镇 162 compounds', async () => {
    const community = async (name: string, parentName: string) =>
      (
        await database.pool.query(
          `SELECT (SELECT count(*) FROM grids WHERE community_id = c.id)::int AS grids,
                  (SELECT count(*) FROM compounds WHERE community_id = c.id)::int AS compounds,
                  (SELECT count(*) FROM compounds WHERE community_id = c.id AND kind = 'courtyard')::int AS courtyards,
                  (SELECT count(*) FROM staff WHERE community_id = c.id)::int AS staff
             FROM areas AS c JOIN areas AS street ON street.id = c.parent_id
            WHERE c.name = $1 AND street.name = $2`,
          [name, parentName],
        )
      ).rows[0];
    expect(await community('桃园社区', '卧龙岗街道')).toMatchObject({ grids: 7, courtyards: 23, compounds: 23, staff: 86 });
    expect(await community('县衙社区', '城关镇')).toMatchObject({ grids: 5 });
    const tongbai = await database.pool.query(`
      SELECT count(*)::int AS compounds, count(*) FILTER (WHERE compound.name = '豫南花园' AND community.name = '大同街社区')::int AS yunan_garden
        FROM compounds AS compound JOIN areas AS community ON community.id = compound.community_id
        JOIN areas AS town ON town.id = community.parent_id JOIN areas AS county ON county.id = town.parent_id
       WHERE town.name = '城关镇' AND county.name = '桐柏县'`);
    expect(tongbai.rows[0]).toEqual({ compounds: 162, yunan_garden: 1 });
    const streets = await database.pool.query(`SELECT count(*)::int AS communities FROM areas AS c JOIN areas AS s ON s.id = c.parent_id WHERE s.name = '卧龙岗街道'`);
    expect(streets.rows[0].communities).toBeGreaterThanOrEqual(4);
  });

  it('places everything below county level inside its county', async () => {
    const { rows } = await database.pool.query(`
      SELECT street.name FROM areas AS street JOIN areas AS county ON county.id = street.parent_id
       WHERE street.level = 'street' AND NOT ST_Within(street.geom, county.geom)
      UNION ALL
      SELECT community.name FROM areas AS community JOIN areas AS street ON street.id = community.parent_id
       WHERE community.level = 'community' AND NOT ST_CoveredBy(community.geom, ST_Buffer(street.geom, 0.000001))`);
    expect(rows).toEqual([]);
  });
});
