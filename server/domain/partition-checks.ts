// The checks on a community's grids as a planner redraws them (issue: grid editing), pure and shared: the client
// runs them while editing, the server again before it publishes, so the two always agree. The grids must
// partition the community: no gap, no overlap, nothing outside, each grid one piece without holes or slivers,
// every building in exactly one grid and none cut by a border; and each grid's households are weighed against
// its target and the norm, with its staff load.
import { area, bbox, booleanPointInPolygon, buffer, centroid, difference, featureCollection, flatten, intersect, pointOnFeature, union } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { checkArea } from './geometry-rules.ts';
import { gridBalance, GRID_HOUSEHOLD_NORM, type GridBalance, type HouseholdNorm } from './grid-balance.ts';
import { householdsPerStaff } from './staff-load.ts';

/** Gaps, overlaps and parts outside smaller than this (m²) are the arithmetic's, not the planner's. */
export const PARTITION_TOLERANCE_M2 = 0.01;
/** A part of a grid narrower than this (metres) is a sliver. */
export const DEFAULT_SLIVER_WIDTH_METRES = 2;

type Area = Polygon | MultiPolygon;

export interface PartitionGrid {
  id: number | string;
  name: string;
  geometry: Area;
  targetHouseholds: number;
  staff: number;
}

export interface PartitionBuilding {
  id: number;
  name: string | null;
  households: number;
  geometry: Polygon;
}

export interface PartitionInput {
  community: Area;
  grids: PartitionGrid[];
  buildings: PartitionBuilding[];
  norm?: HouseholdNorm;
  sliverWidthMetres?: number;
}

/** Where a problem is: a point to fly to and the shape to highlight. */
interface Place {
  at: Position;
  geometry: Area;
}

export type PartitionProblem =
  | ({ check: 'invalid'; grid: PartitionGrid['id']; reason: string } & Partial<Place>)
  | ({ check: 'pieces'; grid: PartitionGrid['id']; pieces: number } & Place)
  | ({ check: 'hole'; grid: PartitionGrid['id']; areaM2: number } & Place)
  | ({ check: 'outside'; grid: PartitionGrid['id']; areaM2: number } & Place)
  | ({ check: 'overlap'; grids: [PartitionGrid['id'], PartitionGrid['id']]; areaM2: number } & Place)
  | ({ check: 'gap'; areaM2: number } & Place)
  | ({ check: 'sliver'; grid: PartitionGrid['id']; areaM2: number; widthMetres: number } & Place)
  | ({ check: 'cutBuilding'; building: number; grids: PartitionGrid['id'][] } & Place)
  | ({ check: 'unassignedBuilding'; building: number } & Place);

export type PartitionCheck = PartitionProblem['check'];

export interface GridFigures {
  id: PartitionGrid['id'];
  buildings: number;
  households: number;
  balance: GridBalance;
  /** Households per staff member; null for a grid without staff. */
  staffLoad: number | null;
}

export interface PartitionReport {
  /** Empty when the grids may be published. */
  problems: PartitionProblem[];
  grids: GridFigures[];
  /** Households of the community's buildings: redrawing never changes it. */
  households: number;
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits));
const asFeature = (geometry: Area): Feature<Area> => ({ type: 'Feature', geometry, properties: {} });
const at = (geometry: Area): Position => pointOnFeature(asFeature(geometry)).geometry.coordinates;
const overlapping = (a: number[], b: number[]) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

/** The pieces of an area (each a Polygon) of more than the tolerance. */
function pieces(geometry: Area | null | undefined): Polygon[] {
  if (!geometry) return [];
  return flatten(asFeature(geometry))
    .features.map((piece) => piece.geometry as Polygon)
    .filter((piece) => area(piece) > PARTITION_TOLERANCE_M2);
}

function without(a: Area, b: Area): Area | null {
  return difference(featureCollection([asFeature(a), asFeature(b)]))?.geometry ?? null;
}

