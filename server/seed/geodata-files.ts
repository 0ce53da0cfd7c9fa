import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Feature, FeatureCollection, LineString, MultiPolygon, Point, Polygon } from 'geojson';
import type { AreaLevel, CompoundKind, RoadClass, ServicePointKind, StaffRole, VolunteerTeamKind } from '#domain/vocabulary.ts';

/** The demo city's files (written by scripts/generate-geodata.ts; see geodata/README.md). */
export const GEODATA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../geodata');

export interface AreaProperties { code: string; name: string; name_en: string; level: AreaLevel; parent_code: string | null }
export interface GridProperties { code: string; name: string; community_code: string; party_branch: string; target_households: number }
export interface RoadProperties { code: string; name: string; class: RoadClass; street_code: string }
export interface BlockProperties { code: string; community_code: string }
export interface CompoundProperties { code: string; name: string; kind: CompoundKind; community_code: string; grid_code: string; party_group: string; built_year: number }
export interface BuildingProperties { code: string; name: string; compound_code: string; community_code: string; grid_code: string; floors: number; households: number; residents: number; elderly_residents: number }
export interface ServicePointProperties { code: string; name: string; kind: ServicePointKind; community_code: string }
export interface StaffRecord { code: string; name: string; role: StaffRole; community_code: string; grid_code: string | null }
export interface VolunteerTeamRecord { code: string; name: string; kind: VolunteerTeamKind; community_code: string; member_count: number; squad_count: number }

export interface DemoCity {
  areas: Feature<MultiPolygon, AreaProperties>[];
  grids: Feature<Polygon, GridProperties>[];
  roads: Feature<LineString, RoadProperties>[];
  blocks: Feature<Polygon, BlockProperties>[];
  compounds: Feature<Polygon, CompoundProperties>[];
  buildings: Feature<Polygon, BuildingProperties>[];
  servicePoints: Feature<Point, ServicePointProperties>[];
  staff: StaffRecord[];
  volunteerTeams: VolunteerTeamRecord[];
}

function readFeatures<G extends Feature['geometry'], P>(directory: string, file: string): Feature<G, P>[] {
  const collection = JSON.parse(fs.readFileSync(path.join(directory, file), 'utf8')) as FeatureCollection<G, P>;
  return collection.features;
}

export function readDemoCity(directory = GEODATA_DIR): DemoCity {
  const organisation = JSON.parse(fs.readFileSync(path.join(directory, 'organisation.json'), 'utf8')) as {
    staff: StaffRecord[];
    volunteer_teams: VolunteerTeamRecord[];
  };
  return {
    areas: readFeatures(directory, 'areas.geojson'),
    grids: readFeatures(directory, 'grids.geojson'),
    roads: readFeatures(directory, 'roads.geojson'),
    blocks: readFeatures(directory, 'blocks.geojson'),
    compounds: readFeatures(directory, 'compounds.geojson'),
    buildings: readFeatures(directory, 'buildings.geojson'),
    servicePoints: readFeatures(directory, 'service_points.geojson'),
    staff: organisation.staff,
    volunteerTeams: organisation.volunteer_teams,
  };
}
