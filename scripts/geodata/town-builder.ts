// Builds one generated town from its plan: street lattice, blocks, compounds and buildings, grids, service points.
// Everything is in the town's local metric frame; positions are converted to rounded WGS84 exactly once per vertex.

import { SeededRandom } from '#domain/random.ts';
import type { RoadClass, ServicePointKind } from '#domain/vocabulary.ts';
import { BUILDING_STYLES, type BuildingStyle, type BuildingStyleName } from './building-styles.ts';
import {
  type BlockFrame,
  type PlannedBuilding,
  blockFrame,
  buildableCore,
  freeSpot,
  planBuildings,
  splitIntoLots,
} from './compound-layout.ts';
import { apportionWithCaps } from './apportion.ts';
import { partitionIntoRuns } from './grid-partition.ts';
import { TownFrame } from './local-frame.ts';
import { CompoundNames, chineseNumeral, shuffled } from './names.ts';
import { type Point2, add, centroid, insideConvex, length, polygonArea, scale, subtract } from './plane-geometry.ts';
import {
  type LatticeCell,
  type RoadPolyline,
  type StreetLattice,
  type TracedRing,
  buildStreetLattice,
  roadPolylines,
  traceOutline,
} from './street-network.ts';
import type { CommunityPlan, FacilityPlan, TownPlan } from './town-plans.ts';

/** Buildable area a block needs per lot (compound or service lot), m²; caps how many compounds a block takes. */
const AREA_PER_LOT = 3200;

/** Households a grid should hold (the common 300-500 guidance, aimed at its middle). */
export const GRID_TARGET_HOUSEHOLDS = 400;

export type LonLat = [number, number];

export interface BuiltBuilding extends PlannedBuilding {
  code: string;
  name: string;
  ring: LonLat[];
}

export interface BuiltCompound {
  code: string;
  name: string;
  kind: BuildingStyle['kind'];
  builtYear: number;
  gridCode: string;
  lot: Point2[];
  ring: LonLat[];
  buildings: BuiltBuilding[];
}

export interface BuiltBlock {
  code: string;
  cells: LatticeCell[];
  ring: LonLat[];
  compounds: BuiltCompound[];
}

export interface BuiltGrid {
  code: string;
  name: string;
  partyBranch: string;
  ring: LonLat[];
  blocks: BuiltBlock[];
}

export interface BuiltServicePoint {
  code: string;
  name: string;
  kind: ServicePointKind;
  position: LonLat;
}

export interface BuiltCommunity {
  plan: CommunityPlan;
  ring: LonLat[];
  blocks: BuiltBlock[];
  grids: BuiltGrid[];
  servicePoints: BuiltServicePoint[];
}

export interface BuiltRoad {
  code: string;
  name: string;
  roadClass: RoadClass;
  line: LonLat[];
}

export interface BuiltTown {
  plan: TownPlan;
  ring: LonLat[];
  communities: BuiltCommunity[];
  roads: BuiltRoad[];
}