function common(a: Area, b: Area): Area | null {
  return intersect(featureCollection([asFeature(a), asFeature(b)]))?.geometry ?? null;
}

/** The parts of a polygon narrower than `width` metres: what an inward then outward buffer of width / 2 loses. */
function slivers(geometry: Area, widthMetres: number): Polygon[] {
  const inner = buffer(asFeature(geometry), -widthMetres / 2, { units: 'meters' });
  if (!inner || area(inner) === 0) return pieces(geometry);
  const outer = buffer(inner, widthMetres / 2, { units: 'meters' });
  if (!outer) return pieces(geometry);
  // Rounding a corner loses at most ~width² / 4 per corner: a real sliver loses more than width².
  return pieces(without(geometry, outer.geometry as Area)).filter((piece) => area(piece) > widthMetres * widthMetres);
}

/** Runs every check; the grids' figures are computed even when there are problems, for the balance panel. */
export function checkPartition({ community, grids, buildings, norm = GRID_HOUSEHOLD_NORM, sliverWidthMetres = DEFAULT_SLIVER_WIDTH_METRES }: PartitionInput): PartitionReport {
  const problems: PartitionProblem[] = [];
  const usable: PartitionGrid[] = [];
  for (const grid of grids) {
    const rule = checkArea(grid.geometry, `grid ${grid.name}`);
    if (!rule.valid) {
      problems.push({ check: 'invalid', grid: grid.id, reason: rule.reason });
      continue;
    }
    usable.push(grid);
    const parts = grid.geometry.type === 'MultiPolygon' ? grid.geometry.coordinates.map((coordinates) => ({ type: 'Polygon' as const, coordinates })) : [grid.geometry];
    if (parts.length > 1) problems.push({ check: 'pieces', grid: grid.id, pieces: parts.length, at: at(parts[1]), geometry: grid.geometry });
    for (const part of parts) {
      for (const ring of part.coordinates.slice(1)) {
        const hole: Polygon = { type: 'Polygon', coordinates: [ring] };
        problems.push({ check: 'hole', grid: grid.id, areaM2: round(area(hole)), at: centroid(hole).geometry.coordinates, geometry: hole });
      }
    }
    for (const piece of pieces(without(grid.geometry, community))) {
      problems.push({ check: 'outside', grid: grid.id, areaM2: round(area(piece)), at: at(piece), geometry: piece });
    }
    for (const piece of slivers(grid.geometry, sliverWidthMetres)) {
      problems.push({ check: 'sliver', grid: grid.id, areaM2: round(area(piece)), widthMetres: sliverWidthMetres, at: at(piece), geometry: piece });
    }
  }

  const boxes = new Map(usable.map((grid) => [grid.id, bbox(grid.geometry)]));
  for (let first = 0; first < usable.length; first++) {
    for (let second = first + 1; second < usable.length; second++) {
      const [a, b] = [usable[first], usable[second]];
      if (!overlapping(boxes.get(a.id)!, boxes.get(b.id)!)) continue;
      for (const piece of pieces(common(a.geometry, b.geometry))) {
        problems.push({ check: 'overlap', grids: [a.id, b.id], areaM2: round(area(piece)), at: at(piece), geometry: piece });
      }
    }
  }

  const covered = usable.length === 0 ? null : usable.length === 1 ? usable[0].geometry : (union(featureCollection(usable.map((grid) => asFeature(grid.geometry))))?.geometry as Area | undefined);
  for (const piece of covered ? pieces(without(community, covered)) : pieces(community)) {
    problems.push({ check: 'gap', areaM2: round(area(piece)), at: at(piece), geometry: piece });
  }

  // Buildings: each belongs to the grid covering its point on surface (the lowest id on a shared border, as SQL's
  // grid_of decides), and none may be cut by a border.
  const ordered = [...usable].sort((a, b) => String(a.id).localeCompare(String(b.id), 'en', { numeric: true }));
  const tally = new Map<PartitionGrid['id'], { buildings: number; households: number }>(grids.map((grid) => [grid.id, { buildings: 0, households: 0 }]));
  for (const building of buildings) {
    const point = pointOnFeature(asFeature(building.geometry));
    const owner = ordered.find((grid) => booleanPointInPolygon(point, grid.geometry));
    if (!owner) {
      problems.push({ check: 'unassignedBuilding', building: building.id, at: point.geometry.coordinates, geometry: building.geometry });
    } else {
      const counts = tally.get(owner.id)!;
      counts.buildings++;
      counts.households += building.households;
    }
    const box = bbox(building.geometry);
    const cutBy = usable.filter((grid) => overlapping(box, boxes.get(grid.id)!) && pieces(common(building.geometry, grid.geometry)).length > 0);
    if (cutBy.length > 1) problems.push({ check: 'cutBuilding', building: building.id, grids: cutBy.map((grid) => grid.id), at: point.geometry.coordinates, geometry: building.geometry });
  }

  return {
    problems,
    grids: grids.map((grid) => {
      const counts = tally.get(grid.id)!;
      return { id: grid.id, buildings: counts.buildings, households: counts.households, balance: gridBalance(counts.households, grid.targetHouseholds, norm), staffLoad: householdsPerStaff({ households: counts.households, staff: grid.staff }) };
    }),
    households: buildings.reduce((sum, building) => sum + building.households, 0),
  };
}

