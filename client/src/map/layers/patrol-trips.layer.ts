import { TripsLayer } from 'deck.gl';
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
}

export function patrolTripsLayer({ trips, theme, currentTime, trailLength = 1500 }: PatrolTripsOptions) {
  const overlay = THEME_OVERLAY[theme];
  return new TripsLayer<PatrolTrip>({
    id: LAYER_IDS.patrolTrips,
    data: trips,
    getPath: (trip) => trip.path,
    getTimestamps: (trip) => trip.timestamps,
    getColor: overlay.patrolTrail,
    widthMinPixels: 3,
    capRounded: true,
    jointRounded: true,
    fadeTrail: true,
    trailLength,
    currentTime,
    pickable: true,
    updateTriggers: { getColor: [theme] },
  });
}
