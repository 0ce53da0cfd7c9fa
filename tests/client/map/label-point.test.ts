// A grid's name must sit inside the grid, also for a U-shaped grid whose middle is outside it.
import { describe, expect, it } from 'vitest';
import { booleanPointInPolygon, polygonToLine, pointToLineDistance } from '@turf/turf';
import { polygonLabelPoint } from '../../../client/src/map/layers/label-point.ts';

describe('polygonLabelPoint', () => {
  it('puts the label of a convex grid in the middle of its box', () => {
    expect(polygonLabelPoint([[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]])).toEqual([1, 1]);
  });

  it('puts the label of a U-shaped grid inside one of its arms, away from the edges, not in the empty middle', () => {
    // A U opening north: arms 0-1 and 3-4 wide, joined by a base 0-1 high; the box's middle (2, 2) is outside.
    const rings = [[[0, 0], [4, 0], [4, 4], [3, 4], [3, 1], [1, 1], [1, 4], [0, 4], [0, 0]]];
    const point = polygonLabelPoint(rings);
    const polygon = { type: 'Polygon' as const, coordinates: rings };
    expect(booleanPointInPolygon(point, polygon, { ignoreBoundary: true })).toBe(true);
    expect(pointToLineDistance(point, polygonToLine(polygon) as never, { units: 'degrees' })).toBeGreaterThan(0.4);
  });

  it('keeps a grid’s hole (a courtyard of another grid) out of the label', () => {
    const rings = [
      [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]],
      [[1, 1], [3, 1], [3, 3], [1, 3], [1, 1]],
    ];
    const point = polygonLabelPoint(rings);
    expect(booleanPointInPolygon(point, { type: 'Polygon', coordinates: rings }, { ignoreBoundary: true })).toBe(true);
  });
});
