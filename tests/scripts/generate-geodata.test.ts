import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, LineString, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SEED, generateCity, generateGeodata } from '../../scripts/geodata/generate.ts';
import { ROAD_HALF_WIDTH } from '../../scripts/geodata/street-network.ts';
import { AREA_LEVELS, COMPOUND_KINDS, ROAD_CLASSES, SERVICE_POINT_KINDS, STAFF_ROLES, VOLUNTEER_TEAM_KINDS } from '#domain/vocabulary.ts';

const GEODATA_DIRECTORY = fileURLToPath(new URL('../../geodata/', import.meta.url));

type Properties = Record<string, string | number | null>;
type Collection<G extends Feature['geometry']> = Feature<G, Properties>[];
interface Organisation {
  staff: { code: string; name: string; role: string; community_code: string; grid_code: string | null }[];
  volunteer_teams: { code: string; name: string; kind: string; community_code: string; member_count: number; squad_count: number }[];
}

let files: Record<string, string>;
let areas: Collection<MultiPolygon>;
let grids: Collection<Polygon>;
let roads: Collection<LineString>;
let blocks: Collection<Polygon>;
let compounds: Collection<Polygon>;
let buildings: Collection<Polygon>;
let servicePoints: Collection<Point>;
let organisation: Organisation;
let counties: Feature<MultiPolygon, { Code_County: string }>[];

const features = <G extends Feature['geometry']>(name: string) => (JSON.parse(files[name]) as FeatureCollection<G, Properties>).features;
const areaCode = (name: string, parentCode: string) => {
  const area = areas.find((candidate) => candidate.properties.name === name && candidate.properties.parent_code === parentCode);
  if (!area) throw new Error(`no area ${name} under ${parentCode}`);
  return area.properties.code as string;
};
const ofCommunity = <G extends Feature['geometry']>(collection: Collection<G>, communityCode: string) =>
  collection.filter((feature) => feature.properties.community_code === communityCode);
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/** Candidate pairs whose bounding boxes overlap (a sweep along longitude), to avoid comparing everything. */
function overlappingBoxes<A extends Feature, B extends Feature>(left: A[], right: B[], paddingDegrees = 0): [A, B][] {
  const boxesOf = <F extends Feature>(items: F[]) => items.map((item) => ({ item, box: turf.bbox(item) }));
  const rightBoxes = boxesOf(right).sort((a, b) => a.box[0] - b.box[0]);
  const pairs: [A, B][] = [];
  for (const { item, box } of boxesOf(left)) {
    for (const candidate of rightBoxes) {
      if (candidate.box[0] > box[2] + paddingDegrees) break;
      if (candidate.box[2] < box[0] - paddingDegrees || candidate.box[3] < box[1] - paddingDegrees || candidate.box[1] > box[3] + paddingDegrees) continue;
      pairs.push([item, candidate.item]);
    }
  }
  return pairs;
}

function positionsOf(geometry: Feature['geometry']): Position[] {
  switch (geometry.type) {
    case 'Point':
      return [geometry.coordinates];
    case 'LineString':
      return geometry.coordinates;
    case 'Polygon':
      return geometry.coordinates.flat();
    case 'MultiPolygon':
      return geometry.coordinates.flat(2);
    default:
      throw new Error(`unexpected ${geometry.type}`);
  }
}

beforeAll(() => {
  files = generateGeodata(DEFAULT_SEED);
  areas = features<MultiPolygon>('areas.geojson');
  grids = features<Polygon>('grids.geojson');
  roads = features<LineString>('roads.geojson');
  blocks = features<Polygon>('blocks.geojson');
  compounds = features<Polygon>('compounds.geojson');
  buildings = features<Polygon>('buildings.geojson');
  servicePoints = features<Point>('service_points.geojson');
  organisation = JSON.parse(files['organisation.json']) as Organisation;
  counties = (JSON.parse(fs.readFileSync(path.join(GEODATA_DIRECTORY, 'nanyang-counties.geojson'), 'utf8')) as FeatureCollection<MultiPolygon, { Code_County: string }>)
    .features;
});

