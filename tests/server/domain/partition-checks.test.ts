// The grid-partition checks on drawn fixtures (a 200 m × 100 m community in two grids, laid out in metres) and
// on the demo city's real grids, which partition their communities.
import { area } from '@turf/turf';
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { LocalFrame } from '#domain/local-frame.ts';
import { checkPartition, describeProblem, type PartitionBuilding, type PartitionGrid, type PartitionInput } from '#domain/partition-checks.ts';
import { groupByCommunity } from '../../../server/seed/demo-index.ts';
import { readDemoCity } from '../../../server/seed/geodata-files.ts';

const frame = new LocalFrame(112.53, 33.0);
/** A polygon from rings in metres (outer first, each counter-clockwise, closed here). */
const polygon = (...rings: Array<Array<[number, number]>>): Polygon => ({ type: 'Polygon', coordinates: rings.map((ring) => [...ring, ring[0]].map((point) => frame.toLonLat(point))) });
const box = (west: number, south: number, east: number, north: number) => polygon([[west, south], [east, south], [east, north], [west, north]]);

const community = box(0, 0, 200, 100);
const grid = (id: number, geometry: Polygon | PartitionGrid['geometry'], targetHouseholds = 400, staff = 2): PartitionGrid => ({ id, name: `第${id}网格`, geometry, targetHouseholds, staff });
const building = (id: number, geometry: Polygon, households = 60): PartitionBuilding => ({ id, name: `${id}号楼`, households, geometry });
const buildings = [building(1, box(10, 10, 30, 30)), building(2, box(60, 60, 80, 80), 40), building(3, box(120, 10, 140, 30), 100), building(4, box(160, 60, 190, 90), 50)];
const valid: PartitionInput = { community, grids: [grid(1, box(0, 0, 100, 100)), grid(2, box(100, 0, 200, 100), 300, 0)], buildings };

const checks = (input: Partial<PartitionInput>) => checkPartition({ ...valid, ...input }).problems.map((problem) => problem.check);

