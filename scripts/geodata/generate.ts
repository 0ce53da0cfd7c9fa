// generateGeodata(seed): every file of the demo city as text, keyed by file name. Pure apart from reading the
// real county boundaries (geodata/nanyang-counties.geojson), which it also returns unchanged.

import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { SeededRandom } from '#domain/random.ts';
import { type Position, featureCollectionText, featureText, orientPolygon, recordListsText } from './geojson-text.ts';
import { roundCoordinate } from './local-frame.ts';
import { PersonNames } from './names.ts';
import { type CommunityFacts, type StaffRecord, type VolunteerTeamRecord, buildingHeadRate, makeStaff, makeVolunteerTeams } from './organisation.ts';
import { type FileSummary, type TownSummary, readmeText } from './readme.ts';
import { type BuiltTown, GRID_TARGET_HOUSEHOLDS, buildTown, streamSeed } from './town-builder.ts';
import { TOWN_PLANS } from './town-plans.ts';

export const DEFAULT_SEED = 20221;
export const COUNTIES_FILE = 'nanyang-counties.geojson';
export const COUNTIES_PATH = fileURLToPath(new URL(`../../geodata/${COUNTIES_FILE}`, import.meta.url));
export const CITY = { code: '411300', name: '南阳市', nameEn: 'Nanyang City' };

interface CountyProperties {
  Code_County: string;
  Name_County: string;
  Pinyin: string;
}
type CountyFeature = Feature<MultiPolygon, CountyProperties>;

export interface GenerateOptions {
  /** The text of the real county boundaries; read from geodata/ when absent. */
  countiesText?: string;
}

/** "Wòlóng Qū" → "Wolong District", "Dèngzhōu Shì" → "Dengzhou City". */
export function countyNameEnglish(pinyin: string): string {
  const plain = pinyin.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  const words = plain.split(/\s+/);
  const suffix = words.pop() as string;
  const kind = { Qu: 'District', Xian: 'County', Shi: 'City' }[suffix];
  if (!kind) throw new Error(`unknown county suffix in ${pinyin}`);
  return `${words.join(' ')} ${kind}`;
}

function roundRing(ring: number[][]): Position[] {
  const result: Position[] = [];
  for (const position of ring) {
    const rounded: Position = [roundCoordinate(position[0]), roundCoordinate(position[1])];
    const previous = result[result.length - 1];
    if (!previous || previous[0] !== rounded[0] || previous[1] !== rounded[1]) result.push(rounded);
  }
  return result;
}

function multiPolygonOf(geometry: Polygon | MultiPolygon): Position[][][] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.map((rings) => orientPolygon(rings.map(roundRing)));
}

export interface GeneratedCity {
  files: Record<string, string>;
  towns: BuiltTown[];
  staff: StaffRecord[];
  volunteerTeams: VolunteerTeamRecord[];
}

