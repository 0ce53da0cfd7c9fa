/** Fixed deck.gl layer ids, one per domain layer; tooltips and legends key on them. */
export const LAYER_IDS = {
  grids: 'grids',
  gridLabels: 'grid-labels',
  compounds: 'compounds',
  buildings: 'buildings',
  incidentHeat: 'incident-heat',
  incidentHexagons: 'incident-hexagons',
  incidentPoints: 'incident-points',
  overdueIncidents: 'overdue-incidents',
  patrolTrips: 'patrol-trips',
  patrolHeads: 'patrol-heads',
  livePatrolTrips: 'live-patrol-trips',
  patrolMissed: 'patrol-missed',
  patrolHeat: 'patrol-heat',
  patrolIrregular: 'patrol-irregular',
  volunteerDensity: 'volunteer-density',
  servicePoints: 'service-points',
  servicePointGlyphs: 'service-point-glyphs',
  areaLabels: 'area-labels',
  reportLocation: 'report-location',
  drawnArea: 'drawn-area',
  responders: 'responders',
  uncoveredBuildings: 'uncovered-buildings',
  responderLinks: 'responder-links',
} as const;

export type LayerId = (typeof LAYER_IDS)[keyof typeof LAYER_IDS];
