import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import pg from 'pg';
const db = await PGlite.create();
const srv = new PGLiteSocketServer({ db, port: 0, maxConnections: 10 });
await srv.start();
const port = srv.port ?? srv.getServerConn().split(':')[1];
console.log('port', srv.getServerConn());
const pool = new pg.Pool({ connectionString: `postgres://postgres@${srv.getServerConn()}/postgres`, max: 8 });
let bad = 0, err = 0;
await Promise.all(Array.from({ length: 400 }, async (_, i) => {
  try {
    const r = await pool.query(i % 2 ? 'select $1::int as x' : 'select $1::int + 0 as x, $2::text as y', i % 2 ? [i] : [i, 'a']);
    if (r.rows[0].x !== i) bad++;
  } catch (e) { err++; if (err < 3) console.log(e.message); }
}));
console.log({ bad, err });
await pool.end(); await srv.stop(); await db.close();
