import type pg from 'pg';
import { AREA_LEVELS } from '#domain/vocabulary.ts';
import { sql } from '../db/sql.ts';
import { bulkInsert } from './bulk-insert.ts';
import type { DemoCity } from './geodata-files.ts';

const geometryText = (feature: { geometry: unknown }) => JSON.stringify(feature.geometry);
const asGeometry = (column: string) => sql.raw(`ST_SetSRID(ST_GeomFromGeoJSON(${column}), 4326)`);

/** Loads the demo city's reference data; codes in the files are resolved to ids in SQL. */
export async function loadGeodata(client: pg.ClientBase, city: DemoCity, onProgress: (message: string) => void): Promise<void> {
  for (const level of AREA_LEVELS) {
    const areas = city.areas.filter((area) => area.properties.level === level);
    await bulkInsert(
      client,
      'areas (level, code, name, name_en, parent_id, geom)',
      [
        { name: 'level', type: 'text', value: (area) => area.properties.level },
        { name: 'code', type: 'text', value: (area) => area.properties.code },
        { name: 'name', type: 'text', value: (area) => area.properties.name },
        { name: 'name_en', type: 'text', value: (area) => area.properties.name_en },
        { name: 'parent_code', type: 'text', value: (area) => area.properties.parent_code },
        { name: 'geometry', type: 'text', value: geometryText },
      ],
      (input) => sql`SELECT input.level, input.code, input.name, input.name_en, parent.id, ST_Multi(${asGeometry('input.geometry')})
         FROM ${input} LEFT JOIN areas AS parent ON parent.code = input.parent_code
        WHERE (input.parent_code IS NULL) = (parent.id IS NULL)`,
      areas,
    );
  }
  onProgress(`areas: ${city.areas.length}`);

  await bulkInsert(
    client,
    'grids (community_id, code, name, party_branch, target_households, geom)',
    [
      { name: 'community_code', type: 'text', value: (grid) => grid.properties.community_code },
      { name: 'code', type: 'text', value: (grid) => grid.properties.code },
      { name: 'name', type: 'text', value: (grid) => grid.properties.name },
      { name: 'party_branch', type: 'text', value: (grid) => grid.properties.party_branch },
      { name: 'target_households', type: 'int', value: (grid) => grid.properties.target_households },
      { name: 'geometry', type: 'text', value: geometryText },
    ],
    (input) => sql`SELECT community.id, input.code, input.name, input.party_branch, input.target_households, ${asGeometry('input.geometry')}
       FROM ${input} JOIN areas AS community ON community.code = input.community_code AND community.level = 'community'`,
    city.grids,
  );
  // The first revision of every grid: the boundary as generated, in force since the start of the history.
  await client.query(`INSERT INTO grid_revisions (grid_id, community_id, version, author, reason, old_geom, new_geom, valid_from)
    SELECT id, community_id, version, 'system', '初始网格划分 (demo data, generated)', NULL, geom, now() - interval '2 years' FROM grids`);
  onProgress(`grids: ${city.grids.length}`);

  await bulkInsert(
    client,
    'roads (street_id, code, name, class, geom)',
    [
      { name: 'street_code', type: 'text', value: (road) => road.properties.street_code },
      { name: 'code', type: 'text', value: (road) => road.properties.code },
      { name: 'name', type: 'text', value: (road) => road.properties.name },
      { name: 'class', type: 'text', value: (road) => road.properties.class },
      { name: 'geometry', type: 'text', value: geometryText },
    ],
    (input) => sql`SELECT street.id, input.code, input.name, input.class, ${asGeometry('input.geometry')}
       FROM ${input} JOIN areas AS street ON street.code = input.street_code AND street.level = 'street'`,
    city.roads,
  );
  await bulkInsert(
    client,
    'blocks (community_id, code, geom)',
    [
      { name: 'community_code', type: 'text', value: (block) => block.properties.community_code },
      { name: 'code', type: 'text', value: (block) => block.properties.code },
      { name: 'geometry', type: 'text', value: geometryText },
    ],
    (input) => sql`SELECT community.id, input.code, ${asGeometry('input.geometry')}
       FROM ${input} JOIN areas AS community ON community.code = input.community_code`,
    city.blocks,
  );
  onProgress(`roads: ${city.roads.length}, blocks: ${city.blocks.length}`);

  await bulkInsert(
    client,
    'compounds (community_id, code, name, kind, party_group, built_year, geom)',
    [
      { name: 'community_code', type: 'text', value: (compound) => compound.properties.community_code },
      { name: 'code', type: 'text', value: (compound) => compound.properties.code },
      { name: 'name', type: 'text', value: (compound) => compound.properties.name },
      { name: 'kind', type: 'text', value: (compound) => compound.properties.kind },
      { name: 'party_group', type: 'text', value: (compound) => compound.properties.party_group },
      { name: 'built_year', type: 'int', value: (compound) => compound.properties.built_year },
      { name: 'geometry', type: 'text', value: geometryText },
    ],
    (input) => sql`SELECT community.id, input.code, input.name, input.kind, input.party_group, input.built_year, ${asGeometry('input.geometry')}
       FROM ${input} JOIN areas AS community ON community.code = input.community_code`,
    city.compounds,
  );
  await bulkInsert(
    client,
    'buildings (community_id, compound_id, code, name, floors, households, residents, elderly_residents, geom)',
    [
      { name: 'compound_code', type: 'text', value: (building) => building.properties.compound_code },
      { name: 'code', type: 'text', value: (building) => building.properties.code },
      { name: 'name', type: 'text', value: (building) => building.properties.name },
      { name: 'floors', type: 'int', value: (building) => building.properties.floors },
      { name: 'households', type: 'int', value: (building) => building.properties.households },
      { name: 'residents', type: 'int', value: (building) => building.properties.residents },
      { name: 'elderly_residents', type: 'int', value: (building) => building.properties.elderly_residents },
      { name: 'geometry', type: 'text', value: geometryText },
    ],
    (input) => sql`SELECT compound.community_id, compound.id, input.code, input.name, input.floors, input.households, input.residents,
            input.elderly_residents, ${asGeometry('input.geometry')}
       FROM ${input} JOIN compounds AS compound ON compound.code = input.compound_code`,
    city.buildings,
  );
  // Every compound and building gets its grid, by the one SQL definition (grid_of).
  await client.query(`SELECT assign_grids(id) FROM areas WHERE level = 'community'`);
  onProgress(`compounds: ${city.compounds.length}, buildings: ${city.buildings.length}`);

  await bulkInsert(
    client,
    'service_points (community_id, code, name, kind, geom)',
    [
      { name: 'community_code', type: 'text', value: (point) => point.properties.community_code },
      { name: 'code', type: 'text', value: (point) => point.properties.code },
      { name: 'name', type: 'text', value: (point) => point.properties.name },
      { name: 'kind', type: 'text', value: (point) => point.properties.kind },
      { name: 'geometry', type: 'text', value: geometryText },
    ],
    (input) => sql`SELECT community.id, input.code, input.name, input.kind, ${asGeometry('input.geometry')}
       FROM ${input} JOIN areas AS community ON community.code = input.community_code`,
    city.servicePoints,
  );
  await bulkInsert(
    client,
    'staff (community_id, grid_id, code, name, role)',
    [
      { name: 'community_code', type: 'text', value: (person) => person.community_code },
      { name: 'grid_code', type: 'text', value: (person) => person.grid_code },
      { name: 'code', type: 'text', value: (person) => person.code },
      { name: 'name', type: 'text', value: (person) => person.name },
      { name: 'role', type: 'text', value: (person) => person.role },
    ],
    (input) => sql`SELECT community.id, grid.id, input.code, input.name, input.role
       FROM ${input} JOIN areas AS community ON community.code = input.community_code
       LEFT JOIN grids AS grid ON grid.code = input.grid_code
      WHERE (input.grid_code IS NULL) = (grid.id IS NULL)`,
    city.staff,
  );
  await bulkInsert(
    client,
    'volunteer_teams (community_id, code, name, kind, member_count, squad_count)',
    [
      { name: 'community_code', type: 'text', value: (team) => team.community_code },
      { name: 'code', type: 'text', value: (team) => team.code },
      { name: 'name', type: 'text', value: (team) => team.name },
      { name: 'kind', type: 'text', value: (team) => team.kind },
      { name: 'member_count', type: 'int', value: (team) => team.member_count },
      { name: 'squad_count', type: 'int', value: (team) => team.squad_count },
    ],
    (input) => sql`SELECT community.id, input.code, input.name, input.kind, input.member_count, input.squad_count
       FROM ${input} JOIN areas AS community ON community.code = input.community_code`,
    city.volunteerTeams,
  );
  onProgress(`service points: ${city.servicePoints.length}, staff: ${city.staff.length}, volunteer teams: ${city.volunteerTeams.length}`);
}
