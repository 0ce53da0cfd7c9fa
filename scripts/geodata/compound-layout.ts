// Inside a block: the buildable core, the lots (compounds, service lots, other land) and the buildings.
//
// The buildable core is the intersection of the half-planes "at least road half-width + frontage inside each
// boundary segment" of the block; that region is convex, lies inside the block and keeps every point clear of
// the block's road centrelines by the required distance. Lots are that core cut into rows (parallel to the
// block's south edge) and each row into lots (by lines following the core's own sides), with a gap (an internal
// lane or wall) between neighbours, so every lot is convex too.
// Buildings are rectangles in rows along the block's south edge, inside their lot with a margin.

import type { SeededRandom } from '#domain/random.ts';
import type { BuildingStyle } from './building-styles.ts';
import {
  type HalfPlane,
  type Point2,
  add,
  centroid,
  chordInterval,
  clipConvexByAll,
  distanceToSegment,
  dot,
  edgeHalfPlanes,
  insetConvex,
  insideConvex,
  leftNormal,
  length,
  polygonArea,
  scale,
  subtract,
  unit,
} from './plane-geometry.ts';
import { ROAD_HALF_WIDTH, type TracedRing } from './street-network.ts';

/** Compounds keep this much beyond the road half-width from a road centreline (pavement, shop fronts). */
export const FRONTAGE_METRES = 5;
/** Width of the lane or wall strip between two lots in a block. */
export const LOT_GAP_METRES = 8;
/** Buildings keep at least this far inside their compound's boundary. */
export const BUILDING_MARGIN_METRES = 3;

export interface BlockFrame {
  /** Unit vector along the block's south edge; lots and buildings are laid out along it. */
  along: Point2;
}

export function blockFrame(southWest: Point2, southEast: Point2): BlockFrame {
  return { along: unit(subtract(southEast, southWest)) };
}

export function buildableCore(outline: TracedRing): Point2[] {
  const ring = outline.vertices.map((vertex) => vertex.point);
  const planes = edgeHalfPlanes(ring, (index) => {
    const road = outline.segmentEdges[index].road;
    if (!road) throw new Error('a block boundary segment without a road');
    return ROAD_HALF_WIDTH[road.roadClass] + FRONTAGE_METRES;
  });
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of ring) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  const box: Point2[] = [
    [minX, minY],
    [maxX, minY],
    [maxX, maxY],
    [minX, maxY],
  ];
  const core = clipConvexByAll(box, planes);
  if (core.length < 3) throw new Error('a block too small for any buildable core');
  return core;
}

/** Lots narrower or shallower than this (metres) are not made; the block gets fewer rows or columns instead. */
export const MINIMUM_LOT_SIZE_METRES = 28;

interface LotLayout {
  lots: Point2[][];
  /** The smallest width or depth of any lot, metres. */
  smallest: number;
}

/**
 * Cuts the core into lots whose areas roughly follow `weights`: rows across the block (cut parallel to its south
 * edge), each row cut into lots by lines that follow the core's own sides within that row. Every row count is
 * tried and the layout whose smallest lot is widest wins, so no lot becomes a sliver. Lots come back in the order
 * of the weights; an error is thrown when the core cannot hold that many lots.
 */
