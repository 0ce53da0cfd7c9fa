import { booleanPointInPolygon, buffer } from '@turf/turf';
import { LocalFrame } from '#domain/local-frame.ts';
import { atLocalHour, localMidnight, PATROL_HOURS } from '#domain/local-time.ts';
import type { SeededRandom } from '#domain/random.ts';
import { ringCentre, type CommunityContext } from './demo-index.ts';

export interface SimulatedPatrol {
  communityCode: string;
  teamCode: string;
  startedAt: Date;
  endedAt: Date;
  points: { at: Date; lonLat: [number, number] }[];
}

export interface PatrolSimulationOptions {
  now: Date;
  nights: number;
  /** Seconds between GPS fixes. */
  fixIntervalSeconds: number;
}

interface StreetGraph {
  nodes: [number, number][]; // local metres
  edges: { from: number; to: number; length: number; midpoint: [number, number] }[];
  adjacency: number[][]; // node → edge indexes
}

/**
 * The walkable network of a community: the edges of its blocks, which run along road centrelines.
 * Blocks that touch share vertices, so the rings join into one network.
 */
function buildStreetGraph(community: CommunityContext, frame: LocalFrame): StreetGraph {
  const nodeIndex = new Map<string, number>();
  const graph: StreetGraph = { nodes: [], edges: [], adjacency: [] };
  const seenEdges = new Set<string>();
  const node = (lonLat: number[]) => {
    const key = `${lonLat[0].toFixed(6)},${lonLat[1].toFixed(6)}`;
    let index = nodeIndex.get(key);
    if (index === undefined) {
      index = graph.nodes.length;
      nodeIndex.set(key, index);
      graph.nodes.push(frame.toMetres(lonLat));
      graph.adjacency.push([]);
    }
    return index;
  };
  for (const block of community.blocks) {
    const ring = block.geometry.coordinates[0];
    for (let index = 0; index + 1 < ring.length; index++) {
      const from = node(ring[index]);
      const to = node(ring[index + 1]);
      const key = from < to ? `${from}-${to}` : `${to}-${from}`;
      if (from === to || seenEdges.has(key)) continue;
      seenEdges.add(key);
      const [ax, ay] = graph.nodes[from];
      const [bx, by] = graph.nodes[to];
      const edgeIndex = graph.edges.length;
      graph.edges.push({ from, to, length: Math.hypot(bx - ax, by - ay), midpoint: frame.toLonLat([(ax + bx) / 2, (ay + by) / 2]) });
      graph.adjacency[from].push(edgeIndex);
      graph.adjacency[to].push(edgeIndex);
    }
  }
  return graph;
}

/**
 * Nightly 20:00-23:00 patrols of each security-patrol team along its community's streets, with a GPS
 * fix every ~15 s and a few metres of noise. Some nights skip one grid (most often the same one, out of
 * the team's way), some end early, and on a few nights there is no patrol at all.
 */
