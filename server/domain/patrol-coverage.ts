// Patrol coverage (DESIGN.md §6): a courtyard counts as covered on a patrol night when some GPS point of
// that night came within this distance of it. The night itself is defined in local-time.ts.

export const PATROL_COVERAGE_RADIUS_METRES = 50;
