// Grid drafts and publishing (issue: grid editing). A draft is the whole partition of one community as a planner
// would have it; publishing writes it in one transaction: the changed, new and merged-away grids with their
// revisions, the stored grid of every building and compound (assign_grids), and the grid of staff and open incidents.
import type { MultiPolygon, Polygon } from 'geojson';
import type pg from 'pg';
import { runQuery, sql } from '../db/sql.ts';
import { isoTime } from './collections/catalog.ts';

/** One grid of a draft: an existing grid (its id) or a new one (id null). */
export interface DraftGrid {
  id: number | null;
  name: string;
  targetHouseholds: number;
  /** One piece to be published; a MultiPolygon is stored so that the checks can name it. */
  geometry: Polygon | MultiPolygon;
}

export interface GridDraft {
  communityId: number;
  /** Grid id → the version the draft started from. */
  baseVersions: Record<string, number>;
  grids: DraftGrid[];
  /** ISO 8601 in UTC. */
  updatedAt: string;
}

/** A grid as it is now, with what the checks and the draft editor need. */
export interface CurrentGrid {
  id: number;
  code: string;
  name: string;
  version: number;
  targetHouseholds: number;
  staff: number;
  geometry: Polygon;
}

/** What the partition checks weigh a draft against: the community's outline and its buildings. */
export interface PartitionBasis {
  community: MultiPolygon;
  buildings: { id: number; name: string | null; households: number; geometry: Polygon }[];
}

/** A grid that changed since the draft's base: who changed it, when, and to which version (null: merged away). */
export interface StaleGrid {
  id: number;
  name: string;
  baseVersion: number | null;
  version: number | null;
  changedBy: string | null;
  changedAt: string | null;
}

export interface PublishedGrid {
  id: number;
  name: string;
  version: number;
  change: 'unchanged' | 'changed' | 'added' | 'removed';
}