export function splitIntoLots(core: Point2[], frame: BlockFrame, weights: number[]): Point2[][] {
  const along = frame.along;
  const across = leftNormal(along);
  const heights = core.map((vertex) => dot(vertex, across));
  const low = Math.min(...heights);
  const high = Math.max(...heights);
  const softened = weights.map((weight) => Math.sqrt(weight));
  const halfGap = LOT_GAP_METRES / 2;

  const totalSoftened = softened.reduce((total, weight) => total + weight, 0);
  const layout = (requestedRows: number): LotLayout => {
    // Consecutive lots go to the same row until the row has its share of the weight.
    const grouped: number[][] = Array.from({ length: requestedRows }, () => []);
    let before = 0;
    softened.forEach((weight, index) => {
      grouped[Math.min(requestedRows - 1, Math.floor(((before + weight / 2) / totalSoftened) * requestedRows))].push(index);
      before += weight;
    });
    const rows = grouped.filter((row) => row.length > 0);
    const rowCount = rows.length;
    const rowWeight = rows.map((row) => row.reduce((total, index) => total + softened[index], 0));
    const totalWeight = rowWeight.reduce((total, weight) => total + weight, 0);
    const lots: Point2[][] = new Array(softened.length);
    let smallest = Infinity;
    let bottom = low;
    rows.forEach((row, rowIndex) => {
      const top = rowIndex === rowCount - 1 ? high : bottom + ((high - low) * rowWeight[rowIndex]) / totalWeight;
      const rowPlanes: HalfPlane[] = [];
      if (rowIndex > 0) rowPlanes.push({ through: scale(across, bottom), normal: across, offset: halfGap });
      if (rowIndex < rowCount - 1) rowPlanes.push({ through: scale(across, top), normal: scale(across, -1), offset: halfGap });
      // The row's extent along the block, measured a quarter of the way in from its bottom and its top.
      const lowerChord = chordInterval(core, scale(across, bottom + (top - bottom) * 0.25), along);
      const upperChord = chordInterval(core, scale(across, top - (top - bottom) * 0.25), along);
      if (!lowerChord || !upperChord) {
        smallest = 0;
        bottom = top;
        return;
      }
      const cutLine = (fraction: number): [Point2, Point2] => [
        add(scale(along, lowerChord[0] + (lowerChord[1] - lowerChord[0]) * fraction), scale(across, bottom + (top - bottom) * 0.25)),
        add(scale(along, upperChord[0] + (upperChord[1] - upperChord[0]) * fraction), scale(across, top - (top - bottom) * 0.25)),
      ];
      let from = 0;
      for (const index of row) {
        const to = from + softened[index] / rowWeight[rowIndex];
        const planes = [...rowPlanes];
        if (from > 1e-9) {
          const [a, b] = cutLine(from);
          planes.push({ through: a, normal: scale(leftNormal(subtract(b, a)), -1), offset: halfGap });
        }
        if (to < 1 - 1e-9) {
          const [a, b] = cutLine(to);
          planes.push({ through: a, normal: leftNormal(subtract(b, a)), offset: halfGap });
        }
        const lot = clipConvexByAll(core, planes);
        lots[index] = lot;
        smallest = Math.min(smallest, lot.length < 3 ? 0 : smallestExtent(lot, along));
        from = to;
      }
      bottom = top;
    });
    return { lots, smallest };
  };

  let best: LotLayout | null = null;
  for (let rowCount = 1; rowCount <= weights.length; rowCount++) {
    const candidate = layout(rowCount);
    if (!best || candidate.smallest > best.smallest + 1e-9) best = candidate;
  }
  if (!best || best.smallest < MINIMUM_LOT_SIZE_METRES) {
    throw new Error(`a block core of ${polygonArea(core).toFixed(0)} m² cannot hold ${weights.length} lots`);
  }
  return best.lots;
}

/** The smaller of a convex ring's width along the axis and depth across it, measured through its centroid. */
function smallestExtent(ring: Point2[], along: Point2): number {
  const middle = centroid(ring);
  const width = chordInterval(ring, middle, along);
  const depth = chordInterval(ring, middle, leftNormal(along));
  if (!width || !depth) return 0;
  return Math.min(width[1] - width[0], depth[1] - depth[0]);
}

export interface BuildingSlotOptions {
  along: Point2;
  length: number;
  depth: number;
  columnGap: number;
  rowGap: number;
}

/** Every rectangle of the given size that fits inside the lot (less the building margin), row by row from the south. */
export function buildingSlots(lot: Point2[], options: BuildingSlotOptions): Point2[][][] {
  const inner = insetConvex(lot, BUILDING_MARGIN_METRES);
  if (inner.length < 3) return [];
  const across = leftNormal(options.along);
  const acrossValues = inner.map((vertex) => dot(vertex, across));
  const low = Math.min(...acrossValues);
  const high = Math.max(...acrossValues);
  const mostRows = Math.floor((high - low + options.rowGap) / (options.depth + options.rowGap));
  // A lot that is skewed against the building axis loses its corners: fewer, centred rows may hold more.
  let best: Point2[][][] = [];
  for (let rowCount = mostRows; rowCount >= 1; rowCount--) {
    const rows = slotsInRows(inner, options, rowCount, low, high);
    if (rows.flat().length > best.flat().length) best = rows;
  }
  return best;
}

