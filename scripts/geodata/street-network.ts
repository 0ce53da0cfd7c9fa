// The street network of one generated town: a warped lattice of road lines.
//
// Vertical road lines run south to north, horizontal ones west to east; each line may lean and bow a little, and
// the whole lattice is turned by the town's rotation, so the result reads like a county town's street grid rather
// than graph paper. Every lattice edge is one shared object: a block, a grid, a community and the town outline all
// take their boundary vertices from the very same (already rounded) vertex objects, which is what makes grids
// partition their community exactly and lets neighbours share identical coordinates along common edges.

import type { SeededRandom } from '#domain/random.ts';
import type { RoadClass } from '#domain/vocabulary.ts';
import type { TownFrame } from './local-frame.ts';
import { type Point2, signedArea } from './plane-geometry.ts';
import type { RoadLinePlan, TownPlan } from './town-plans.ts';

/** Half the carriageway width of each road class, in metres (buildings keep clear of centreline ± this). */
export const ROAD_HALF_WIDTH: Record<RoadClass, number> = { primary: 12, secondary: 8, residential: 4 };

export interface NetworkVertex {
  readonly point: Point2;
  /** Rounded WGS84 position; every feature that uses this vertex writes exactly these numbers. */
  readonly lonLat: [number, number];
}

export interface RoadSegmentInfo {
  name: string;
  roadClass: RoadClass;
}

export interface NetworkEdge {
  readonly key: string;
  /** From the lower-index node to the higher one (south to north, or west to east). */
  readonly vertices: NetworkVertex[];
  /** null where a lane was left out, so that two lattice cells form one block. */
  road: RoadSegmentInfo | null;
}

export interface DirectedEdge {
  edge: NetworkEdge;
  forward: boolean;
}

export interface TracedRing {
  /** Open counter-clockwise ring. */
  vertices: NetworkVertex[];
  /** The lattice edge each segment (vertices[k] → vertices[k+1]) belongs to. */
  segmentEdges: NetworkEdge[];
}

export interface LatticeCell {
  column: number;
  row: number;
}

export interface StreetLattice {
  columns: number;
  rows: number;
  node(column: number, row: number): NetworkVertex;
  /** Edge from node (column, row) to node (column + 1, row). */
  horizontalEdge(column: number, row: number): NetworkEdge;
  /** Edge from node (column, row) to node (column, row + 1). */
  verticalEdge(column: number, row: number): NetworkEdge;
  cellEdges(cell: LatticeCell): DirectedEdge[];
  verticalLines: RoadLinePlan[];
  horizontalLines: RoadLinePlan[];
}

interface LineShape {
  base: number;
  slope: number;
  bow: number;
}

function nameAt(plan: RoadLinePlan, segment: number): string {
  if (typeof plan.name === 'string') return plan.name;
  let name = plan.name[0].name;
  for (const part of plan.name) if (segment >= part.fromSegment) name = part.name;
  return name;
}

function cumulative(sizes: number[]): number[] {
  const total = sizes.reduce((sum, size) => sum + size, 0);
  const positions = [-total / 2];
  for (const size of sizes) positions.push(positions[positions.length - 1] + size);
  return positions;
}

export function buildStreetLattice(plan: TownPlan, random: SeededRandom, frame: TownFrame): StreetLattice {
  const columns = plan.verticalRoads.length - 1;
  const rows = plan.horizontalRoads.length - 1;
  const widths = plan.columnWidths ?? Array.from({ length: columns }, () => Math.round(random.between(plan.blockWidth[0], plan.blockWidth[1])));
  const heights = plan.rowHeights ?? Array.from({ length: rows }, () => Math.round(random.between(plan.blockHeight[0], plan.blockHeight[1])));
  const xs = cumulative(widths);
  const ys = cumulative(heights);
  const xRange: [number, number] = [xs[0], xs[columns]];
  const yRange: [number, number] = [ys[0], ys[rows]];

  const shapeOf = (line: RoadLinePlan, base: number): LineShape => ({
    base,
    slope: line.slope ?? random.between(-0.035, 0.035),
    bow: line.bow ?? 0,
  });
  const verticalShapes = plan.verticalRoads.map((line, index) => shapeOf(line, xs[index]));
  const horizontalShapes = plan.horizontalRoads.map((line, index) => shapeOf(line, ys[index]));

  // A line's offset from its straight base: a lean plus a bow that is largest halfway along the lattice.
  const offset = (shape: LineShape, along: number, range: [number, number]) =>
    shape.base + shape.slope * along + shape.bow * Math.sin((Math.PI * (along - range[0])) / (range[1] - range[0]));
  const verticalX = (index: number, y: number) => offset(verticalShapes[index], y, yRange);
  const horizontalY = (index: number, x: number) => offset(horizontalShapes[index], x, xRange);

  const angle = (plan.rotationDegrees * Math.PI) / 180;
  const cosine = Math.cos(angle);
  const sine = Math.sin(angle);
  const makeVertex = (x: number, y: number): NetworkVertex => {
    const point: Point2 = [x * cosine - y * sine, x * sine + y * cosine];
    return { point, lonLat: frame.toLonLat(point) };
  };

  // Nodes: where a vertical line meets a horizontal one (a few fixed-point steps; the slopes are small).
  const nodeXY: [number, number][][] = [];
  const nodes: NetworkVertex[][] = [];
  for (let column = 0; column <= columns; column++) {
    nodeXY.push([]);
    nodes.push([]);
    for (let row = 0; row <= rows; row++) {
      let x = xs[column];
      let y = ys[row];
      for (let step = 0; step < 8; step++) {
        x = verticalX(column, y);
        y = horizontalY(row, x);
      }
      nodeXY[column].push([x, y]);
      nodes[column].push(makeVertex(x, y));
    }
  }

  const bowSamples = [0.25, 0.5, 0.75];
  const horizontalEdges: NetworkEdge[][] = [];
  for (let column = 0; column < columns; column++) {
    horizontalEdges.push([]);
    for (let row = 0; row <= rows; row++) {
      const line = plan.horizontalRoads[row];
      const vertices = [nodes[column][row]];
      if (line.bow) {
        const [x0] = nodeXY[column][row];
        const [x1] = nodeXY[column + 1][row];
        for (const t of bowSamples) {
          const x = x0 + (x1 - x0) * t;
          vertices.push(makeVertex(x, horizontalY(row, x)));
        }
      }
      vertices.push(nodes[column + 1][row]);
      horizontalEdges[column].push({ key: `h${column}_${row}`, vertices, road: { name: nameAt(line, column), roadClass: line.class } });
    }
  }
  const verticalEdges: NetworkEdge[][] = [];
  for (let column = 0; column <= columns; column++) {
    verticalEdges.push([]);
    for (let row = 0; row < rows; row++) {
      const line = plan.verticalRoads[column];
      const vertices = [nodes[column][row]];
      if (line.bow) {
        const [, y0] = nodeXY[column][row];
        const [, y1] = nodeXY[column][row + 1];
        for (const t of bowSamples) {
          const y = y0 + (y1 - y0) * t;
          vertices.push(makeVertex(verticalX(column, y), y));
        }
      }
      vertices.push(nodes[column][row + 1]);
      verticalEdges[column].push({ key: `v${column}_${row}`, vertices, road: { name: nameAt(line, row), roadClass: line.class } });
    }
  }

  const horizontalEdge = (column: number, row: number) => horizontalEdges[column][row];
  const verticalEdge = (column: number, row: number) => verticalEdges[column][row];
  return {
    columns,
    rows,
    node: (column, row) => nodes[column][row],
    horizontalEdge,
    verticalEdge,
    cellEdges: ({ column, row }) => [
      { edge: horizontalEdge(column, row), forward: true },
      { edge: verticalEdge(column + 1, row), forward: true },
      { edge: horizontalEdge(column, row + 1), forward: false },
      { edge: verticalEdge(column, row), forward: false },
    ],
    verticalLines: plan.verticalRoads,
    horizontalLines: plan.horizontalRoads,
  };
}

