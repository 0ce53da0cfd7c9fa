// Patrols under way on the wall: the live stream's `patrol.position` events (GET /api/events) appended to the
// patrols the list gave, so a track grows as the patrol walks, without polling and without a reload.
import { useCallback, useState } from 'react';
import type { LiveMessage } from '../../api/live-events.ts';
import type { PatrolFeature } from '../../api/types.ts';

/** What a `patrol.position` event carries: the new fixes of one patrol, as [longitude, latitude, epoch second]. */
export interface PatrolPositions {
  patrolId: number;
  teamId: number;
  team: string;
  communityId: number;
  startedAt: string;
  points: [number, number, number][];
}

/** The patrols with the live fixes appended (each fix once, in time order); a patrol first seen live becomes a feature. */
export function withLivePositions(patrols: readonly PatrolFeature[], live: readonly PatrolPositions[]): PatrolFeature[] {
  const byId = new Map(patrols.map((patrol) => [patrol.properties.id, { ...patrol, geometry: { ...patrol.geometry, coordinates: [...patrol.geometry.coordinates] }, properties: { ...patrol.properties, times: [...patrol.properties.times] } }]));
  for (const event of live) {
    let patrol = byId.get(event.patrolId);
    if (!patrol) {
      patrol = {
        type: 'Feature',
        id: event.patrolId,
        geometry: { type: 'LineString', coordinates: [] },
        properties: { id: event.patrolId, teamId: event.teamId, team: event.team, communityId: event.communityId, startedAt: event.startedAt, endedAt: event.startedAt, distanceMetres: 0, times: [] },
      };
      byId.set(event.patrolId, patrol);
    }
    for (const [longitude, latitude, time] of event.points) {
      const times = patrol.properties.times;
      if (times.includes(time)) continue;
      // Fixes usually arrive in order; a late one is put in its place.
      let index = times.length;
      while (index > 0 && times[index - 1] > time) index--;
      times.splice(index, 0, time);
      patrol.geometry.coordinates.splice(index, 0, [longitude, latitude]);
    }
    const last = patrol.properties.times.at(-1);
    if (last !== undefined) patrol.properties.endedAt = new Date(last * 1000).toISOString();
  }
  return [...byId.values()];
}

/** The live positions of `communityId`'s patrols received since it came on screen, and the listener that collects them. */
export function useLivePatrolPositions(communityId: number | null) {
  const [received, setReceived] = useState<{ communityId: number | null; positions: PatrolPositions[] }>({ communityId, positions: [] });
  const onMessage = useCallback(
    (message: LiveMessage) => {
      if (message.event !== 'patrol.position') return;
      const positions = JSON.parse(message.data) as PatrolPositions;
      setReceived((current) => {
        // A new community on screen starts afresh; another community's patrols are not drawn.
        const base = current.communityId === communityId ? current.positions : [];
        return { communityId, positions: positions.communityId === communityId ? [...base, positions] : base };
      });
    },
    [communityId],
  );
  return { positions: received.communityId === communityId ? received.positions : [], onMessage };
}
