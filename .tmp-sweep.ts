import { generateCity } from './scripts/geodata/generate.ts';
let fails = 0; const stats: string[] = [];
const start = Number(process.argv[2] ?? 1), end = Number(process.argv[3] ?? 60);
for (let seed = start; seed <= end; seed++) {
  try {
    const city = generateCity(seed);
    const gridHh: number[] = []; let tb = 0; let taoyuanHh = 0;
    for (const t of city.towns) for (const c of t.communities) for (const g of c.grids) {
      const hh = g.blocks.flatMap(b => b.compounds.flatMap(x => x.buildings)).reduce((s, b) => s + b.households, 0);
      gridHh.push(hh);
      if (t.plan.key === 'tongbai') tb += g.blocks.flatMap(b => b.compounds.flatMap(x => x.buildings)).reduce((s, b) => s + b.residents, 0);
      if (c.plan.name === '桃园社区') taoyuanHh += hh;
    }
    const out = gridHh.filter(h => h < 300 || h > 500).length;
    stats.push(`${seed}: grids ${gridHh.length} min ${Math.min(...gridHh)} max ${Math.max(...gridHh)} outside ${out} tongbaiRes ${tb} taoyuanHh ${taoyuanHh}`);
  } catch (e) { fails++; stats.push(`${seed}: FAIL ${(e as Error).message}`); }
}
console.log(stats.join('\n')); console.log('fails', fails);
