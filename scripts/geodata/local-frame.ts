import type { Point2 } from './plane-geometry.ts';
import { LocalFrame } from '#domain/local-frame.ts';

/** Coordinates are written with 7 decimals (about 1 cm). */
export const COORDINATE_DECIMALS = 7;

export function roundCoordinate(value: number): number {
  const rounded = Math.round(value * 1e7) / 1e7;
  return rounded === 0 ? 0 : rounded; // no "-0" in the output
}

/** The shared local frame (server/domain/local-frame.ts) around a town's centre, writing positions at the files' precision. */
export class TownFrame extends LocalFrame {
  /** Longitude and latitude, already rounded to the output precision. */
  override toLonLat(point: Point2 | readonly number[]): [number, number] {
    const [longitude, latitude] = super.toLonLat(point);
    return [roundCoordinate(longitude), roundCoordinate(latitude)];
  }
}
