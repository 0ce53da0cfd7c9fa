// geodata/README.md, written by the generator so that its counts are always those of the files beside it.

import type { BuiltCommunity, BuiltTown } from './town-builder.ts';

export interface FileSummary {
  file: string;
  contents: string;
  count: number;
  countNote?: string;
}

export interface TownSummary {
  town: BuiltTown;
  staff: number;
  volunteerTeams: number;
  volunteers: number;
}

/** 22000 → "22,000" (written out by hand so the text does not depend on the runtime's locale data). */
const number = (value: number) => String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

function communityTotals(community: BuiltCommunity) {
  const compounds = community.blocks.flatMap((block) => block.compounds);
  const buildings = compounds.flatMap((compound) => compound.buildings);
  const gridHouseholds = community.grids.map((grid) =>
    grid.blocks.flatMap((block) => block.compounds.flatMap((compound) => compound.buildings)).reduce((sum, building) => sum + building.households, 0),
  );
  return {
    blocks: community.blocks.length,
    grids: community.grids.length,
    compounds: compounds.length,
    buildings: buildings.length,
    households: buildings.reduce((sum, building) => sum + building.households, 0),
    residents: buildings.reduce((sum, building) => sum + building.residents, 0),
    elderly: buildings.reduce((sum, building) => sum + building.elderlyResidents, 0),
    gridHouseholds,
  };
}

