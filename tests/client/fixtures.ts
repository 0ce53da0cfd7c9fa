// Small, hand-made features in the shape the API gives (types from the server's schemas), for the client's unit tests.
import { gridBalance } from '#domain/grid-balance.ts';
import type { GridFeature, IncidentFeature, PatrolCoverage } from '../../client/src/api/types.ts';

/** A square grid of `households` households, about 100 m across, west-south corner at (lon, lat). */
export function grid(id: number, households: number, { lon = 112.53, lat = 33.0, target = 400, residents = households * 3, volunteers = 0 } = {}): GridFeature {
  const size = 0.001;
  return {
    type: 'Feature',
    id,
    geometry: { type: 'Polygon', coordinates: [[[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]] },
    properties: {
      id,
      code: `G${id}`,
      name: `第${id}网格`,
      communityId: 1,
      partyBranch: null,
      targetHouseholds: target,
      version: 1,
      households,
      residents,
      elderlyResidents: 0,
      buildings: 3,
      compounds: 1,
      staff: 2,
      volunteers,
      openIncidents: 0,
      balance: gridBalance(households, target),
    },
  };
}

export function incident(id: number, { lon = 112.5305, lat = 33.0005, overdue = false } = {}): IncidentFeature {
  return {
    type: 'Feature',
    id,
    geometry: { type: 'Point', coordinates: [lon, lat] },
    properties: {
      id,
      communityId: 1,
      gridId: 1,
      category: 'sanitation',
      status: 'reported',
      source: 'grid_staff',
      title: `事件 ${id}`,
      reportedAt: '2026-11-01T02:00:00Z',
      updatedAt: '2026-11-01T02:00:00Z',
      closedAt: null,
      overdue,
      // Reported at 02:00Z with the default 4 h for reported.
      dueAt: '2026-11-01T06:00:00Z',
    },
  };
}

/** Last night's coverage of a community with `patrols` patrols and one missed courtyard. */
export function coverage(patrols: number): PatrolCoverage {
  return {
    night: '2026-10-31',
    starts: '2026-10-31T12:00:00Z',
    ends: '2026-10-31T15:00:00Z',
    tonight: null,
    communityId: 1,
    patrols,
    radiusMetres: 50,
    coverage: patrols > 0 ? 0.5 : null,
    grids: [],
    missed: { type: 'FeatureCollection', features: [{ type: 'Feature', id: 9, geometry: grid(9, 0).geometry, properties: { id: 9, name: '未巡楼院', gridId: 1 } }] },
  };
}