export function gridDraftsRepository(pool: pg.Pool) {
  const currentGrids = async (client: pg.Pool | pg.ClientBase, communityId: number): Promise<CurrentGrid[]> =>
    (
      await runQuery<CurrentGrid & { geometry: string }>(
        client,
        sql`SELECT grid.id, grid.code, grid.name, grid.version, grid.target_households AS "targetHouseholds",
                   (SELECT count(*)::int FROM staff WHERE staff.grid_id = grid.id) AS staff,
                   ST_AsGeoJSON(grid.geom, 15) AS geometry
              FROM grids AS grid WHERE grid.community_id = ${communityId} ORDER BY grid.id`,
      )
    ).rows.map((row) => ({ ...row, geometry: JSON.parse(row.geometry) as Polygon }));

  return {
    currentGrids: (communityId: number) => currentGrids(pool, communityId),

    async partitionBasis(communityId: number): Promise<PartitionBasis> {
      const [area, buildings] = await Promise.all([
        runQuery<{ geometry: string }>(pool, sql`SELECT ST_AsGeoJSON(geom, 15) AS geometry FROM areas WHERE id = ${communityId}`),
        runQuery<{ id: number; name: string; households: number; geometry: string }>(
          pool,
          sql`SELECT id, name, households, ST_AsGeoJSON(geom, 15) AS geometry FROM buildings WHERE community_id = ${communityId} ORDER BY id`,
        ),
      ]);
      return {
        community: JSON.parse(area.rows[0].geometry) as MultiPolygon,
        buildings: buildings.rows.map((row) => ({ ...row, geometry: JSON.parse(row.geometry) as Polygon })),
      };
    },

    async get(communityId: number, userId: number): Promise<GridDraft | null> {
      const { rows } = await runQuery<GridDraft>(
        pool,
        sql`SELECT community_id AS "communityId", base_versions AS "baseVersions", grids, ${isoTime('updated_at')} AS "updatedAt"
              FROM grid_drafts WHERE community_id = ${communityId} AND user_id = ${userId}`,
      );
      return rows[0] ?? null;
    },

    async save(draft: Omit<GridDraft, 'updatedAt'>, userId: number, at: Date): Promise<GridDraft> {
      const { rows } = await runQuery<GridDraft>(
        pool,
        sql`INSERT INTO grid_drafts (community_id, user_id, base_versions, grids, updated_at)
            VALUES (${draft.communityId}, ${userId}, ${JSON.stringify(draft.baseVersions)}::jsonb, ${JSON.stringify(draft.grids)}::jsonb, ${at.toISOString()}::timestamptz)
            ON CONFLICT (community_id, user_id) DO UPDATE SET base_versions = excluded.base_versions, grids = excluded.grids, updated_at = excluded.updated_at
            RETURNING community_id AS "communityId", base_versions AS "baseVersions", grids, ${isoTime('updated_at')} AS "updatedAt"`,
      );
      return rows[0];
    },

    async remove(communityId: number, userId: number, client: pg.Pool | pg.ClientBase = pool): Promise<boolean> {
      const { rowCount } = await runQuery(client, sql`DELETE FROM grid_drafts WHERE community_id = ${communityId} AND user_id = ${userId}`);
      return (rowCount ?? 0) > 0;
    },

    /**
     * Within a transaction: locks the community against other publishes (they wait here, then see this one's
     * versions) and gives the grids that changed since the base, with who changed them; empty when the base is current.
     */
    async lockAndFindStale(client: pg.ClientBase, communityId: number, baseVersions: Record<string, number>): Promise<StaleGrid[]> {
      await runQuery(client, sql`SELECT id FROM areas WHERE id = ${communityId} FOR UPDATE`);
      const { rows } = await runQuery<StaleGrid>(
        client,
        sql`WITH base AS (SELECT key::int AS id, value::int AS version FROM jsonb_each_text(${JSON.stringify(baseVersions)}::jsonb)),
                 current AS (SELECT id, name, version FROM grids WHERE community_id = ${communityId}),
                 stale AS (
                   SELECT coalesce(current.id, base.id) AS id, current.name, base.version AS "baseVersion", current.version
                     FROM base FULL JOIN current ON current.id = base.id
                    WHERE base.version IS DISTINCT FROM current.version)
            SELECT stale.id, coalesce(stale.name, latest.name) AS name, stale."baseVersion", stale.version,
                   latest.author AS "changedBy", ${isoTime('latest.created_at')} AS "changedAt"
              FROM stale
              LEFT JOIN LATERAL (
                SELECT revision.author, revision.created_at, grids_then.name
                  FROM grid_revisions AS revision
                  LEFT JOIN grids AS grids_then ON grids_then.id = revision.grid_id
                 WHERE revision.grid_id = stale.id ORDER BY revision.version DESC LIMIT 1) AS latest ON true
             ORDER BY stale.id`,
      );
      return rows.map((row) => ({ ...row, name: row.name ?? `#${row.id}` }));
    },

    /**
     * Writes a checked draft whose base is current (call lockAndFindStale first, in the same transaction). A grid
     * whose boundary, name or target changed gets the next version and a revision; a new grid is inserted; a grid
     * the draft no longer has is merged away: its staff go to the grid that took most of its area, its revision
     * records the end, and the row is deleted. Then every building and compound, and every open incident (and any
     * incident of a merged-away grid), takes the grid it now lies in.
     */
    async publish(client: pg.ClientBase, communityId: number, grids: DraftGrid[], author: string, reason: string, at: Date): Promise<PublishedGrid[]> {
      const now = at.toISOString();
      const before = new Map((await currentGrids(client, communityId)).map((grid) => [grid.id, grid]));
      const published: PublishedGrid[] = [];
      const closeRevision = (gridId: number) => runQuery(client, sql`UPDATE grid_revisions SET valid_to = ${now}::timestamptz WHERE grid_id = ${gridId} AND valid_to IS NULL`);

      for (const grid of grids.filter((item) => item.id !== null)) {
        const current = before.get(grid.id!)!;
        const { rows } = await runQuery<{ changed: boolean }>(
          client,
          sql`SELECT NOT (ST_Equals(geom, ST_GeomFromGeoJSON(${JSON.stringify(grid.geometry)})) AND name = ${grid.name} AND target_households = ${grid.targetHouseholds}) AS changed
                FROM grids WHERE id = ${grid.id}`,
        );
        if (!rows[0].changed) {
          published.push({ id: current.id, name: current.name, version: current.version, change: 'unchanged' });
          continue;
        }
        await closeRevision(current.id);
        await runQuery(
          client,
          sql`WITH old AS (SELECT geom FROM grids WHERE id = ${current.id}),
                   updated AS (
                     UPDATE grids SET geom = ST_GeomFromGeoJSON(${JSON.stringify(grid.geometry)}), name = ${grid.name},
                                      target_households = ${grid.targetHouseholds}, version = version + 1, updated_at = ${now}::timestamptz
                      WHERE id = ${current.id} RETURNING id, community_id, version, geom)
              INSERT INTO grid_revisions (grid_id, community_id, version, author, reason, old_geom, new_geom, valid_from)
              SELECT updated.id, updated.community_id, updated.version, ${author}, ${reason}, old.geom, updated.geom, ${now}::timestamptz FROM updated, old`,
        );
        published.push({ id: current.id, name: grid.name, version: current.version + 1, change: 'changed' });
      }

      const added = grids.filter((item) => item.id === null);
      if (added.length > 0) {
        // New codes follow the community's pattern: <community code>-G<n>, n after the highest in use (or ever used).
        const { rows } = await runQuery<{ code: string; next: number }>(
          client,
          sql`SELECT area.code, greatest(
                     (SELECT max(substring(grid.code FROM '-G([0-9]+)$')::int) FROM grids AS grid WHERE grid.community_id = area.id),
                     (SELECT count(DISTINCT revision.grid_id)::int FROM grid_revisions AS revision WHERE revision.community_id = area.id), 0) + 1 AS next
                FROM areas AS area WHERE area.id = ${communityId}`,
        );
        let next = rows[0].next;
        for (const grid of added) {
          const code = `${rows[0].code}-G${String(next++).padStart(2, '0')}`;
          const inserted = await runQuery<{ id: number }>(
            client,
            sql`WITH inserted AS (
                  INSERT INTO grids (community_id, code, name, party_branch, target_households, version, geom, updated_at)
                  VALUES (${communityId}, ${code}, ${grid.name}, ${`${grid.name}党支部`}, ${grid.targetHouseholds}, 1, ST_GeomFromGeoJSON(${JSON.stringify(grid.geometry)}), ${now}::timestamptz)
                  RETURNING id, community_id, version, geom)
                INSERT INTO grid_revisions (grid_id, community_id, version, author, reason, old_geom, new_geom, valid_from)
                SELECT id, community_id, version, ${author}, ${reason}, NULL, geom, ${now}::timestamptz FROM inserted RETURNING grid_id AS id`,
          );
          published.push({ id: inserted.rows[0].id, name: grid.name, version: 1, change: 'added' });
        }
      }

      const kept = new Set(grids.map((grid) => grid.id));
      const removed = [...before.values()].filter((grid) => !kept.has(grid.id));
      for (const grid of removed) {
        // Its staff, and any incident filed under it, go to the grid that took most of its area.
        const heir = sql`(SELECT other.id FROM grids AS other, grids AS gone
                           WHERE gone.id = ${grid.id} AND other.community_id = ${communityId} AND other.id <> gone.id
                           ORDER BY ST_Area(ST_Intersection(other.geom, gone.geom)) DESC, other.id LIMIT 1)`;
        await runQuery(client, sql`UPDATE staff SET grid_id = ${heir} WHERE grid_id = ${grid.id}`);
        // (Open incidents are placed again by location below, once the grid is gone.)
        await runQuery(client, sql`UPDATE incidents SET grid_id = ${heir} WHERE community_id = ${communityId} AND grid_id = ${grid.id}`);
        await runQuery(client, sql`UPDATE buildings SET grid_id = NULL WHERE grid_id = ${grid.id}`);
        await runQuery(client, sql`UPDATE compounds SET grid_id = NULL WHERE grid_id = ${grid.id}`);
        await closeRevision(grid.id);
        await runQuery(
          client,
          sql`INSERT INTO grid_revisions (grid_id, community_id, version, author, reason, old_geom, new_geom, valid_from, valid_to)
              SELECT id, community_id, version + 1, ${author}, ${reason}, geom, NULL, ${now}::timestamptz, ${now}::timestamptz FROM grids WHERE id = ${grid.id}`,
        );
        await runQuery(client, sql`DELETE FROM grids WHERE id = ${grid.id}`);
        published.push({ id: grid.id, name: grid.name, version: grid.version + 1, change: 'removed' });
      }

      await runQuery(client, sql`SELECT assign_grids(${communityId})`);
      await runQuery(
        client,
        sql`UPDATE incidents SET grid_id = grid_of(community_id, geom)
             WHERE community_id = ${communityId} AND status <> 'closed' AND grid_of(community_id, geom) IS NOT NULL
               AND grid_id IS DISTINCT FROM grid_of(community_id, geom)`,
      );
      return published.sort((a, b) => a.id - b.id);
    },
  };
}