describe('grid partition checks', () => {
  it('pass a partition, and weigh each grid’s households against its target, the norm and its staff', () => {
    const report = checkPartition(valid);
    expect(report.problems).toEqual([]);
    expect(report.households).toBe(250);
    expect(report.grids).toEqual([
      { id: 1, buildings: 2, households: 100, balance: { status: 'below', households: 100, target: 400, deviation: -0.75, norm: { min: 300, max: 500 } }, staffLoad: 50 },
      { id: 2, buildings: 2, households: 150, balance: { status: 'below', households: 150, target: 300, deviation: -0.5, norm: { min: 300, max: 500 } }, staffLoad: null },
    ]);
    expect(checkPartition({ ...valid, norm: { min: 100, max: 120 } }).grids.map((figures) => figures.balance.status)).toEqual(['within', 'above']);
  });

  it('find a gap, with its area and place', () => {
    const report = checkPartition({ ...valid, grids: [grid(1, box(0, 0, 95, 100)), grid(2, box(100, 0, 200, 100))] });
    expect(report.problems.map((problem) => problem.check)).toEqual(['gap']);
    const gap = report.problems[0] as Extract<typeof report.problems[number], { check: 'gap' }>;
    expect(gap.areaM2).toBeCloseTo(500, -1);
    const [x, y] = frame.toMetres(gap.at);
    expect(x).toBeGreaterThan(95);
    expect(x).toBeLessThan(100);
    expect(y).toBeGreaterThan(0);
    expect(describeProblem(gap, 'zh', { grid: String, building: String })).toMatch(/^有 5\d\d(\.\d)? m² 不属于任何网格/);
  });

  it('find an overlap between two grids, and a part outside the community', () => {
    const overlap = checkPartition({ ...valid, grids: [grid(1, box(0, 0, 105, 100)), grid(2, box(100, 0, 200, 100))] }).problems;
    expect(overlap.map((problem) => problem.check)).toEqual(['overlap']);
    expect(overlap[0]).toMatchObject({ grids: [1, 2] });
    expect((overlap[0] as { areaM2: number }).areaM2).toBeCloseTo(500, -1);
    const outside = checkPartition({ ...valid, grids: [grid(1, box(0, 0, 100, 100)), grid(2, box(100, 0, 210, 100))] }).problems;
    expect(outside.map((problem) => problem.check)).toEqual(['outside']);
    expect(describeProblem(outside[0], 'en', { grid: (id) => `grid ${id}`, building: String })).toMatch(/^1,0\d\d(\.\d)? m² of grid 2 lies outside the community$/);
  });

  it('refuse a bow-tie, a hole, a grid in two pieces and a sliver', () => {
    const bowtie = polygon([[0, 0], [100, 100], [100, 0], [0, 100]]);
    expect(checks({ grids: [grid(1, bowtie), grid(2, box(100, 0, 200, 100))] })).toContain('invalid');
    // A hole in grid 1 that no grid fills: a hole, and the gap it leaves.
    expect(checks({ grids: [grid(1, polygon([[0, 0], [100, 0], [100, 100], [0, 100]], [[40, 40], [40, 60], [60, 60], [60, 40]])), grid(2, box(100, 0, 200, 100))] }).sort()).toEqual(['gap', 'hole']);
    // Grid 2 in two pieces, grid 1 reaching between them.
    const twoPieces: PartitionGrid['geometry'] = { type: 'MultiPolygon', coordinates: [box(100, 0, 200, 40).coordinates, box(150, 60, 200, 100).coordinates] };
    expect(checks({ grids: [grid(1, polygon([[0, 0], [100, 0], [100, 40], [200, 40], [200, 60], [150, 60], [150, 100], [0, 100]])), grid(2, twoPieces)], buildings: [] })).toEqual(['pieces']);
    // Grid 1 reaches into grid 2's side along a 1 m wide strip, 60 m long.
    const withStrip = polygon([[0, 0], [100, 0], [100, 49.5], [160, 49.5], [160, 50.5], [100, 50.5], [100, 100], [0, 100]]);
    const rest = polygon([[100, 0], [200, 0], [200, 100], [100, 100], [100, 50.5], [160, 50.5], [160, 49.5], [100, 49.5]]);
    const sliver = checkPartition({ ...valid, grids: [grid(1, withStrip), grid(2, rest)], buildings: [] }).problems;
    expect(sliver.map((problem) => problem.check)).toEqual(['sliver']);
    expect(sliver[0]).toMatchObject({ grid: 1, widthMetres: 2 });
    expect((sliver[0] as { areaM2: number }).areaM2).toBeGreaterThan(40);
  });

  it('list a building cut by a border, and one in no grid', () => {
    const cut = checkPartition({ ...valid, buildings: [...buildings, building(5, box(90, 40, 110, 60))] }).problems;
    expect(cut.map((problem) => problem.check)).toEqual(['cutBuilding']);
    expect(cut[0]).toMatchObject({ building: 5, grids: [1, 2] });
    expect(describeProblem(cut[0], 'zh', { grid: (id) => `第${id}网格`, building: (id) => `${id}号楼` })).toBe('楼栋 5号楼 被网格边界切开(第1网格、第2网格)');
    const lost = checkPartition({ ...valid, grids: [grid(1, box(0, 0, 100, 100)), grid(2, box(100, 0, 150, 100))] }).problems;
    expect(lost.map((problem) => problem.check).sort()).toEqual(['gap', 'unassignedBuilding']);
    expect(lost.find((problem) => problem.check === 'unassignedBuilding')).toMatchObject({ building: 4 });
  });

  it('pass the demo city’s own grids, building for building (the grids partition every community)', () => {
    const city = readDemoCity();
    const communities = groupByCommunity(city).filter((context) => ['桃园社区', '县衙社区', '大同街社区'].includes(context.name));
    expect(communities).toHaveLength(3);
    for (const context of communities) {
      const report = checkPartition({
        community: context.geometry,
        grids: context.grids.map((feature, index) => ({ id: index + 1, name: feature.properties.name, geometry: feature.geometry, targetHouseholds: feature.properties.target_households, staff: 0 })),
        buildings: context.buildings.map((feature, index) => ({ id: index + 1, name: null, households: feature.properties.households, geometry: feature.geometry })),
      });
      expect(report.problems, context.name).toEqual([]);
      expect(report.grids.reduce((sum, figures) => sum + figures.households, 0), context.name).toBe(context.households);
      expect(report.grids.reduce((sum, figures) => sum + figures.buildings, 0)).toBe(context.buildings.length);
      expect(area(context.geometry)).toBeGreaterThan(0);
    }
  });
});