describe('generate-geodata: reproducibility', () => {
  it('gives byte-identical files for the same seed and different files for another seed', () => {
    const again = generateGeodata(DEFAULT_SEED);
    expect(Object.keys(again)).toEqual(Object.keys(files));
    for (const name of Object.keys(files)) expect(again[name], name).toBe(files[name]);
    const other = generateGeodata(DEFAULT_SEED + 1);
    expect(other['buildings.geojson']).not.toBe(files['buildings.geojson']);
    expect(other['grids.geojson']).not.toBe(files['grids.geojson']);
  });

  it('matches the committed files in geodata/ (regenerate with `npm run generate:geodata`)', () => {
    const stale = Object.keys(files).filter((name) => {
      const target = path.join(GEODATA_DIRECTORY, name);
      return !fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== files[name];
    });
    expect(stale).toEqual([]);
  });

  it('works for other seeds too, keeping the article counts', () => {
    for (const seed of [1, 2, 3]) {
      const city = generateCity(seed);
      const community = (name: string) => city.towns.flatMap((town) => town.communities).find((candidate) => candidate.plan.name === name);
      const compoundsOf = (candidate: ReturnType<typeof community>) => candidate?.blocks.flatMap((block) => block.compounds) ?? [];
      expect(community('桃园社区')?.grids, `seed ${seed}`).toHaveLength(7);
      expect(compoundsOf(community('桃园社区')), `seed ${seed}`).toHaveLength(23);
      expect(community('县衙社区')?.grids, `seed ${seed}`).toHaveLength(5);
      const tongbai = city.towns.find((town) => town.plan.streetCode === '411330100');
      expect(tongbai?.communities.flatMap(compoundsOf), `seed ${seed}`).toHaveLength(162);
      expect(city.staff.filter((person) => person.community_code === community('桃园社区')?.plan.code), `seed ${seed}`).toHaveLength(86);
      const teams = city.volunteerTeams.filter((team) => team.community_code.startsWith('411330100'));
      expect([teams.length, sum(teams.map((team) => team.member_count))], `seed ${seed}`).toEqual([43, 22000]);
    }
  });

  it('keeps the real county file unchanged and uses codes unique within each file', () => {
    expect(files['nanyang-counties.geojson']).toBe(fs.readFileSync(path.join(GEODATA_DIRECTORY, 'nanyang-counties.geojson'), 'utf8'));
    for (const collection of [areas, grids, roads, blocks, compounds, buildings, servicePoints]) {
      const codes = collection.map((feature) => feature.properties.code);
      expect(new Set(codes).size).toBe(codes.length);
    }
    for (const list of [organisation.staff, organisation.volunteer_teams]) expect(new Set(list.map((item) => item.code)).size).toBe(list.length);
  });
});