function slotsInRows(inner: Point2[], options: BuildingSlotOptions, rowCount: number, low: number, high: number): Point2[][][] {
  const along = options.along;
  const across = leftNormal(along);
  const point = (s: number, w: number): Point2 => add(scale(along, s), scale(across, w));
  const used = rowCount * options.depth + (rowCount - 1) * options.rowGap;
  const start = low + (high - low - used) / 2;
  const rows: Point2[][][] = [];
  for (let row = 0; row < rowCount; row++) {
    const w0 = start + row * (options.depth + options.rowGap);
    const w1 = w0 + options.depth;
    const bottom = chordInterval(inner, point(0, w0), along);
    const top = chordInterval(inner, point(0, w1), along);
    if (!bottom || !top) continue;
    const from = Math.max(bottom[0], top[0]);
    const to = Math.min(bottom[1], top[1]);
    const count = Math.floor((to - from + options.columnGap) / (options.length + options.columnGap));
    if (count < 1) continue;
    const rowUsed = count * options.length + (count - 1) * options.columnGap;
    const rowStart = from + (to - from - rowUsed) / 2;
    const slots: Point2[][] = [];
    for (let index = 0; index < count; index++) {
      const s0 = rowStart + index * (options.length + options.columnGap);
      const s1 = s0 + options.length;
      slots.push([point(s0, w0), point(s1, w0), point(s1, w1), point(s0, w1)]);
    }
    rows.push(slots);
  }
  return rows;
}

/**
 * Picks `count` slots the way compounds are built: whole rows, spread evenly over the lot (wider spacing between
 * the rows in use), the rows trimmed from their ends when they hold more than needed.
 */
export function pickInRows<T>(rows: T[][], count: number): T[] {
  const total = (chosen: T[][]) => chosen.reduce((sum, row) => sum + row.length, 0);
  let chosen = rows;
  for (let rowsUsed = 1; rowsUsed <= rows.length; rowsUsed++) {
    chosen = Array.from({ length: rowsUsed }, (_, index) => rows[Math.floor(((index + 0.5) * rows.length) / rowsUsed)]);
    if (total(chosen) >= count) break;
  }
  const trimmed = chosen.map((row) => [...row]);
  let excess = total(trimmed) - count;
  let fromEast = true;
  while (excess > 0) {
    let longest = 0;
    trimmed.forEach((row, index) => {
      if (row.length >= trimmed[longest].length) longest = index;
    });
    if (fromEast) trimmed[longest].pop();
    else trimmed[longest].shift();
    fromEast = !fromEast;
    excess -= 1;
  }
  return trimmed.flat();
}

export interface PlannedBuilding {
  footprint: Point2[];
  floors: number;
  households: number;
  residents: number;
  elderlyResidents: number;
}

/**
 * Lays out one compound: chooses the stairwells and floors of its buildings, fits as many rows as the lot holds,
 * and takes about as many buildings as the target households need (within the style's building range).
 */
