// Writes the demo city's geodata: `tsx scripts/generate-geodata.ts [--seed N] [--out DIR]`.
// Defaults: seed 20221, out geodata/. See geodata/README.md for what is real and what is generated.

import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_SEED, generateGeodata } from './geodata/generate.ts';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: String(DEFAULT_SEED) },
    out: { type: 'string', default: 'geodata' },
  },
});

const seed = Number(values.seed);
if (!Number.isSafeInteger(seed)) {
  console.error(`--seed must be an integer, not "${values.seed}"`);
  process.exit(2);
}
const outputDirectory = path.resolve(values.out as string);
const started = performance.now();
const files = generateGeodata(seed);
fs.mkdirSync(outputDirectory, { recursive: true });

for (const [name, text] of Object.entries(files)) {
  const target = path.join(outputDirectory, name);
  fs.writeFileSync(target, text);
  const features = name.endsWith('.geojson') ? `${(JSON.parse(text) as { features: unknown[] }).features.length} features` : '';
  const organisation = name === 'organisation.json' ? describeOrganisation(text) : '';
  console.log(`${path.relative(process.cwd(), target).padEnd(40)} ${`${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB`.padStart(9)}  ${features}${organisation}`);
}
console.log(`seed ${seed}, ${((performance.now() - started) / 1000).toFixed(1)} s`);

function describeOrganisation(text: string): string {
  const organisation = JSON.parse(text) as { staff: unknown[]; volunteer_teams: unknown[] };
  return `${organisation.staff.length} staff, ${organisation.volunteer_teams.length} volunteer teams`;
}