type Names = { grid(id: PartitionGrid['id']): string; building(id: number): string };

/** What a problem means, for a planner, in Chinese or English. */
export function describeProblem(problem: PartitionProblem, locale: 'zh' | 'en', names: Names): string {
  const zh = locale === 'zh';
  const m2 = (value: number) => `${value.toLocaleString(zh ? 'zh-CN' : 'en-GB', { maximumFractionDigits: 1 })} m²`;
  switch (problem.check) {
    case 'invalid':
      return zh ? `${names.grid(problem.grid)}的边界无效:${problem.reason}` : `${names.grid(problem.grid)} has an invalid boundary: ${problem.reason}`;
    case 'pieces':
      return zh ? `${names.grid(problem.grid)}分成了 ${problem.pieces} 块,网格必须连成一片` : `${names.grid(problem.grid)} is in ${problem.pieces} pieces; a grid must be one piece`;
    case 'hole':
      return zh ? `${names.grid(problem.grid)}中间有一个 ${m2(problem.areaM2)} 的空洞` : `${names.grid(problem.grid)} has a hole of ${m2(problem.areaM2)}`;
    case 'outside':
      return zh ? `${names.grid(problem.grid)}有 ${m2(problem.areaM2)} 超出社区边界` : `${m2(problem.areaM2)} of ${names.grid(problem.grid)} lies outside the community`;
    case 'overlap':
      return zh ? `${names.grid(problem.grids[0])}与${names.grid(problem.grids[1])}重叠 ${m2(problem.areaM2)}` : `${names.grid(problem.grids[0])} and ${names.grid(problem.grids[1])} overlap by ${m2(problem.areaM2)}`;
    case 'gap':
      return zh ? `有 ${m2(problem.areaM2)} 不属于任何网格(空隙)` : `A gap of ${m2(problem.areaM2)} belongs to no grid`;
    case 'sliver':
      return zh ? `${names.grid(problem.grid)}有一条窄于 ${problem.widthMetres} 米的细条(${m2(problem.areaM2)})` : `${names.grid(problem.grid)} has a sliver narrower than ${problem.widthMetres} m (${m2(problem.areaM2)})`;
    case 'cutBuilding':
      return zh
        ? `楼栋 ${names.building(problem.building)} 被网格边界切开(${problem.grids.map(names.grid).join('、')})`
        : `Building ${names.building(problem.building)} is cut by a grid border (${problem.grids.map(names.grid).join(', ')})`;
    case 'unassignedBuilding':
      return zh ? `楼栋 ${names.building(problem.building)} 不在任何网格内` : `Building ${names.building(problem.building)} is in no grid`;
  }
}
