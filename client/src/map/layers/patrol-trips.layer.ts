import { ScatterplotLayer, TripsLayer } from 'deck.gl';
import type { PatrolFeature } from '../../api/types.ts';
import { LAYER_IDS } from '../layer-ids.ts';
import { THEME_OVERLAY, type Theme } from '../palette.ts';

/** Patrol tracks with times relative to the night's first fix: epoch seconds lose precision in the GPU's 32-bit floats. */
export interface PatrolTrip {
  patrol: PatrolFeature;
  path: [number, number][];
  timestamps: number[];
}

export function toPatrolTrips(patrols: PatrolFeature[]): { trips: PatrolTrip[]; start: number; duration: number } {
  const firstTimes = patrols.flatMap((patrol) => (patrol.properties.times.length > 0 ? [patrol.properties.times[0]] : []));
  const start = firstTimes.length > 0 ? Math.min(...firstTimes) : 0;
  let end = start;
  const trips = patrols
    .filter((patrol) => patrol.geometry.coordinates.length === patrol.properties.times.length && patrol.properties.times.length > 1)
    .map((patrol) => {
      const timestamps = patrol.properties.times.map((time) => time - start);
      end = Math.max(end, start + timestamps[timestamps.length - 1]);
      return { patrol, path: patrol.geometry.coordinates as [number, number][], timestamps };
    });
  return { trips, start, duration: end - start };
}

export interface PatrolTripsOptions {
  trips: PatrolTrip[];
  theme: Theme;
  /** Seconds since the night's first fix. */
  currentTime: number;
  trailLength?: number;
  /** Tonight's patrols under way, drawn in their own colour beside last night's. */
  live?: boolean;
}

export function patrolTripsLayer({ trips, theme, currentTime, trailLength = 1500, live = false }: PatrolTripsOptions) {
  const overlay = THEME_OVERLAY[theme];
  return new TripsLayer<PatrolTrip>({
    id: live ? LAYER_IDS.livePatrolTrips : LAYER_IDS.patrolTrips,
    data: trips,
    getPath: (trip) => trip.path,
    getTimestamps: (trip) => trip.timestamps,
    getColor: live ? overlay.livePatrol : overlay.patrolTrail,
    widthMinPixels: live ? 4 : 3,
    capRounded: true,
    jointRounded: true,
    fadeTrail: true,
    trailLength,
    currentTime,
    pickable: true,
    updateTriggers: { getColor: [theme, live] },
  });
}

/** Where each patrol under way is now (its latest fix), pulsing: on the wall while tonight's patrols walk. */
export function patrolHeadsLayer({ trips, theme, pulse, radiusPixels = 7 }: { trips: PatrolTrip[]; theme: Theme; pulse: number; radiusPixels?: number }) {
  const overlay = THEME_OVERLAY[theme];
  return new ScatterplotLayer<PatrolTrip>({
    id: LAYER_IDS.patrolHeads,
    data: trips,
    getPosition: (trip) => trip.path[trip.path.length - 1],
    getFillColor: overlay.patrolHead,
    getLineColor: overlay.livePatrol,
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: 2 + 3 * pulse,
    radiusUnits: 'pixels',
    getRadius: radiusPixels * (1 + 0.35 * pulse),
    pickable: true,
    updateTriggers: { getLineWidth: [pulse], getRadius: [pulse, radiusPixels], getFillColor: [theme], getLineColor: [theme] },
  });
}
