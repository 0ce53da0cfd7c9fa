// `npm run bench -- <name> [options]`: runs one benchmark of scripts/bench/ (default: incident-search).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const name = process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : 'incident-search';
const file = path.join(path.dirname(fileURLToPath(import.meta.url)), `${name}.ts`);
await import(file);