describe('generate-geodata: the article facts', () => {
  it('has the city, its 13 counties, the three towns and their communities, all linked by parent codes', () => {
    const byCode = new Map(areas.map((area) => [area.properties.code, area]));
    expect(areas.filter((area) => area.properties.level === 'city').map((area) => area.properties.code)).toEqual(['411300']);
    expect(areas.filter((area) => area.properties.level === 'district')).toHaveLength(13);
    expect(areas.filter((area) => area.properties.level === 'street').map((area) => area.properties.code)).toEqual(['411303001', '411325100', '411330100']);
    for (const area of areas) {
      expect(AREA_LEVELS).toContain(area.properties.level);
      expect(area.geometry.type).toBe('MultiPolygon');
      if (area.properties.level === 'city') continue;
      const parent = byCode.get(area.properties.parent_code);
      expect(parent, `${area.properties.name}'s parent`).toBeDefined();
      expect(AREA_LEVELS.indexOf(parent?.properties.level as never)).toBe(AREA_LEVELS.indexOf(area.properties.level as never) - 1);
    }
    expect(areas.find((area) => area.properties.code === '411303')?.properties.name_en).toBe('Wolong District');
  });

  it('桃园社区 has 7 grids and 23 courtyards, and 86 grid staff', () => {
    const taoyuan = areaCode('桃园社区', '411303001');
    expect(ofCommunity(grids, taoyuan)).toHaveLength(7);
    const courtyards = ofCommunity(compounds, taoyuan);
    expect(courtyards).toHaveLength(23);
    expect(courtyards.every((courtyard) => courtyard.properties.kind === 'courtyard')).toBe(true);
    expect(new Set(courtyards.map((courtyard) => courtyard.properties.grid_code)).size).toBe(7);
    const staff = organisation.staff.filter((person) => person.community_code === taoyuan);
    expect(staff).toHaveLength(86);
    for (const grid of ofCommunity(grids, taoyuan)) {
      expect(staff.filter((person) => person.grid_code === grid.properties.code && person.role === 'grid_leader')).toHaveLength(1);
    }
    const perCourtyard = courtyards.map((courtyard) => buildings.filter((building) => building.properties.compound_code === courtyard.properties.code).length);
    expect(Math.min(...perCourtyard)).toBeGreaterThanOrEqual(3);
    expect(Math.max(...perCourtyard)).toBeLessThanOrEqual(10);
    expect(organisation.volunteer_teams.some((team) => team.community_code === taoyuan && team.kind === 'party_volunteers')).toBe(true);
  });

  it('县衙社区 has 5 grids and 10+ volunteer teams with the 51-member, 10-squad blue-sky rescue team', () => {
    const xianya = areaCode('县衙社区', '411325100');
    expect(ofCommunity(grids, xianya)).toHaveLength(5);
    const teams = organisation.volunteer_teams.filter((team) => team.community_code === xianya);
    expect(teams.length).toBeGreaterThanOrEqual(10);
    for (const kind of ['party_volunteers', 'blue_sky_rescue', 'security_patrol', 'poverty_relief', 'culture_sports', 'sanitation']) {
      expect(teams.map((team) => team.kind)).toContain(kind);
    }
    const rescue = teams.filter((team) => team.kind === 'blue_sky_rescue');
    expect(rescue.map((team) => [team.member_count, team.squad_count])).toEqual([[51, 10]]);
    const kinds = servicePoints.filter((point) => point.properties.community_code === xianya).map((point) => point.properties.kind);
    expect(kinds).toEqual(expect.arrayContaining(['party_service_station', 'day_care_centre', 'party_garden']));
  });

  it('桐柏县城关镇 has 162 compounds, 豫南花园 in 大同街社区, 43 teams and 22,000 volunteers', () => {
    const town = '411330100';
    const townCompounds = compounds.filter((compound) => String(compound.properties.community_code).startsWith(town));
    expect(townCompounds).toHaveLength(162);
    expect(townCompounds.every((compound) => compound.properties.kind !== 'courtyard')).toBe(true);
    const yunan = townCompounds.filter((compound) => compound.properties.name === '豫南花园');
    expect(yunan).toHaveLength(1);
    expect(yunan[0].properties.community_code).toBe(areaCode('大同街社区', town));
    areaCode('西关社区', town);
    const teams = organisation.volunteer_teams.filter((team) => team.community_code.startsWith(town));
    expect(teams).toHaveLength(43);
    expect(sum(teams.map((team) => team.member_count))).toBe(22000);
    const residents = sum(buildings.filter((building) => String(building.properties.community_code).startsWith(town)).map((building) => building.properties.residents as number));
    expect(residents).toBeGreaterThan(55000);
    expect(residents).toBeLessThan(90000);
  });

  it('places every kind of service point the article names where it names it', () => {
    const kinds = new Set(servicePoints.map((point) => point.properties.kind));
    for (const kind of SERVICE_POINT_KINDS) expect(kinds, kind).toContain(kind);
    for (const community of areas.filter((area) => area.properties.level === 'community')) {
      const here = servicePoints.filter((point) => point.properties.community_code === community.properties.code);
      expect(here.map((point) => point.properties.kind), community.properties.name as string).toContain('party_service_station');
    }
    const squares = servicePoints.filter((point) => point.properties.kind === 'party_square');
    expect(squares.map((point) => point.properties.community_code)).toEqual([areaCode('西关社区', '411330100')]);
    const yunan = compounds.find((compound) => compound.properties.name === '豫南花园') as Feature<Polygon, Properties>;
    const redStations = servicePoints.filter((point) => point.properties.kind === 'red_station');
    expect(redStations.length).toBeGreaterThanOrEqual(3);
    expect(redStations.some((point) => turf.booleanPointInPolygon(point, yunan))).toBe(true);
    for (const kind of ['red_station', 'reading_room', 'happiness_courtyard']) {
      const points = servicePoints.filter((point) => point.properties.kind === kind);
      expect(points.every((point) => String(point.properties.community_code).startsWith('411330100')), kind).toBe(true);
    }
  });
});

