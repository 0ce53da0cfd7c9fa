// Hexagon surfaces in metres: ST_HexagonGrid works in the units of its geometry, so hexagons are laid in
// Web Mercator (3857) and stretched by 1 / cos(latitude) to be the asked size on the ground there.
import { sql, type SqlFragment } from '../db/sql.ts';

/** ST_HexagonGrid's size (edge length) for hexagons `acrossMetres` flat to flat on the ground at `latitude` (a SQL expression, degrees). */
export const mercatorHexagonSize = (acrossMetres: number, latitude: SqlFragment): SqlFragment =>
  sql`(${acrossMetres / Math.sqrt(3)}::float8 / cos(radians(${latitude})))`;
