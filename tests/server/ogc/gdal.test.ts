import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpSession, startServerProcess, type ServerProcess } from '../../helpers/server-process.ts';
import { testBackend } from '../../helpers/test-database.ts';

// What a city's GIS staff do: point GDAL (QGIS reads through it too) at /ogc with a token, list the
// collections, and copy each one to a GeoPackage. Needs Debian's gdal-bin: .ci/run installs it and sets
// REQUIRE_GDAL=1, so there a missing ogr2ogr fails instead of skipping.

const run = promisify(execFile);
const hasGdal = (() => {
  try {
    return fs.statSync('/usr/bin/ogr2ogr').isFile();
  } catch {
    return false;
  }
})();
if (process.env.REQUIRE_GDAL === '1' && !hasGdal) throw new Error('REQUIRE_GDAL=1 but /usr/bin/ogr2ogr is missing: apt-get install -y gdal-bin');

const COLLECTIONS = ['communities', 'grids', 'compounds', 'buildings', 'service-points', 'volunteer-teams', 'incidents', 'patrols'];

describe.skipIf(!hasGdal)(`GDAL reads /ogc (${testBackend()})`, () => {
  let server: ServerProcess;
  let token: string;
  let folder: string;
  let gdalEnv: NodeJS.ProcessEnv;

  beforeAll(async () => {
    server = await startServerProcess();
    const analyst = await httpSession(server.baseUrl, 'analyst');
    const made = await analyst('/api/display-tokens', { method: 'POST', json: { label: 'GDAL', purpose: 'gis' }, headers: { origin: server.baseUrl } });
    expect(made.status).toBe(201);
    token = ((await made.json()) as { token: string }).token;
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'gridatlas-gdal-'));
    // GDAL sends the token as a header, as desktop GIS is configured to.
    gdalEnv = { ...process.env, GDAL_HTTP_HEADERS: `Authorization: Bearer ${token}`, CPL_DEBUG: 'OFF' };
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  /** How many features the API reports for a collection: numberMatched, or every page counted. */
  async function apiCount(id: string): Promise<number> {
    let url: string | undefined = `${server.baseUrl}/ogc/collections/${id}/items?limit=5000`;
    let total = 0;
    while (url) {
      const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      // A busy server says when to come back (503 + Retry-After); a client does as told.
      if (response.status === 503 && Number(response.headers.get('retry-after')) > 0) {
        await response.arrayBuffer();
        await new Promise((resolve) => setTimeout(resolve, Number(response.headers.get('retry-after')) * 1000));
        continue;
      }
      const page = (await response.json()) as { numberMatched?: number; numberReturned: number; links: { rel: string; href: string }[] };
      expect(response.status, `${url}: ${JSON.stringify(page).slice(0, 300)}`).toBe(200);
      if (page.numberMatched !== undefined) return page.numberMatched;
      total += page.numberReturned;
      url = page.links.find((link) => link.rel === 'next')?.href;
    }
    return total;
  }

  it('ogrinfo lists every collection', { timeout: 60_000 }, async () => {
    const { stdout } = await run('ogrinfo', ['-ro', '-q', `OAPIF:${server.baseUrl}/ogc`], { env: gdalEnv });
    for (const id of COLLECTIONS) expect(stdout).toMatch(new RegExp(`\\d+: ${id} \\(title: `));
    expect(stdout).toContain('网格 Grids');
  });

  it('ogr2ogr copies each collection to a GeoPackage with every feature of every page, Chinese names intact', { timeout: 600_000 }, async () => {
    const gpkg = path.join(folder, 'gridatlas.gpkg');
    await run('ogr2ogr', ['-f', 'GPKG', gpkg, `OAPIF:${server.baseUrl}/ogc`, ...COLLECTIONS], { env: gdalEnv, maxBuffer: 16 * 1024 * 1024 });
    for (const id of COLLECTIONS) {
      const { stdout } = await run('ogrinfo', ['-ro', '-so', gpkg, id]);
      const copied = Number(/Feature Count: (\d+)/.exec(stdout)?.[1]);
      expect(copied, id).toBe(await apiCount(id));
      expect(copied, id).toBeGreaterThan(0);
    }
    // More than one page of buildings (1,268) and incidents: the copy followed the next links.
    const { stdout: buildings } = await run('ogrinfo', ['-ro', '-so', gpkg, 'buildings']);
    expect(Number(/Feature Count: (\d+)/.exec(buildings)?.[1])).toBeGreaterThan(1000);

    const analyst = await httpSession(server.baseUrl, 'analyst');
    const api = (await (await analyst('/api/grids?limit=5000')).json()) as { features: { id: number; properties: { name: string; households: number } }[] };
    const { stdout } = await run('ogrinfo', ['-ro', '-q', gpkg, '-sql', 'SELECT id, name, households FROM grids ORDER BY id']);
    for (const grid of api.features) {
      expect(stdout, `grid ${grid.id}`).toContain(`name (String) = ${grid.properties.name}`);
    }
    expect(api.features.every((grid) => /[\u4e00-\u9fff]/.test(grid.properties.name))).toBe(true);
  });

  it('opens the GeoPackage exports of grids and incidents without a warning, every feature and Chinese names intact', { timeout: 120_000 }, async () => {
    const analyst = await httpSession(server.baseUrl, 'analyst');
    for (const [id, url] of [['grids', '/api/grids/export?format=gpkg'], ['incidents', '/api/incidents/export?format=gpkg']]) {
      const response = await analyst(url);
      expect(response.status, url).toBe(200);
      const file = path.join(folder, `${id}-export.gpkg`);
      fs.writeFileSync(file, Buffer.from(await response.arrayBuffer()));
      const { stdout, stderr } = await run('ogrinfo', ['-ro', '-so', file, id]);
      expect(stderr, id).toBe('');
      expect(stdout).toMatch(/Geometry: (Polygon|Point)/);
      expect(Number(/Feature Count: (\d+)/.exec(stdout)?.[1]), id).toBe(await apiCount(id));
    }
    const { stdout } = await run('ogrinfo', ['-ro', '-q', path.join(folder, 'grids-export.gpkg'), '-sql', "SELECT name FROM grids WHERE name LIKE '桃园社区%'"]);
    expect(stdout).toContain('name (String) = 桃园社区第1网格');
  });
});