export function simulatePatrols(communities: CommunityContext[], random: SeededRandom, options: PatrolSimulationOptions): SimulatedPatrol[] {
  const patrols: SimulatedPatrol[] = [];
  const today = localMidnight(options.now);
  for (const community of communities) {
    const team = community.volunteerTeams.find((candidate) => candidate.kind === 'security_patrol');
    if (!team || community.blocks.length === 0) continue;
    const frame = new LocalFrame(...ringCentre(community.grids[0].geometry));
    const graph = buildStreetGraph(community, frame);
    if (graph.edges.length === 0) continue;
    // Every team has a grid it tends to skip: what coverage over a window of nights is there to reveal.
    // Skipping it means keeping away from its streets and those near it (a courtyard is covered from 50 m).
    const outOfTheWay = random.pick(community.grids);
    const outOfTheWayArea = buffer(outOfTheWay, 70, { units: 'meters' }) ?? outOfTheWay;

    // The last `nights` nights, and tonight's up to `now`: seeded after 23:00, the night that just ended is "last
    // night" (server/domain/local-time.ts) and has its patrol; seeded between 20:00 and 23:00, tonight's is under way.
    for (let nightOffset = options.nights; nightOffset >= 0; nightOffset--) {
      const midnight = new Date(today.getTime() - nightOffset * 86_400_000);
      if (nightOffset === 0 && options.now.getTime() < atLocalHour(midnight, PATROL_HOURS.start).getTime()) continue;
      if (random.chance(0.04)) continue; // rain, or the team stood down
      // The team leaves out its out-of-the-way grid on about a third of the nights, and now and then another.
      const skipped = random.chance(0.35) ? outOfTheWayArea : random.chance(0.08) ? random.pick(community.grids) : undefined;
      const allowed = graph.edges.map((edge) => !skipped || !booleanPointInPolygon(edge.midpoint, skipped));
      const startEdges = allowed.flatMap((ok, index) => (ok ? [index] : []));
      if (startEdges.length === 0) continue;

      const startedAt = atLocalHour(midnight, 20 + random.between(0, 0.2));
      const endHour = random.chance(0.1) ? random.between(21.8, 22.4) : random.between(22.75, 22.98);
      const endedAt = atLocalHour(midnight, endHour);
      const speed = random.between(1.05, 1.35); // metres per second, walking

      const walked = new Set<number>();
      let edgeIndex = random.pick(startEdges);
      let atNode = graph.edges[edgeIndex].from;
      let metresIntoEdge = 0;
      const points: SimulatedPatrol['points'] = [];
      for (let time = startedAt.getTime(); time <= endedAt.getTime(); time += (options.fixIntervalSeconds + random.between(-2, 2)) * 1000) {
        let step = points.length === 0 ? 0 : speed * options.fixIntervalSeconds;
        let edge = graph.edges[edgeIndex];
        while (metresIntoEdge + step > edge.length) {
          step -= edge.length - metresIntoEdge;
          walked.add(edgeIndex);
          atNode = edge.from === atNode ? edge.to : edge.from;
          edgeIndex = chooseNextEdge(graph, atNode, edgeIndex, allowed, walked, random);
          edge = graph.edges[edgeIndex];
          metresIntoEdge = 0;
        }
        metresIntoEdge += step;
        const [ax, ay] = graph.nodes[atNode];
        const otherNode = edge.from === atNode ? edge.to : edge.from;
        const [bx, by] = graph.nodes[otherNode];
        const share = edge.length === 0 ? 0 : metresIntoEdge / edge.length;
        const noise = () => Math.max(-15, Math.min(15, random.gaussian(0, 5)));
        const lonLat = frame.toLonLat([ax + (bx - ax) * share + noise(), ay + (by - ay) * share + noise()]);
        points.push({ at: new Date(time), lonLat: [Number(lonLat[0].toFixed(7)), Number(lonLat[1].toFixed(7))] });
      }
      // Tonight's patrol has walked only until now.
      while (points.length > 0 && points[points.length - 1].at.getTime() > options.now.getTime()) points.pop();
      if (points.length === 0) continue;
      patrols.push({ communityCode: community.code, teamCode: team.code, startedAt, endedAt: points[points.length - 1].at, points });
    }
  }
  return patrols;
}

/** Prefers streets not yet walked tonight, avoids turning straight back unless at a dead end. */
function chooseNextEdge(graph: StreetGraph, node: number, cameFrom: number, allowed: boolean[], walked: Set<number>, random: SeededRandom): number {
  const options = graph.adjacency[node].filter((edge) => allowed[edge]);
  const forward = options.filter((edge) => edge !== cameFrom);
  if (forward.length === 0) return cameFrom;
  const fresh = forward.filter((edge) => !walked.has(edge));
  return random.pick(fresh.length > 0 && random.chance(0.85) ? fresh : forward);
}
