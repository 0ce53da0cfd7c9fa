import { booleanPointInPolygon } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { BuildingProperties, CompoundProperties, DemoCity, GridProperties, StaffRecord, VolunteerTeamRecord } from './geodata-files.ts';

/** One community of the demo city with everything the simulations need, grouped once. */
export interface CommunityContext {
  code: string;
  name: string;
  geometry: MultiPolygon;
  grids: Feature<Polygon, GridProperties>[];
  compounds: Feature<Polygon, CompoundProperties>[];
  buildings: Feature<Polygon, BuildingProperties>[];
  blocks: Feature<Polygon>[];
  staff: StaffRecord[];
  volunteerTeams: VolunteerTeamRecord[];
  households: number;
}

export function groupByCommunity(city: DemoCity): CommunityContext[] {
  return city.areas
    .filter((area) => area.properties.level === 'community')
    .map((area) => {
      const code = area.properties.code;
      const buildings = city.buildings.filter((building) => building.properties.community_code === code);
      return {
        code,
        name: area.properties.name,
        geometry: area.geometry,
        grids: city.grids.filter((grid) => grid.properties.community_code === code),
        compounds: city.compounds.filter((compound) => compound.properties.community_code === code),
        buildings,
        blocks: city.blocks.filter((block) => block.properties.community_code === code),
        staff: city.staff.filter((person) => person.community_code === code),
        volunteerTeams: city.volunteerTeams.filter((team) => team.community_code === code),
        households: buildings.reduce((sum, building) => sum + building.properties.households, 0),
      };
    })
    .filter((community) => community.grids.length > 0);
}

export function gridContaining(community: CommunityContext, point: [number, number]): Feature<Polygon, GridProperties> | undefined {
  return community.grids.find((grid) => booleanPointInPolygon(point, grid));
}

/** The mean of a polygon's outer-ring vertices: inside for the convex footprints of the demo city. */
export function ringCentre(polygon: Polygon): [number, number] {
  const ring = polygon.coordinates[0].slice(0, -1);
  const sum = ring.reduce((total, [x, y]) => [total[0] + x, total[1] + y], [0, 0]);
  return [sum[0] / ring.length, sum[1] / ring.length];
}
