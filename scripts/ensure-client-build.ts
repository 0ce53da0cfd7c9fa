// Builds the client (client/ → client/dist) when it is missing or older than its sources; `npm start` runs this first.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const clientRoot = path.join(repositoryRoot, 'client');
const builtIndex = path.join(clientRoot, 'dist', 'index.html');
const SOURCES = ['src', 'index.html', 'vite.config.ts', 'public'].map((name) => path.join(clientRoot, name));
// The client imports the domain vocabularies, so a change there needs a rebuild too.
SOURCES.push(path.join(repositoryRoot, 'server', 'domain'));

function newestModification(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestModification(path.join(target, entry)));
  return newest;
}

export async function ensureClientBuild({ force = false } = {}): Promise<'built' | 'up to date'> {
  const builtAt = fs.existsSync(builtIndex) ? fs.statSync(builtIndex).mtimeMs : 0;
  const sourcesAt = Math.max(...SOURCES.map(newestModification));
  if (!force && builtAt > 0 && builtAt >= sourcesAt) {
    console.log('[client] client/dist is up to date');
    return 'up to date';
  }
  console.log(builtAt === 0 ? '[client] client/dist is missing: building the client (about 30-60 s)…' : '[client] client sources changed: rebuilding the client (about 30-60 s)…');
  const started = Date.now();
  const { build } = await import('vite');
  await build({ configFile: path.join(clientRoot, 'vite.config.ts'), logLevel: 'info' });
  console.log(`[client] built client/dist in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 'built';
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureClientBuild({ force: process.argv.includes('--force') }).catch((error: unknown) => {
    console.error('[client] the client build failed:', error);
    process.exit(1);
  });
}
