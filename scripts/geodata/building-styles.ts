import type { CompoundKind } from '#domain/vocabulary.ts';

/**
 * How the buildings of one kind of compound look. Households per building are floors × units per floor ×
 * stairwells (单元); a stairwell section is `stairwellWidth` metres long, so a building's length follows from its
 * stairwells. Row spacing grows with height (a simplified sunlight spacing rule).
 */
export interface BuildingStyle {
  kind: CompoundKind;
  floors: [number, number];
  /** The usual floor count of a compound; its buildings vary by one floor around it, within `floors`. */
  typicalFloors?: [number, number];
  unitsPerFloor: [number, number];
  stairwells: [number, number];
  /** Metres of building length per stairwell, per unit on a floor. */
  widthPerUnit: number;
  depth: number;
  /** Gap between buildings in a row, metres. */
  columnGap: number;
  /** Rows are at least this far apart, and at least rowGapPerFloor × floors. */
  minimumRowGap: number;
  rowGapPerFloor: number;
  builtYear: [number, number];
  personsPerHousehold: [number, number];
  elderlyShare: [number, number];
  buildings: [number, number];
  /** Households a compound of this style usually has. */
  households: [number, number];
}

export const BUILDING_STYLES = {
  /** 老旧楼院: 1970s-90s walk-ups around a shared yard, many retired residents. */
  oldCourtyard: {
    kind: 'courtyard',
    floors: [2, 7],
    typicalFloors: [3, 6],
    unitsPerFloor: [2, 2],
    stairwells: [1, 3],
    widthPerUnit: 6.5,
    depth: 10.5,
    columnGap: 8,
    minimumRowGap: 8,
    rowGapPerFloor: 2.1,
    builtYear: [1974, 1998],
    personsPerHousehold: [2.4, 2.8],
    elderlyShare: [0.22, 0.3],
    buildings: [4, 10],
    households: [110, 190],
  },
  /** 单位家属院: a work unit's staff housing. */
  workUnit: {
    kind: 'work_unit_compound',
    floors: [4, 7],
    unitsPerFloor: [2, 2],
    stairwells: [2, 4],
    widthPerUnit: 6.5,
    depth: 11,
    columnGap: 10,
    minimumRowGap: 9,
    rowGapPerFloor: 2.1,
    builtYear: [1968, 1996],
    personsPerHousehold: [2.4, 2.8],
    elderlyShare: [0.22, 0.3],
    buildings: [2, 8],
    households: [60, 160],
  },
  /** 多层小区: six- and seven-storey walk-ups of the late 1990s and 2000s. */
  walkUp: {
    kind: 'residential_compound',
    floors: [6, 7],
    unitsPerFloor: [2, 2],
    stairwells: [2, 4],
    widthPerUnit: 7,
    depth: 12,
    columnGap: 10,
    minimumRowGap: 12,
    rowGapPerFloor: 2.2,
    builtYear: [1996, 2010],
    personsPerHousehold: [2.5, 3.0],
    elderlyShare: [0.17, 0.25],
    buildings: [2, 10],
    households: [60, 170],
  },
  /** 小高层: nine- to twelve-storey slabs with lifts. */
  midRise: {
    kind: 'residential_compound',
    floors: [9, 12],
    unitsPerFloor: [2, 2],
    stairwells: [2, 3],
    widthPerUnit: 7.5,
    depth: 12.5,
    columnGap: 12,
    minimumRowGap: 18,
    rowGapPerFloor: 2,
    builtYear: [2005, 2018],
    personsPerHousehold: [2.6, 3.0],
    elderlyShare: [0.15, 0.2],
    buildings: [2, 10],
    households: [110, 230],
  },
  /** 高层: fifteen- to eighteen-storey point towers. */
  highRise: {
    kind: 'residential_compound',
    floors: [15, 18],
    unitsPerFloor: [3, 4],
    stairwells: [1, 2],
    widthPerUnit: 8,
    depth: 17,
    columnGap: 14,
    minimumRowGap: 24,
    rowGapPerFloor: 1.8,
    builtYear: [2010, 2021],
    personsPerHousehold: [2.6, 3.0],
    elderlyShare: [0.15, 0.18],
    buildings: [3, 10],
    households: [220, 400],
  },
} satisfies Record<string, BuildingStyle>;

export type BuildingStyleName = keyof typeof BUILDING_STYLES;
