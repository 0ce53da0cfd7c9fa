/** A local equirectangular frame in metres around an origin; accurate to centimetres over a few km. */
export class LocalMetres {
  private readonly metresPerDegreeLongitude: number;
  private static readonly METRES_PER_DEGREE_LATITUDE = 110_574;

  constructor(
    readonly originLongitude: number,
    readonly originLatitude: number,
  ) {
    this.metresPerDegreeLongitude = 111_320 * Math.cos((originLatitude * Math.PI) / 180);
  }

  toMetres([longitude, latitude]: readonly number[]): [number, number] {
    return [
      (longitude - this.originLongitude) * this.metresPerDegreeLongitude,
      (latitude - this.originLatitude) * LocalMetres.METRES_PER_DEGREE_LATITUDE,
    ];
  }

  toLonLat([x, y]: readonly number[]): [number, number] {
    return [this.originLongitude + x / this.metresPerDegreeLongitude, this.originLatitude + y / LocalMetres.METRES_PER_DEGREE_LATITUDE];
  }
}