export function readmeText(seed: number, files: FileSummary[], towns: TownSummary[]): string {
  const lines: string[] = [];
  const push = (...text: string[]) => lines.push(...text);

  push(
    '# geodata: the demo city',
    '',
    '> **Demo data, generated.** Every position below county level in these files (towns, communities, grids,',
    '> roads, blocks, compounds, buildings, service points) is invented, and only approximately near the real',
    '> places it is named after. Household and resident numbers, staff and volunteer names are invented too.',
    '',
    'This file is written by `scripts/generate-geodata.ts` together with the data; do not edit it by hand.',
    '',
    '## What is real',
    '',
    '- `nanyang-counties.geojson`: the 13 county-level units of Nanyang (南阳市, adcode 411300), WGS84, simplified',
    '  (about 100-200 vertices per county), boundaries as of roughly 2017-2021. Source: the R package',
    '  xmc811/mapchina (`data/china.rda`), whose data was originally queried from OpenStreetMap and manually',
    '  corrected in QGIS. Licence: ODbL 1.0. Attribution to show wherever it is drawn or shipped:',
    '  **"Boundaries © OpenStreetMap contributors (ODbL 1.0), via mapchina"**. It is copied here unchanged and is',
    "  the generator's input. The city and district polygons in `areas.geojson` are derived from it (the city is",
    '  the union of the counties; rings are re-wound counter-clockwise as RFC 7946 asks) and carry the same licence',
    '  and attribution.',
    '- The anchor points the towns are generated around (approximate, 1-3 km; the exact positions of 桃园社区,',
    '  县衙社区, 大同街社区, 豫南花园 and 西关社区 are not public in any source found):',
    '',
    '| town | anchor | WGS84 | source | generated centre |',
    '|---|---|---|---|---|',
  );
  for (const { town } of towns) {
    const { anchor, centre } = town.plan;
    push(
      `| ${town.plan.streetName} (${town.plan.streetCode}) | ${anchor.name} | ${anchor.longitude}, ${anchor.latitude} | ${anchor.source} | ${centre.longitude}, ${centre.latitude}${centre.note ? ` (${centre.note})` : ''} |`,
    );
  }
  push(
    '',
    'The names of the three towns and of 桃园社区, 县衙社区, 大同街社区, 西关社区 and 豫南花园 are real, and so are the',
    "counts the source article gives (23 courtyards in 7 grids and 86 grid staff in 桃园社区; 5 grids, 10+ volunteer",
    'teams and a 51-member blue-sky rescue team in 10 squads in 县衙社区; 162 compounds, 43 volunteer teams and',
    '22,000 volunteers in 桐柏县城关镇). Everything else is made up.',
    '',
    '## How it is generated',
    '',
    'Each town is built in a local metric frame (equirectangular around its centre, with the WGS84 metres per',
    'degree at that latitude) and converted to WGS84 at the end, every coordinate rounded to 7 decimals (about',
    '1 cm). A seeded generator (mulberry32, `server/domain/random.ts`) draws every random choice, one stream per',
    'town and purpose; nothing reads the clock or `Math.random`, so the same seed gives byte-identical files.',
    '',
    '**Streets.** A town is a warped lattice of road lines, like a county town or old town: a few primary roads',
    '(some leaning, some gently bowed), secondary roads and residential lanes, with irregular spacing (blocks of',
    'about 150-420 m). Some lane segments inside communities are left out, so neighbouring cells become one wider',
    'block with T-junctions around it. Each lattice edge is one shared list of vertices, converted and rounded once.',
    '',
    '**Areas from blocks.** A block is the area between road centrelines. A community is a rectangle of lattice',
    'cells, a grid is a run of consecutive blocks of its community in snake order, the town is all its cells. Every',
    'outline is traced from the same shared edges (edges used twice cancel), so neighbouring polygons have',
    'identical vertices along common edges, grids partition their community exactly (no gaps, no overlaps) and',
    'the town is exactly the union of its communities. A community\'s grids are chosen before its compounds: runs',
    'of blocks with about equal room, as many as make about 400 households each (桃园社区 and 县衙社区 have the',
    'grid counts of the article); compounds are then dealt to grids, largest first, each to the grid furthest below',
    'its share, and the shares differ a little (0.75-1.3 of the mean) so that some grids fall outside the norm.',
    '',
    '**Compounds and buildings.** Inside each block the buildable core keeps clear of every road centreline by the',
    "road's half-width (primary 12 m, secondary 8 m, residential 4 m) plus 5 m; it is convex and is cut by straight",
    'lines following the block into lots, 8 m apart: compounds, a community service lot, squares or gardens, and',
    'sometimes other land (shops, a school). Buildings are rectangles in rows along the block, at least 3 m inside',
    'their compound and 8 m or more apart; their size follows their stairwells (单元) and units per floor, row',
    'spacing grows with height. Households = floors × units per floor × stairwells; residents = households × 2.4-3.0;',
    'elderly residents (60+) = 15-30 % of residents depending on the age of the compound.',
    '',
    '**Organisation.** Every grid has a grid leader, a full-time grid member, an information officer, a mediator',
    'and a safety officer, plus building heads in proportion to its buildings (the rate comes from 桃园社区: 86',
    'staff in 7 grids). Volunteer teams are the article\'s where it names them; 桐柏城关镇\'s 43 teams and 22,000',
    'volunteers are spread over its communities in proportion to residents; every community has a security',
    'patrol team. Names of people are drawn from fixed lists of surnames and given names.',
    '',
    '## Regenerate',
    '',
    '```sh',
    'npm run generate:geodata                                   # seed 20221, into geodata/',
    'npx tsx scripts/generate-geodata.ts --seed 20221 --out geodata/',
    '```',
    '',
    `These files were generated with seed **${seed}**. \`tests/scripts/generate-geodata.test.ts\` checks that they`,
    'equal a fresh generation, so regenerate after changing the generator.',
    '',
    '## Files',
    '',
    '| file | contents | features |',
    '|---|---|---|',
  );
  for (const file of files) push(`| \`${file.file}\` | ${file.contents} | ${file.countNote ?? number(file.count)} |`);
  push(
    '',
    'Codes are stable strings, unique within their file: areas use adcode-like codes (city 411300, counties by',
    'adcode, towns 9 digits, communities 12 digits); grids `<community>-G01`, blocks `-B01`, compounds `-C01`,',
    'buildings `<compound>-01`, service points `-P01`, staff `-S001`, volunteer teams `-V01`, roads `<town>-R01`.',
    'Vocabularies (levels, kinds, classes, roles) are those of `server/domain/vocabulary.ts`.',
    '',
    '| file | geometry | properties |',
    '|---|---|---|',
    '| `areas.geojson` | MultiPolygon | `code`, `name`, `name_en`, `level` (city, district, street, community), `parent_code` (null for the city) |',
    '| `grids.geojson` | Polygon | `code`, `name`, `community_code`, `party_branch`, `target_households` |',
    '| `roads.geojson` | LineString | `code`, `name`, `class` (primary, secondary, residential), `street_code` |',
    '| `blocks.geojson` | Polygon | `code`, `community_code` |',
    '| `compounds.geojson` | Polygon | `code`, `name`, `kind` (courtyard, residential_compound, work_unit_compound), `community_code`, `grid_code`, `party_group`, `built_year` |',
    '| `buildings.geojson` | Polygon | `code`, `name`, `compound_code`, `community_code`, `grid_code`, `floors`, `households`, `residents`, `elderly_residents` |',
    '| `service_points.geojson` | Point | `code`, `name`, `kind`, `community_code` |',
    '| `organisation.json` | none | `staff`: `code`, `name`, `role`, `community_code`, `grid_code`; `volunteer_teams`: `code`, `name`, `kind`, `community_code`, `member_count`, `squad_count` |',
    '',
    '## Towns',
    '',
    '| town | communities | grids | blocks | compounds | buildings | households | residents | elderly (60+) | staff | volunteer teams | volunteers |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  );
  for (const summary of towns) {
    const totals = summary.town.communities.map(communityTotals);
    const sum = (key: 'blocks' | 'grids' | 'compounds' | 'buildings' | 'households' | 'residents' | 'elderly') =>
      number(totals.reduce((total, community) => total + community[key], 0));
    push(
      `| ${summary.town.plan.streetName} (${summary.town.plan.streetCode}) | ${totals.length} | ${sum('grids')} | ${sum('blocks')} | ${sum('compounds')} | ${sum('buildings')} | ${sum('households')} | ${sum('residents')} | ${sum('elderly')} | ${number(summary.staff)} | ${summary.volunteerTeams} | ${number(summary.volunteers)} |`,
    );
  }
  push('', '## Communities', '', '| code | community | grids | compounds | buildings | households | residents | households per grid |', '|---|---|---|---|---|---|---|---|');
  for (const { town } of towns) {
    for (const community of town.communities) {
      const totals = communityTotals(community);
      push(
        `| ${community.plan.code} | ${community.plan.name} | ${totals.grids} | ${totals.compounds} | ${totals.buildings} | ${number(totals.households)} | ${number(totals.residents)} | ${totals.gridHouseholds.join(', ')} |`,
      );
    }
  }
  push(
    '',
    'Grids aim at 400 households (the common 300-500 guidance for urban grids); some fall outside that range on',
    'purpose, which gives the grid planner something to fix.',
    '',
  );
  return lines.join('\n');
}
