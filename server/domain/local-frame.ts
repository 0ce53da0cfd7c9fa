import CheapRuler from 'cheap-ruler';

/**
 * A local frame in metres around an origin (x east, y north), for laying out and moving things in a town
 * or a community: cheap-ruler's scale of the WGS84 ellipsoid at the origin's latitude. Over the few
 * kilometres of a town the scale error is below 0.1 %.
 */
export class LocalFrame {
  /** Metres per degree of longitude and of latitude at the origin. */
  readonly metresPerDegree: { longitude: number; latitude: number };

  constructor(
    readonly originLongitude: number,
    readonly originLatitude: number,
  ) {
    const ruler = new CheapRuler(originLatitude, 'meters');
    this.metresPerDegree = { longitude: ruler.kx, latitude: ruler.ky };
  }

  toMetres([longitude, latitude]: readonly number[]): [number, number] {
    return [(longitude - this.originLongitude) * this.metresPerDegree.longitude, (latitude - this.originLatitude) * this.metresPerDegree.latitude];
  }

  toLonLat([x, y]: readonly number[]): [number, number] {
    return [this.originLongitude + x / this.metresPerDegree.longitude, this.originLatitude + y / this.metresPerDegree.latitude];
  }
}
