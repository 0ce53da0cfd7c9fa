import type pg from 'pg';
import type { UserRole } from '#domain/vocabulary.ts';
import { hashPassword } from '../security/passwords.ts';

/** Shown in README.md and logged on the first start. Demo only: change or delete these users in production. */
export const DEMO_PASSWORD = 'gridatlas-demo';

export interface DemoUser {
  username: string;
  displayName: string;
  role: UserRole;
  /** Which communities the user may see, as SQL over areas aliased `community` (admins see all anyway). */
  scope: string;
}

export const DEMO_USERS: DemoUser[] = [
  { username: 'admin', displayName: '系统管理员', role: 'admin', scope: 'true' },
  { username: 'leader', displayName: '卧龙岗街道 指挥中心', role: 'leader', scope: `street.name = '卧龙岗街道'` },
  { username: 'analyst', displayName: '数据分析员', role: 'analyst', scope: 'true' },
  { username: 'planner', displayName: '网格规划员', role: 'planner', scope: `street.name = '卧龙岗街道'` },
  { username: 'staff_taoyuan', displayName: '桃园社区 网格员', role: 'grid_staff', scope: `community.name = '桃园社区'` },
  { username: 'staff_xianya', displayName: '县衙社区 网格员', role: 'grid_staff', scope: `community.name = '县衙社区'` },
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
    // The scope expressions are constants of this file, never input.
    await client.query(
      `INSERT INTO user_communities (user_id, community_id)
       SELECT $1, community.id FROM areas AS community JOIN areas AS street ON street.id = community.parent_id
        WHERE community.level = 'community' AND (${user.scope})`,
      [inserted.rows[0].id],
    );
  }
}