export function generateCity(seed: number, options: GenerateOptions = {}): GeneratedCity {
  if (!Number.isInteger(seed)) throw new Error(`the seed must be an integer, not ${seed}`);
  const countiesText = options.countiesText ?? fs.readFileSync(COUNTIES_PATH, 'utf8');
  const counties = (JSON.parse(countiesText) as FeatureCollection<MultiPolygon, CountyProperties>).features;
  const countyByCode = new Map(counties.map((county) => [county.properties.Code_County, county]));

  const towns = TOWN_PLANS.map((plan) => buildTown(plan, seed));
  for (const town of towns) {
    const county = countyByCode.get(town.plan.countyCode) as CountyFeature;
    if (!turf.booleanWithin(turf.polygon([town.ring]), county)) throw new Error(`${town.plan.streetName} (${town.plan.countyCode}) leaves its county`);
  }

  // Areas: the city, its 13 counties (real), the three generated towns and their communities.
  const areaFeatures: string[] = [];
  const area = (code: string, name: string, nameEn: string, level: string, parentCode: string | null, coordinates: Position[][][]) =>
    areaFeatures.push(
      featureText({ code, name, name_en: nameEn, level, parent_code: parentCode }, { type: 'MultiPolygon', coordinates }),
    );
  const city = turf.union(turf.featureCollection(counties as Feature<MultiPolygon>[]));
  if (!city) throw new Error('the union of the counties is empty');
  area(CITY.code, CITY.name, CITY.nameEn, 'city', null, multiPolygonOf(city.geometry));
  const sortedCounties = [...counties].sort((a, b) => (a.properties.Code_County < b.properties.Code_County ? -1 : 1));
  for (const county of sortedCounties) {
    const { Code_County: code, Name_County: name, Pinyin: pinyin } = county.properties;
    area(code, name, countyNameEnglish(pinyin), 'district', CITY.code, multiPolygonOf(county.geometry));
  }
  for (const town of towns) area(town.plan.streetCode, town.plan.streetName, town.plan.streetNameEn, 'street', town.plan.countyCode, [[town.ring]]);
  for (const town of towns) {
    for (const community of town.communities) {
      area(community.plan.code, community.plan.name, community.plan.nameEn, 'community', town.plan.streetCode, [[community.ring]]);
    }
  }

  const gridFeatures: string[] = [];
  const roadFeatures: string[] = [];
  const blockFeatures: string[] = [];
  const compoundFeatures: string[] = [];
  const buildingFeatures: string[] = [];
  const servicePointFeatures: string[] = [];
  for (const town of towns) {
    for (const road of town.roads) {
      roadFeatures.push(
        featureText({ code: road.code, name: road.name, class: road.roadClass, street_code: town.plan.streetCode }, { type: 'LineString', coordinates: road.line }),
      );
    }
    for (const community of town.communities) {
      const communityCode = community.plan.code;
      for (const grid of community.grids) {
        gridFeatures.push(
          featureText(
            { code: grid.code, name: grid.name, community_code: communityCode, party_branch: grid.partyBranch, target_households: GRID_TARGET_HOUSEHOLDS },
            { type: 'Polygon', coordinates: [grid.ring] },
          ),
        );
      }
      for (const block of community.blocks) {
        blockFeatures.push(featureText({ code: block.code, community_code: communityCode }, { type: 'Polygon', coordinates: [block.ring] }));
        for (const compound of block.compounds) {
          compoundFeatures.push(
            featureText(
              {
                code: compound.code,
                name: compound.name,
                kind: compound.kind,
                community_code: communityCode,
                grid_code: compound.gridCode,
                party_group: `${compound.name}党小组`,
                built_year: compound.builtYear,
              },
              { type: 'Polygon', coordinates: [compound.ring] },
            ),
          );
          for (const building of compound.buildings) {
            buildingFeatures.push(
              featureText(
                {
                  code: building.code,
                  name: building.name,
                  compound_code: compound.code,
                  community_code: communityCode,
                  grid_code: compound.gridCode,
                  floors: building.floors,
                  households: building.households,
                  residents: building.residents,
                  elderly_residents: building.elderlyResidents,
                },
                { type: 'Polygon', coordinates: [building.ring] },
              ),
            );
          }
        }
      }
      for (const point of community.servicePoints) {
        servicePointFeatures.push(
          featureText({ code: point.code, name: point.name, kind: point.kind, community_code: communityCode }, { type: 'Point', coordinates: point.position }),
        );
      }
    }
  }

  // Organisation: staff per grid, volunteer teams per community.
  const factsByTown = towns.map((town) =>
    town.communities.map((community): CommunityFacts => {
      const buildingsOf = (blocks: typeof community.blocks) => blocks.flatMap((block) => block.compounds.flatMap((compound) => compound.buildings));
      const buildings = buildingsOf(community.blocks);
      return {
        plan: community.plan,
        grids: community.grids.map((grid) => ({ code: grid.code, buildings: buildingsOf(grid.blocks).length })),
        buildings: buildings.length,
        residents: buildings.reduce((sum, building) => sum + building.residents, 0),
        compoundNames: community.blocks.flatMap((block) => block.compounds.map((compound) => compound.name)),
      };
    }),
  );
  const headRate = buildingHeadRate(factsByTown.flat());
  const staff: StaffRecord[] = [];
  const volunteerTeams: VolunteerTeamRecord[] = [];
  towns.forEach((town, townIndex) => {
    const names = new PersonNames(new SeededRandom(streamSeed(seed, town.plan.key, 'people')));
    for (const facts of factsByTown[townIndex]) staff.push(...makeStaff(facts, headRate, names));
    volunteerTeams.push(...makeVolunteerTeams(town.plan, factsByTown[townIndex], new SeededRandom(streamSeed(seed, town.plan.key, 'volunteers'))));
  });

  const files: Record<string, string> = {
    'areas.geojson': featureCollectionText(areaFeatures),
    'grids.geojson': featureCollectionText(gridFeatures),
    'roads.geojson': featureCollectionText(roadFeatures),
    'blocks.geojson': featureCollectionText(blockFeatures),
    'compounds.geojson': featureCollectionText(compoundFeatures),
    'buildings.geojson': featureCollectionText(buildingFeatures),
    'service_points.geojson': featureCollectionText(servicePointFeatures),
    'organisation.json': recordListsText({ staff, volunteer_teams: volunteerTeams }),
    [COUNTIES_FILE]: countiesText,
  };

  const fileSummaries: FileSummary[] = [
    { file: 'areas.geojson', contents: 'MultiPolygon areas: 1 city, 13 districts/counties (real), 3 streets/towns and their communities (generated)', count: areaFeatures.length },
    { file: 'grids.geojson', contents: 'Polygon grids (网格), partitioning each community exactly', count: gridFeatures.length },
    { file: 'roads.geojson', contents: 'LineString road centrelines (primary, secondary, residential)', count: roadFeatures.length },
    { file: 'blocks.geojson', contents: 'Polygon street blocks bounded by road centrelines', count: blockFeatures.length },
    { file: 'compounds.geojson', contents: 'Polygon courtyards and compounds (楼院/小区), each inside one grid', count: compoundFeatures.length },
    { file: 'buildings.geojson', contents: 'Polygon buildings (楼栋) with floors, households, residents, elderly residents', count: buildingFeatures.length },
    { file: 'service_points.geojson', contents: 'Point service points (党群服务站, 红色驿站, 日间照料中心, ...)', count: servicePointFeatures.length },
    { file: 'organisation.json', contents: 'grid staff (两长四员) and volunteer teams, by code', count: staff.length + volunteerTeams.length, countNote: `${staff.length} staff, ${volunteerTeams.length} teams` },
    { file: COUNTIES_FILE, contents: 'the 13 county-level units of Nanyang (real, OpenStreetMap via mapchina)', count: counties.length },
  ];
  const townSummaries: TownSummary[] = towns.map((town) => {
    const teams = volunteerTeams.filter((team) => team.community_code.startsWith(town.plan.streetCode));
    return {
      town,
      staff: staff.filter((person) => person.community_code.startsWith(town.plan.streetCode)).length,
      volunteerTeams: teams.length,
      volunteers: teams.reduce((sum, team) => sum + team.member_count, 0),
    };
  });
  files['README.md'] = readmeText(seed, fileSummaries, townSummaries);
  return { files, towns, staff, volunteerTeams };
}

/** Every file of the demo city as text, keyed by file name; the same seed always gives the same bytes. */
export function generateGeodata(seed: number = DEFAULT_SEED, options: GenerateOptions = {}): Record<string, string> {
  return generateCity(seed, options).files;
}