describe('generate-geodata: vocabularies and numbers', () => {
  it('uses only the closed vocabularies', () => {
    for (const road of roads) expect(ROAD_CLASSES).toContain(road.properties.class);
    for (const compound of compounds) expect(COMPOUND_KINDS).toContain(compound.properties.kind);
    for (const person of organisation.staff) expect(STAFF_ROLES).toContain(person.role);
    for (const team of organisation.volunteer_teams) expect(VOLUNTEER_TEAM_KINDS).toContain(team.kind);
  });

  it('gives every community with residents a security patrol team and realistic team sizes', () => {
    for (const community of areas.filter((area) => area.properties.level === 'community')) {
      const code = community.properties.code as string;
      const residents = sum(ofCommunity(buildings, code).map((building) => building.properties.residents as number));
      const teams = organisation.volunteer_teams.filter((team) => team.community_code === code);
      if (residents > 0) expect(teams.map((team) => team.kind), community.properties.name as string).toContain('security_patrol');
      expect(sum(teams.map((team) => team.member_count))).toBeLessThan(residents * 0.45);
      for (const team of teams) expect(team.squad_count).toBeGreaterThanOrEqual(1);
    }
  });

  it('has realistic households, residents and elderly shares', () => {
    for (const building of buildings) {
      const { floors, households, residents, elderly_residents: elderly } = building.properties as Record<string, number>;
      expect(floors).toBeGreaterThanOrEqual(2);
      expect(floors).toBeLessThanOrEqual(18);
      // residents ≈ households × 2.4-3.0 and elderly ≈ 15-30 % of residents, each rounded to a whole person.
      expect(residents, String(building.properties.code)).toBeGreaterThanOrEqual(Math.floor(households * 2.4));
      expect(residents, String(building.properties.code)).toBeLessThanOrEqual(Math.ceil(households * 3.0));
      expect(elderly, String(building.properties.code)).toBeGreaterThanOrEqual(Math.floor(residents * 0.15));
      expect(elderly, String(building.properties.code)).toBeLessThanOrEqual(Math.ceil(residents * 0.3));
    }
    const perGrid = grids.map((grid) => sum(buildings.filter((building) => building.properties.grid_code === grid.properties.code).map((building) => building.properties.households as number)));
    const inNorm = perGrid.filter((households) => households >= 300 && households <= 500).length;
    expect(inNorm / perGrid.length).toBeGreaterThan(0.6);
    expect(perGrid.some((households) => households < 300 || households > 500)).toBe(true);
    expect(Math.min(...perGrid)).toBeGreaterThan(150);
    expect(Math.max(...perGrid)).toBeLessThan(800);
  });
});

