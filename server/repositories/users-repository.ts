import type { TokenPurpose } from '#domain/vocabulary.ts';
import type pg from 'pg';
import type { UserRole } from '#domain/vocabulary.ts';

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: UserRole;
  /** Communities the user may see. */
  communityIds: number[];
  /** True for a display token: read-only whatever the role. */
  readOnly: boolean;
}

const USER_COLUMNS = `u.id, u.username, u.display_name AS "displayName", u.role,
  CASE WHEN u.role = 'admin' THEN ARRAY(SELECT id FROM areas WHERE level = 'community' ORDER BY id)
       ELSE ARRAY(SELECT community_id FROM user_communities WHERE user_id = u.id ORDER BY community_id) END AS "communityIds"`;

export const SESSION_DAYS = 7;

export function usersRepository(pool: pg.Pool) {
  return {
    async findForLogin(username: string) {
      const { rows } = await pool.query<SessionUser & { passwordHash: string }>(
        `SELECT ${USER_COLUMNS}, u.password_hash AS "passwordHash", false AS "readOnly" FROM users AS u WHERE u.username = $1`,
        [username],
      );
      return rows[0];
    },
    async createSession(userId: number, tokenHash: string): Promise<void> {
      await pool.query(`DELETE FROM sessions WHERE expires_at < now()`);
      await pool.query(`INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, now() + make_interval(days => $3))`, [tokenHash, userId, SESSION_DAYS]);
    },
    async deleteSession(tokenHash: string): Promise<void> {
      await pool.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
    },
    async userForSession(tokenHash: string): Promise<SessionUser | undefined> {
      const { rows } = await pool.query<SessionUser>(
        `SELECT ${USER_COLUMNS}, false AS "readOnly" FROM sessions AS s JOIN users AS u ON u.id = s.user_id
          WHERE s.token_hash = $1 AND s.expires_at > now()`,
        [tokenHash],
      );
      return rows[0];
    },
    /** A display token acts as a read-only leader with its creator's communities. */
    async userForDisplayToken(tokenHash: string): Promise<SessionUser | undefined> {
      const { rows } = await pool.query<SessionUser>(
        `SELECT ${USER_COLUMNS}, true AS "readOnly" FROM display_tokens AS t JOIN users AS u ON u.id = t.user_id
          WHERE t.token_hash = $1 AND t.revoked_at IS NULL`,
        [tokenHash],
      );
      const user = rows[0];
      return user && { ...user, role: 'leader' };
    },
    async list(): Promise<SessionUser[]> {
      const { rows } = await pool.query<SessionUser>(`SELECT ${USER_COLUMNS}, false AS "readOnly" FROM users AS u ORDER BY u.id`);
      return rows;
    },
    /** Creates a user with their communities, all or nothing; says why when it cannot. */
    async create(user: { username: string; displayName: string; passwordHash: string; role: string; communityIds: number[] }): Promise<
      { outcome: 'created'; id: number } | { outcome: 'username_taken' } | { outcome: 'unknown_communities'; ids: number[] }
    > {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const unknown = await client.query<{ id: number }>(
          `SELECT wanted.id FROM unnest($1::int[]) AS wanted (id) WHERE NOT EXISTS (SELECT 1 FROM areas WHERE areas.id = wanted.id AND areas.level = 'community') ORDER BY wanted.id`,
          [user.communityIds],
        );
        if (unknown.rows.length > 0) {
          await client.query('ROLLBACK');
          return { outcome: 'unknown_communities', ids: unknown.rows.map((row) => row.id) };
        }
        const { rows } = await client.query<{ id: number }>(
          `INSERT INTO users (username, display_name, password_hash, role) VALUES ($1, $2, $3, $4) ON CONFLICT (username) DO NOTHING RETURNING id`,
          [user.username, user.displayName, user.passwordHash, user.role],
        );
        if (rows.length === 0) {
          await client.query('ROLLBACK');
          return { outcome: 'username_taken' };
        }
        await client.query(`INSERT INTO user_communities (user_id, community_id) SELECT $1, unnest($2::int[])`, [rows[0].id, user.communityIds]);
        await client.query('COMMIT');
        return { outcome: 'created', id: rows[0].id };
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async listDisplayTokens(user: SessionUser) {
      const { rows } = await pool.query(
        `SELECT t.id, t.label, t.purpose, u.username AS "createdBy", t.created_at AS "createdAt", t.revoked_at AS "revokedAt"
           FROM display_tokens AS t JOIN users AS u ON u.id = t.user_id
          WHERE $1::boolean OR t.user_id = $2 ORDER BY t.id`,
        [user.role === 'admin', user.id],
      );
      return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString(), revokedAt: row.revokedAt?.toISOString() ?? null }));
    },
    async createDisplayToken(userId: number, label: string, tokenHash: string, purpose: TokenPurpose): Promise<number> {
      const { rows } = await pool.query<{ id: number }>(`INSERT INTO display_tokens (user_id, label, token_hash, purpose) VALUES ($1, $2, $3, $4) RETURNING id`, [
        userId,
        label,
        tokenHash,
        purpose,
      ]);
      return rows[0].id;
    },
    /** Revokes a token the user made (admins: any); false when there is none to revoke. */
    async revokeDisplayToken(user: SessionUser, id: number): Promise<boolean> {
      const { rowCount } = await pool.query(
        `UPDATE display_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL AND ($2::boolean OR user_id = $3)`,
        [id, user.role === 'admin', user.id],
      );
      return rowCount === 1;
    },
  };
}
