import { describe, expect, it } from 'vitest';
import type { PatrolFeature } from '../../../client/src/api/types.ts';
import { withLivePositions, type PatrolPositions } from '../../../client/src/views/screen/live-patrols.ts';

const listed: PatrolFeature = {
  type: 'Feature',
  id: 7,
  geometry: { type: 'LineString', coordinates: [[112.53, 33.0], [112.531, 33.0]] },
  properties: { id: 7, teamId: 3, team: '桃园社区治安巡逻队', communityId: 31, startedAt: '2026-11-30T12:00:00.000Z', endedAt: '2026-11-30T12:00:15.000Z', distanceMetres: 90, times: [1796040000, 1796040015] },
};
const event = (patrolId: number, points: [number, number, number][]): PatrolPositions => ({ patrolId, teamId: 3, team: '桃园社区治安巡逻队', communityId: 31, startedAt: '2026-11-30T12:00:00.000Z', points });

describe('live patrol positions on the wall', () => {
  it('extend the listed patrol in time order, each fix once, and leave the list itself alone', () => {
    const merged = withLivePositions([listed], [event(7, [[112.532, 33.0, 1796040030]]), event(7, [[112.5315, 33.0, 1796040022], [112.532, 33.0, 1796040030]])]);
    expect(merged).toHaveLength(1);
    expect(merged[0].properties.times).toEqual([1796040000, 1796040015, 1796040022, 1796040030]);
    expect(merged[0].geometry.coordinates).toEqual([[112.53, 33.0], [112.531, 33.0], [112.5315, 33.0], [112.532, 33.0]]);
    expect(merged[0].properties.endedAt).toBe(new Date(1796040030 * 1000).toISOString());
    expect(listed.properties.times).toHaveLength(2);
  });

  it('make a patrol first seen live into a track of its own', () => {
    const merged = withLivePositions([listed], [event(8, [[112.54, 33.01, 1796041000], [112.541, 33.01, 1796041015]])]);
    expect(merged.map((patrol) => patrol.properties.id)).toEqual([7, 8]);
    expect(merged[1]).toMatchObject({ geometry: { coordinates: [[112.54, 33.01], [112.541, 33.01]] }, properties: { team: '桃园社区治安巡逻队', communityId: 31, times: [1796041000, 1796041015] } });
  });
});