describe('generate-geodata: geometry', () => {
  it('writes valid polygons with counter-clockwise outer rings', () => {
    const polygons: Feature<Polygon | MultiPolygon, Properties>[] = [...areas, ...grids, ...blocks, ...compounds, ...buildings];
    for (const feature of polygons) {
      expect(turf.booleanValid(feature), String(feature.properties.code)).toBe(true);
      const outerRings = feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates[0]] : feature.geometry.coordinates.map((polygon) => polygon[0]);
      for (const ring of outerRings) {
        expect(turf.booleanClockwise(ring), String(feature.properties.code)).toBe(false);
        expect(ring[0]).toEqual(ring[ring.length - 1]);
      }
    }
    for (const feature of [...grids, ...blocks, ...compounds, ...buildings]) expect(feature.geometry.type).toBe('Polygon');
    for (const position of positionsOf(buildings[0].geometry)) for (const value of position) expect(Math.round(value * 1e7) / 1e7).toBe(value);
  });

  it('keeps every generated feature inside its real county', () => {
    const countyOf = (code: string) => counties.find((county) => county.properties.Code_County === code.slice(0, 6)) as Feature<MultiPolygon>;
    for (const street of areas.filter((area) => area.properties.level === 'street')) {
      expect(turf.booleanWithin(street, countyOf(street.properties.code as string)), street.properties.code as string).toBe(true);
    }
    const generated: Feature<Polygon | MultiPolygon | LineString | Point, Properties>[] = [
      ...areas.filter((area) => area.properties.level === 'community'),
      ...grids,
      ...blocks,
      ...compounds,
      ...buildings,
      ...servicePoints,
      ...roads,
    ];
    for (const feature of generated) {
      const code = String(feature.properties.community_code ?? feature.properties.street_code ?? feature.properties.code);
      const county = countyOf(code);
      for (const position of positionsOf(feature.geometry)) {
        if (!turf.booleanPointInPolygon(position, county)) throw new Error(`${feature.properties.code} leaves county ${code.slice(0, 6)}`);
      }
    }
  });

  it('makes grids partition their community exactly (union area equals community area, no overlaps)', () => {
    const communities = areas.filter((area) => area.properties.level === 'community');
    for (const community of communities) {
      const parts = ofCommunity(grids, community.properties.code as string);
      const union = turf.union(turf.featureCollection(parts));
      expect(union, community.properties.name as string).not.toBeNull();
      const difference = Math.abs(turf.area(union as Feature<Polygon | MultiPolygon>) - turf.area(community));
      expect(difference, community.properties.name as string).toBeLessThan(1);
      expect(Math.abs(sum(parts.map((grid) => turf.area(grid))) - turf.area(community)), community.properties.name as string).toBeLessThan(1);
    }
    let overlap = 0;
    for (const [a, b] of overlappingBoxes(grids, grids)) {
      if (String(a.properties.code) >= String(b.properties.code)) continue;
      const intersection = turf.intersect(turf.featureCollection([a, b]));
      if (intersection) overlap += turf.area(intersection);
    }
    expect(overlap).toBeLessThan(1);
    for (const street of areas.filter((area) => area.properties.level === 'street')) {
      const own = communities.filter((community) => community.properties.parent_code === street.properties.code);
      expect(Math.abs(sum(own.map((community) => turf.area(community))) - turf.area(street))).toBeLessThan(1);
    }
  });

  it('puts every compound inside exactly one grid, its own, and keeps it clear of road centrelines', () => {
    for (const [compound, grid] of overlappingBoxes(compounds, grids)) {
      const inside = turf.booleanWithin(compound, grid);
      expect(inside, `${compound.properties.code} in ${grid.properties.code}`).toBe(grid.properties.code === compound.properties.grid_code);
    }
    const padding = 40 / 111_000;
    for (const [compound, road] of overlappingBoxes(compounds, roads, padding)) {
      const needed = ROAD_HALF_WIDTH[road.properties.class as keyof typeof ROAD_HALF_WIDTH] + 3;
      expect(turf.booleanIntersects(compound, road), `${compound.properties.code} × ${road.properties.code}`).toBe(false);
      const closest = Math.min(
        ...compound.geometry.coordinates[0].map((position) => turf.pointToLineDistance(position, road, { units: 'meters' })),
        ...road.geometry.coordinates.map((position) => turf.pointToLineDistance(position, turf.polygonToLine(compound) as Feature<LineString>, { units: 'meters' })),
      );
      expect(closest, `${compound.properties.code} × ${road.properties.code}`).toBeGreaterThanOrEqual(needed - 0.05);
    }
  });

  it('puts every building inside exactly one compound and one grid, without overlaps', () => {
    const compoundPairs = new Map<string, string[]>();
    for (const [building, compound] of overlappingBoxes(buildings, compounds)) {
      if (!turf.booleanWithin(building, compound)) continue;
      compoundPairs.set(String(building.properties.code), [...(compoundPairs.get(String(building.properties.code)) ?? []), String(compound.properties.code)]);
    }
    const gridPairs = new Map<string, string[]>();
    for (const [building, grid] of overlappingBoxes(buildings, grids)) {
      if (!turf.booleanWithin(building, grid)) continue;
      gridPairs.set(String(building.properties.code), [...(gridPairs.get(String(building.properties.code)) ?? []), String(grid.properties.code)]);
    }
    for (const building of buildings) {
      expect(compoundPairs.get(String(building.properties.code)), String(building.properties.code)).toEqual([building.properties.compound_code]);
      expect(gridPairs.get(String(building.properties.code)), String(building.properties.code)).toEqual([building.properties.grid_code]);
    }
    const overlapping = overlappingBoxes(buildings, buildings).filter(
      ([a, b]) => String(a.properties.code) < String(b.properties.code) && turf.booleanIntersects(a, b),
    );
    expect(overlapping.map(([a, b]) => `${a.properties.code} × ${b.properties.code}`)).toEqual([]);
  });

  it('keeps buildings off the roads and service points inside their community, off the roads', () => {
    const padding = 30 / 111_000;
    for (const [building, road] of overlappingBoxes(buildings, roads, padding)) {
      const halfWidth = ROAD_HALF_WIDTH[road.properties.class as keyof typeof ROAD_HALF_WIDTH];
      const closest = Math.min(...building.geometry.coordinates[0].map((position) => turf.pointToLineDistance(position, road, { units: 'meters' })));
      expect(closest, `${building.properties.code} × ${road.properties.code}`).toBeGreaterThan(halfWidth);
      expect(turf.booleanIntersects(building, road)).toBe(false);
    }
    for (const point of servicePoints) {
      const community = areas.find((area) => area.properties.code === point.properties.community_code) as Feature<MultiPolygon>;
      expect(turf.booleanPointInPolygon(point, community), String(point.properties.code)).toBe(true);
      const nearestRoad = Math.min(
        ...roads.map((road) => turf.pointToLineDistance(point, road, { units: 'meters' }) - ROAD_HALF_WIDTH[road.properties.class as keyof typeof ROAD_HALF_WIDTH]),
      );
      expect(nearestRoad, String(point.properties.code)).toBeGreaterThan(3);
    }
  });
});