export function planBuildings(lot: Point2[], along: Point2, style: BuildingStyle, targetHouseholds: number, random: SeededRandom): PlannedBuilding[] {
  const chosenUnitsPerFloor = random.integer(style.unitsPerFloor[0], style.unitsPerFloor[1]);
  const typical = style.typicalFloors ?? style.floors;
  const baseFloors = random.integer(typical[0], typical[1]);
  const floorsOf = () => random.integer(Math.max(style.floors[0], baseFloors - 1), Math.min(style.floors[1], baseFloors + 1));
  const rowGap = Math.max(style.minimumRowGap, style.rowGapPerFloor * Math.min(style.floors[1], baseFloors + 1));

  // Shorter buildings first (fewer stairwells), then buildings turned across the block, then a small
  // two-unit walk-up: a narrow or skewed lot still gets its buildings.
  const attempts: { stairwells: number; unitsPerFloor: number; depth: number; along: Point2 }[] = [];
  for (let count = random.integer(style.stairwells[0], style.stairwells[1]); count >= 1; count--) {
    attempts.push({ stairwells: count, unitsPerFloor: chosenUnitsPerFloor, depth: style.depth, along });
  }
  attempts.push({ stairwells: 1, unitsPerFloor: chosenUnitsPerFloor, depth: style.depth, along: leftNormal(along) });
  attempts.push({ stairwells: 1, unitsPerFloor: 2, depth: Math.min(style.depth, 11), along });
  attempts.push({ stairwells: 1, unitsPerFloor: 2, depth: Math.min(style.depth, 11), along: leftNormal(along) });

  let rows: Point2[][][] = [];
  let chosen = attempts[0];
  for (const attempt of attempts) {
    const options = {
      along: attempt.along,
      length: attempt.stairwells * attempt.unitsPerFloor * style.widthPerUnit,
      depth: attempt.depth,
      columnGap: style.columnGap,
      rowGap,
    };
    const candidate = buildingSlots(lot, options);
    const count = candidate.flat().length;
    if (count > rows.flat().length) {
      rows = candidate;
      chosen = attempt;
    }
    if (count >= style.buildings[0]) break;
  }
  if (rows.length === 0) throw new Error(`a ${style.kind} lot of ${polygonArea(lot).toFixed(0)} m² holds no building`);
  const { stairwells, unitsPerFloor } = chosen;

  const perBuilding = baseFloors * unitsPerFloor * stairwells;
  const wanted = Math.max(style.buildings[0], Math.min(style.buildings[1], Math.round(targetHouseholds / perBuilding)));
  return pickInRows(rows, wanted).map((footprint) => {
    const floors = floorsOf();
    const households = floors * unitsPerFloor * stairwells;
    const residents = Math.round(households * random.between(style.personsPerHousehold[0], style.personsPerHousehold[1]));
    const elderlyResidents = Math.round(residents * random.between(style.elderlyShare[0], style.elderlyShare[1]));
    return { footprint, floors, households, residents, elderlyResidents };
  });
}

function distanceToRing(point: Point2, ring: Point2[]): number {
  if (insideConvex(ring, point)) return 0;
  let best = Infinity;
  for (let index = 0; index < ring.length; index++) best = Math.min(best, distanceToSegment(point, ring[index], ring[(index + 1) % ring.length]));
  return best;
}

/**
 * A spot inside the lot, clear of its buildings, for a service point: the free candidate nearest the lot's
 * centre, preferring spots at least `clearance` metres from any building and any point already taken.
 */
export function freeSpot(lot: Point2[], obstacles: Point2[][], taken: Point2[], clearance = 5): Point2 {
  const inner = insetConvex(lot, BUILDING_MARGIN_METRES);
  const centre = centroid(inner);
  const xs = inner.map((vertex) => vertex[0]);
  const ys = inner.map((vertex) => vertex[1]);
  const candidates: Point2[] = [centre];
  const steps = 12;
  for (let i = 0; i <= steps; i++) {
    for (let j = 0; j <= steps; j++) {
      const candidate: Point2 = [
        Math.min(...xs) + ((Math.max(...xs) - Math.min(...xs)) * i) / steps,
        Math.min(...ys) + ((Math.max(...ys) - Math.min(...ys)) * j) / steps,
      ];
      if (insideConvex(inner, candidate, 1)) candidates.push(candidate);
    }
  }
  candidates.sort((a, b) => length(subtract(a, centre)) - length(subtract(b, centre)) || a[0] - b[0] || a[1] - b[1]);
  const clearanceOf = (candidate: Point2) =>
    Math.min(
      ...obstacles.map((ring) => distanceToRing(candidate, ring)),
      ...taken.map((other) => length(subtract(candidate, other))),
      Infinity,
    );
  const clear = candidates.find((candidate) => clearanceOf(candidate) >= clearance);
  if (clear) return clear;
  let best = candidates[0];
  for (const candidate of candidates) if (clearanceOf(candidate) > clearanceOf(best)) best = candidate;
  return best;
}