const startOf = (directed: DirectedEdge) => (directed.forward ? directed.edge.vertices[0] : directed.edge.vertices[directed.edge.vertices.length - 1]);

/**
 * The outline of a union of lattice cells: directed edges used in both directions are interior and cancel; the
 * rest are chained into one counter-clockwise ring. Throws if the cells do not form one simple polygon (two rings,
 * or two pieces touching at a corner), so a bad layout fails loudly instead of producing invalid geometry.
 */
export function traceOutline(lattice: StreetLattice, cells: readonly LatticeCell[]): TracedRing {
  const directedEdges = cells.flatMap((cell) => lattice.cellEdges(cell));
  const uses = new Map<string, number>();
  for (const directed of directedEdges) uses.set(directed.edge.key, (uses.get(directed.edge.key) ?? 0) + 1);
  const boundary = directedEdges.filter((directed) => uses.get(directed.edge.key) === 1);

  const byStart = new Map<NetworkVertex, DirectedEdge>();
  for (const directed of boundary) {
    const start = startOf(directed);
    if (byStart.has(start)) throw new Error(`cells ${JSON.stringify(cells)} touch at a corner: not a simple polygon`);
    byStart.set(start, directed);
  }

  const vertices: NetworkVertex[] = [];
  const segmentEdges: NetworkEdge[] = [];
  let current = boundary[0];
  let closed = false;
  for (let step = 0; step < boundary.length; step++) {
    const sequence = current.forward ? current.edge.vertices : [...current.edge.vertices].reverse();
    for (let index = 0; index < sequence.length - 1; index++) {
      vertices.push(sequence[index]);
      segmentEdges.push(current.edge);
    }
    const end = sequence[sequence.length - 1];
    const next = byStart.get(end);
    if (!next) throw new Error('open outline');
    current = next;
    if (current === boundary[0]) {
      if (step !== boundary.length - 1) throw new Error(`cells ${JSON.stringify(cells)} form more than one ring`);
      closed = true;
      break;
    }
  }
  if (!closed) throw new Error('outline does not close');
  if (signedArea(vertices.map((vertex) => vertex.point)) <= 0) throw new Error('outline is not counter-clockwise');
  return { vertices, segmentEdges };
}

export interface RoadPolyline {
  name: string;
  roadClass: RoadClass;
  vertices: NetworkVertex[];
}

/** Every road line cut into maximal runs of one name (a left-out lane splits its line). */
export function roadPolylines(lattice: StreetLattice): RoadPolyline[] {
  const result: RoadPolyline[] = [];
  const collect = (edges: NetworkEdge[]) => {
    let run: RoadPolyline | null = null;
    for (const edge of edges) {
      if (!edge.road) {
        run = null;
        continue;
      }
      if (!run || run.name !== edge.road.name || run.roadClass !== edge.road.roadClass) {
        run = { name: edge.road.name, roadClass: edge.road.roadClass, vertices: [edge.vertices[0]] };
        result.push(run);
      }
      run.vertices.push(...edge.vertices.slice(1));
    }
  };
  for (let column = 0; column <= lattice.columns; column++) {
    collect(Array.from({ length: lattice.rows }, (_, row) => lattice.verticalEdge(column, row)));
  }
  for (let row = 0; row <= lattice.rows; row++) {
    collect(Array.from({ length: lattice.columns }, (_, column) => lattice.horizontalEdge(column, row)));
  }
  return result;
}