/** A 32-bit seed for one named random stream, so that each part of a town draws from its own sequence. */
export function streamSeed(seed: number, ...labels: string[]): number {
  let hash = 0x811c9dc5;
  for (const character of `${seed}|${labels.join('|')}`) {
    hash ^= character.codePointAt(0) as number;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

const closedRing = (vertices: { lonLat: LonLat }[]): LonLat[] => {
  const ring = vertices.map((vertex) => vertex.lonLat);
  return [...ring, ring[0]];
};

type LotPurpose = { type: 'compound'; index: number } | { type: 'centre' } | { type: 'facility'; facility: FacilityPlan } | { type: 'other' };

interface CompoundDraft {
  styleName: BuildingStyleName;
  style: BuildingStyle;
  targetHouseholds: number;
  fixedName?: string;
}

interface BlockDraft {
  code: string;
  cells: LatticeCell[];
  outline: TracedRing;
  core: Point2[];
  frame: BlockFrame;
  extras: LotPurpose[];
  drafts: CompoundDraft[];
  lots: { purpose: LotPurpose; ring: Point2[] }[];
  compounds: { draft: CompoundDraft; lot: Point2[]; buildings: PlannedBuilding[] }[];
}

const ROAD_RANK: Record<RoadClass, number> = { primary: 3, secondary: 2, residential: 1 };

function mainRoadName(outline: TracedRing): string {
  let best: { name: string; rank: number } | null = null;
  for (const edge of outline.segmentEdges) {
    if (edge.road && (!best || ROAD_RANK[edge.road.roadClass] > best.rank)) best = { name: edge.road.name, rank: ROAD_RANK[edge.road.roadClass] };
  }
  return (best as { name: string }).name;
}

function cellWidth(lattice: StreetLattice, column: number, row: number): number {
  const bottom = length(subtract(lattice.node(column + 1, row).point, lattice.node(column, row).point));
  const top = length(subtract(lattice.node(column + 1, row + 1).point, lattice.node(column, row + 1).point));
  return (bottom + top) / 2;
}

/** Leaves out some residential lane segments inside communities, joining cells into wider blocks. */
function leaveOutLanes(plan: TownPlan, lattice: StreetLattice, random: SeededRandom): void {
  for (const community of plan.communities) {
    const cells = (community.columns[1] - community.columns[0] + 1) * (community.rows[1] - community.rows[0] + 1);
    const fewestBlocks = (community.gridCount ?? 1) + 2;
    let blocks = cells;
    for (let row = community.rows[0]; row <= community.rows[1]; row++) {
      let runWidth = cellWidth(lattice, community.columns[0], row);
      for (let column = community.columns[0] + 1; column <= community.columns[1]; column++) {
        const roll = random.next();
        const width = cellWidth(lattice, column, row);
        const lane = plan.verticalRoads[column].class === 'residential';
        if (lane && roll < plan.laneRemovalChance && runWidth + width <= plan.maximumBlockWidth && blocks - 1 >= fewestBlocks) {
          lattice.verticalEdge(column, row).road = null;
          runWidth += width;
          blocks -= 1;
        } else {
          runWidth = width;
        }
      }
    }
  }
}

/** The community's blocks in snake order: rows from the south, alternately west→east and east→west. */
function communityBlocks(community: CommunityPlan, lattice: StreetLattice): LatticeCell[][] {
  const blocks: LatticeCell[][] = [];
  for (let row = community.rows[0]; row <= community.rows[1]; row++) {
    const runs: LatticeCell[][] = [];
    for (let column = community.columns[0]; column <= community.columns[1]; column++) {
      if (column === community.columns[0] || lattice.verticalEdge(column, row).road) runs.push([]);
      runs[runs.length - 1].push({ column, row });
    }
    if ((row - community.rows[0]) % 2 === 1) runs.reverse();
    blocks.push(...runs);
  }
  return blocks;
}

function draftCompounds(community: CommunityPlan, random: SeededRandom): CompoundDraft[] {
  const drafts: CompoundDraft[] = (community.namedCompounds ?? []).map((named) => ({
    styleName: named.style,
    style: BUILDING_STYLES[named.style],
    targetHouseholds: named.households,
    fixedName: named.name,
  }));
  const styleNames = Object.keys(community.styles) as BuildingStyleName[];
  const weights = styleNames.map((name) => community.styles[name] as number);
  while (drafts.length < community.compounds) {
    const styleName = styleNames[random.weightedIndex(weights)];
    const style = BUILDING_STYLES[styleName];
    drafts.push({ styleName, style, targetHouseholds: random.integer(style.households[0], style.households[1]) });
  }
  return shuffled(drafts, random);
}

function lotWeight(purpose: LotPurpose, drafts: CompoundDraft[], meanHouseholds: number): number {
  switch (purpose.type) {
    case 'compound':
      return Math.max(0.6, Math.min(2.2, drafts[purpose.index].targetHouseholds / meanHouseholds));
    case 'centre':
      return 0.45;
    case 'facility':
      return 1.1;
    case 'other':
      return 0.9;
  }
}

export function buildTown(plan: TownPlan, seed: number): BuiltTown {
  const stream = (label: string) => new SeededRandom(streamSeed(seed, plan.key, label));
  const frame = new TownFrame(plan.centre.longitude, plan.centre.latitude);
  const lattice = buildStreetLattice(plan, stream('lattice'), frame);
  leaveOutLanes(plan, lattice, stream('lanes'));

  const lotRandom = stream('lots');
  const buildingRandom = stream('buildings');
  const names = new CompoundNames(
    stream('names'),
    plan.compoundNamePrefixes,
    plan.communities.flatMap((community) => (community.namedCompounds ?? []).map((named) => named.name)),
  );

  const communities: BuiltCommunity[] = plan.communities.map((community) => {
    const cellsOfBlocks = communityBlocks(community, lattice);
    const blocks: BlockDraft[] = cellsOfBlocks.map((cells, index) => {
      const outline = traceOutline(lattice, cells);
      const { column: firstColumn, row } = cells[0];
      const lastColumn = cells[cells.length - 1].column;
      return {
        code: `${community.code}-B${String(index + 1).padStart(2, '0')}`,
        cells,
        outline,
        core: buildableCore(outline),
        frame: blockFrame(lattice.node(firstColumn, row).point, lattice.node(lastColumn + 1, row).point),
        extras: [],
        drafts: [],
        lots: [],
        compounds: [],
      };
    });

    // Service lots: the community centre near the middle of the snake, own lots (square, garden) next to it.
    const middle = Math.floor(blocks.length / 2);
    blocks[middle].extras.push({ type: 'centre' });
    community.facilities
      .filter((facility) => facility.placement === 'own_lot')
      .forEach((facility, index) => blocks[(middle + 1 + index) % blocks.length].extras.push({ type: 'facility', facility }));
    for (const block of blocks) if (lotRandom.chance(plan.otherLotChance)) block.extras.push({ type: 'other' });

    // Grids first: runs of consecutive blocks (snake order) with about equal room for compounds, as many as make
    // about 400 households each unless the article fixes the number.
    const drafts = draftCompounds(community, lotRandom);
    const meanHouseholds = drafts.reduce((sum, draft) => sum + draft.targetHouseholds, 0) / drafts.length;
    const capacities = blocks.map(compoundCapacity);
    const totalCapacity = capacities.reduce((sum, capacity) => sum + capacity, 0);
    const gridCount =
      community.gridCount ?? Math.max(1, Math.min(blocks.length, Math.round((meanHouseholds * drafts.length) / GRID_TARGET_HOUSEHOLDS)));
    const runs = partitionIntoRuns(capacities, totalCapacity / gridCount, gridCount);
    const runCapacities = runs.map((run) => run.reduce((sum, blockIndex) => sum + capacities[blockIndex], 0));
    if (runCapacities.some((capacity) => capacity === 0)) throw new Error(`${community.name}: a grid without room for compounds`);
    const compoundsPerGrid = apportionWithCaps(drafts.length, runCapacities, runCapacities, 1);

    // Compounds to grids, largest first, each to the grid furthest below its share of the households. The shares
    // differ a little on purpose (0.75-1.3 of the mean), so that some grids end up outside the 300-500 norm.
    const shares = runs.map(() => lotRandom.between(0.75, 1.3));
    const loads = runs.map(() => 0);
    const gridDrafts: CompoundDraft[][] = runs.map(() => []);
    const largestFirst = drafts.map((draft, index) => ({ draft, index })).sort((a, b) => b.draft.targetHouseholds - a.draft.targetHouseholds || a.index - b.index);
    for (const { draft } of largestFirst) {
      let chosen = -1;
      runs.forEach((_, gridIndex) => {
        if (gridDrafts[gridIndex].length >= compoundsPerGrid[gridIndex]) return;
        if (chosen < 0 || loads[gridIndex] / shares[gridIndex] < loads[chosen] / shares[chosen]) chosen = gridIndex;
      });
      gridDrafts[chosen].push(draft);
      loads[chosen] += draft.targetHouseholds;
    }

    // Within a grid, compounds to its blocks in proportion to their room; then lots and buildings.
    runs.forEach((run, gridIndex) => {
      const own = shuffled(gridDrafts[gridIndex], lotRandom);
      const perBlock = apportionWithCaps(
        own.length,
        run.map((blockIndex) => capacities[blockIndex]),
        run.map((blockIndex) => capacities[blockIndex]),
        own.length >= run.length ? 1 : 0,
      );
      let next = 0;
      run.forEach((blockIndex, position) => {
        blocks[blockIndex].drafts = own.slice(next, next + perBlock[position]);
        next += perBlock[position];
      });
    });
    for (const block of blocks) {
      const purposes: LotPurpose[] = shuffled(
        [...block.drafts.map((_, draftIndex): LotPurpose => ({ type: 'compound', index: draftIndex })), ...block.extras],
        lotRandom,
      );
      const rings = splitWeightedOrEvenly(
        block,
        purposes.map((purpose) => lotWeight(purpose, block.drafts, meanHouseholds)),
      );
      block.lots = purposes.map((purpose, lotIndex) => ({ purpose, ring: rings[lotIndex] }));
      for (const lot of block.lots) {
        if (lot.purpose.type !== 'compound') continue;
        const draft = block.drafts[lot.purpose.index];
        block.compounds.push({ draft, lot: lot.ring, buildings: planBuildings(lot.ring, block.frame.along, draft.style, draft.targetHouseholds, buildingRandom) });
      }
    }

    const gridOfBlock = new Map<number, number>();
    runs.forEach((run, gridIndex) => run.forEach((blockIndex) => gridOfBlock.set(blockIndex, gridIndex)));
    const gridCode = (gridIndex: number) => `${community.code}-G${String(gridIndex + 1).padStart(2, '0')}`;

    // Names and codes, in snake order so that numbering runs through the community.
    let compoundNumber = 0;
    const builtBlocks: BuiltBlock[] = blocks.map((block, blockIndex) => ({
      code: block.code,
      cells: block.cells,
      ring: closedRing(block.outline.vertices),
      compounds: block.compounds.map(({ draft, lot, buildings }) => {
        compoundNumber += 1;
        const code = `${community.code}-C${String(compoundNumber).padStart(2, '0')}`;
        let name: string;
        if (draft.fixedName) name = draft.fixedName;
        else if (community.numberedCourtyardPrefix) name = `${community.numberedCourtyardPrefix}${chineseNumeral(compoundNumber)}号院`;
        else if (draft.style.kind === 'courtyard') name = names.numberedOnRoad(mainRoadName(block.outline));
        else if (draft.style.kind === 'work_unit_compound') name = names.workUnitCompound();
        else name = names.residentialCompound();
        return {
          code,
          name,
          kind: draft.style.kind,
          builtYear: lotRandom.integer(draft.style.builtYear[0], draft.style.builtYear[1]),
          gridCode: gridCode(gridOfBlock.get(blockIndex) as number),
          lot,
          ring: closedRing(lot.map((point) => ({ lonLat: frame.toLonLat(point) }))),
          buildings: buildings.map((building, buildingIndex) => ({
            ...building,
            code: `${code}-${String(buildingIndex + 1).padStart(2, '0')}`,
            name: `${buildingIndex + 1}号楼`,
            ring: closedRing(building.footprint.map((point) => ({ lonLat: frame.toLonLat(point) }))),
          })),
        };
      }),
    }));

    const grids: BuiltGrid[] = runs.map((run, gridIndex) => {
      const name = `${community.name}第${gridIndex + 1}网格`;
      return {
        code: gridCode(gridIndex),
        name,
        partyBranch: `${name}党支部`,
        ring: closedRing(traceOutline(lattice, run.flatMap((blockIndex) => blocks[blockIndex].cells)).vertices),
        blocks: run.map((blockIndex) => builtBlocks[blockIndex]),
      };
    });

    const allCells = blocks.flatMap((block) => block.cells);
    return {
      plan: community,
      ring: closedRing(traceOutline(lattice, allCells).vertices),
      blocks: builtBlocks,
      grids,
      servicePoints: placeServicePoints(community, blocks, builtBlocks, frame, lotRandom),
    };
  });

  const allCells: LatticeCell[] = [];
  for (let column = 0; column < lattice.columns; column++) for (let row = 0; row < lattice.rows; row++) allCells.push({ column, row });
  const covered = new Set(plan.communities.flatMap((community) => cellsOf(community).map((cell) => `${cell.column},${cell.row}`)));
  if (covered.size !== allCells.length) throw new Error(`${plan.key}: the communities do not cover the lattice exactly`);

  return {
    plan,
    ring: closedRing(traceOutline(lattice, allCells).vertices),
    communities,
    roads: roadPolylines(lattice).map((road: RoadPolyline, index) => ({
      code: `${plan.streetCode}-R${String(index + 1).padStart(2, '0')}`,
      name: road.name,
      roadClass: road.roadClass,
      line: road.vertices.map((vertex) => vertex.lonLat),
    })),
  };
}

function cellsOf(community: CommunityPlan): LatticeCell[] {
  const cells: LatticeCell[] = [];
  for (let column = community.columns[0]; column <= community.columns[1]; column++) {
    for (let row = community.rows[0]; row <= community.rows[1]; row++) cells.push({ column, row });
  }
  return cells;
}

/** Most lots a block could be cut into (equal lots), at most 12. */
function lotCapacity(block: BlockDraft): number {
  let capacity = 0;
  for (let count = 1; count <= 12; count++) {
    try {
      splitIntoLots(block.core, block.frame, new Array(count).fill(1));
      capacity = count;
    } catch {
      break;
    }
  }
  return capacity;
}

/**
 * How many compounds a block can take besides its service lots: what its core can be cut into, and no more than
 * one lot per AREA_PER_LOT. A block too small for its extra lots loses the optional "other" lot first.
 */
function compoundCapacity(block: BlockDraft): number {
  const lots = Math.min(lotCapacity(block), Math.floor(polygonArea(block.core) / AREA_PER_LOT));
  while (block.extras.length > lots && block.extras.some((extra) => extra.type === 'other')) {
    block.extras.splice(block.extras.findIndex((extra) => extra.type === 'other'), 1);
  }
  if (block.extras.length > lots) throw new Error(`block ${block.code} is too small for its service lots`);
  return lots - block.extras.length;
}

/** Lots sized by weight; when that leaves a lot too small, equal lots (which the capacity check guarantees). */
function splitWeightedOrEvenly(block: BlockDraft, weights: number[]): Point2[][] {
  try {
    return splitIntoLots(block.core, block.frame, weights);
  } catch {
    return splitIntoLots(block.core, block.frame, new Array(weights.length).fill(1));
  }
}

function placeServicePoints(
  community: CommunityPlan,
  blocks: BlockDraft[],
  builtBlocks: BuiltBlock[],
  frame: TownFrame,
  random: SeededRandom,
): BuiltServicePoint[] {
  const points: BuiltServicePoint[] = [];
  const compounds = builtBlocks.flatMap((block) => block.compounds);
  const hosts = new Set<string>();
  const taken: Point2[] = [];
  const centreLot = blocks.flatMap((block) => block.lots.map((lot) => ({ lot, block }))).find(({ lot }) => lot.purpose.type === 'centre');
  if (!centreLot) throw new Error(`${community.name} has no service lot`);
  let centreCount = 0;

  for (const facility of community.facilities) {
    let position: Point2;
    let name = facility.name;
    if (facility.placement === 'centre') {
      // Several services share the community centre lot, a few metres apart along the block.
      const offsets = [0, 16, -16, 32, -32];
      const centre = centroid(centreLot.lot.ring);
      const along = centreLot.block.frame.along;
      const candidate = add(centre, scale(along, offsets[centreCount % offsets.length]));
      position = insideConvex(centreLot.lot.ring, candidate, 4) ? candidate : freeSpot(centreLot.lot.ring, [], taken, 8);
      centreCount += 1;
    } else if (facility.placement === 'own_lot') {
      const own = blocks.flatMap((block) => block.lots).find((lot) => lot.purpose.type === 'facility' && lot.purpose.facility === facility);
      if (!own) throw new Error(`${facility.name} has no lot`);
      position = centroid(own.ring);
    } else {
      const candidates = compounds.filter((compound) => !hosts.has(compound.code) && compound.kind === 'residential_compound');
      const host = facility.compoundName
        ? compounds.find((compound) => compound.name === facility.compoundName)
        : candidates[random.integer(0, candidates.length - 1)];
      if (!host) throw new Error(`no compound for ${facility.name} in ${community.name}`);
      hosts.add(host.code);
      name = name.replace('{compound}', host.name);
      position = freeSpot(
        host.lot,
        host.buildings.map((building) => building.footprint),
        taken,
      );
    }
    taken.push(position);
    points.push({
      code: `${community.code}-P${String(points.length + 1).padStart(2, '0')}`,
      name,
      kind: facility.kind,
      position: frame.toLonLat(position),
    });
  }
  return points;
}
