import type pg from 'pg';
import type { UserRole } from '#domain/vocabulary.ts';
import { runQuery, sql } from '../db/sql.ts';
import { hashPassword } from '../security/passwords.ts';

/** Shown in README.md and logged on the first start. Demo only: change or delete these users in production. */
export const DEMO_PASSWORD = 'gridatlas-demo';

export interface DemoUser {
  username: string;
  displayName: string;
  role: UserRole;
  /** Which communities the user may see: all, those of a street (街道/镇), or one community (admins see all anyway). */
  scope: { all: true } | { street: string } | { community: string };
}

export const DEMO_USERS: DemoUser[] = [
  { username: 'admin', displayName: '系统管理员', role: 'admin', scope: { all: true } },
  { username: 'leader', displayName: '卧龙岗街道 指挥中心', role: 'leader', scope: { street: '卧龙岗街道' } },
  { username: 'analyst', displayName: '数据分析员', role: 'analyst', scope: { all: true } },
  { username: 'planner', displayName: '网格规划员', role: 'planner', scope: { street: '卧龙岗街道' } },
  { username: 'staff_taoyuan', displayName: '桃园社区 网格员', role: 'grid_staff', scope: { community: '桃园社区' } },
  { username: 'staff_xianya', displayName: '县衙社区 网格员', role: 'grid_staff', scope: { community: '县衙社区' } },
];

/** Creates the demo users (if missing) with their communities. */
export async function createDemoUsers(client: pg.ClientBase): Promise<void> {
  for (const user of DEMO_USERS) {
    const inserted = await client.query<{ id: number }>(
      `INSERT INTO users (username, display_name, password_hash, role, is_demo) VALUES ($1, $2, $3, $4, true)
       ON CONFLICT (username) DO NOTHING RETURNING id`,
      [user.username, user.displayName, await hashPassword(DEMO_PASSWORD), user.role],
    );
    if (inserted.rows.length === 0) continue;
    const scope = user.scope;
    const condition = 'all' in scope ? sql`true` : 'street' in scope ? sql`street.name = ${scope.street}` : sql`community.name = ${scope.community}`;
    await runQuery(
      client,
      sql`INSERT INTO user_communities (user_id, community_id)
          SELECT ${inserted.rows[0].id}, community.id FROM areas AS community JOIN areas AS street ON street.id = community.parent_id
           WHERE community.level = 'community' AND ${condition}`,
    );
  }
}
