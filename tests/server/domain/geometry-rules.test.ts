import { describe, expect, it } from 'vitest';
import { checkArea, checkPoint, MAX_AREA_VERTICES } from '#domain/geometry-rules.ts';

const square = [[[112.49, 32.97], [112.5, 32.97], [112.5, 32.98], [112.49, 32.98], [112.49, 32.97]]];
const reason = (result: ReturnType<typeof checkArea>) => (result.valid ? 'valid' : result.reason);

describe('geometry rules shared by the server and the planner', () => {
  it('accepts a simple polygon and a multipolygon inside Nanyang', () => {
    expect(checkArea({ type: 'Polygon', coordinates: square })).toEqual({ valid: true });
    expect(checkArea({ type: 'MultiPolygon', coordinates: [square, square.map((ring) => ring.map(([x, y]) => [x + 0.1, y]))] })).toEqual({ valid: true });
  });

  it('names each problem so a person can fix it', () => {
    expect(reason(checkArea({ type: 'Point', coordinates: [112.5, 32.97] }))).toMatch(/Polygon or MultiPolygon/);
    expect(reason(checkArea({ type: 'Polygon', coordinates: [square[0].slice(0, -1)] }))).toMatch(/not closed/);
    expect(reason(checkArea({ type: 'Polygon', coordinates: [[[112.49, 32.97], [112.5, 32.98], [112.5, 32.97], [112.49, 32.98], [112.49, 32.97]]] }))).toMatch(/crosses itself/);
    expect(reason(checkArea({ type: 'Polygon', coordinates: [square[0].map(([x, y]) => [y, x])] }))).toMatch(/swapped/);
    expect(reason(checkArea({ type: 'Polygon', coordinates: [square[0].map(([x, y]) => [x * 111_320, y * 118_000])] }))).toMatch(/EPSG:3857/);
    expect(reason(checkArea({ type: 'Polygon', coordinates: [square[0].map(([x, y]) => [x + 4, y + 7])] }))).toMatch(/outside the service area/);
    expect(reason(checkArea({ type: 'Polygon', coordinates: [[[Number.NaN, 32.97], [112.5, 32.97], [112.5, 32.98], [Number.NaN, 32.97]]] }))).toMatch(/finite/);
    const many = Array.from({ length: MAX_AREA_VERTICES + 1 }, (_, index) => [112.5 + 0.01 * Math.cos(index), 32.98 + 0.01 * Math.sin(index)]);
    expect(reason(checkArea({ type: 'Polygon', coordinates: [[...many, many[0]]] }))).toMatch(/more than 10000 vertices/);
  });

  it('accepts a vertex repeated in a row, as PostGIS does, but not a ring that repeats itself down to two corners', () => {
    const [a, b, c, d, e] = square[0];
    expect(checkArea({ type: 'Polygon', coordinates: [[a, b, b, c, d, d, e]] })).toEqual({ valid: true });
    expect(reason(checkArea({ type: 'Polygon', coordinates: [[a, a, b, b, a]] }))).toMatch(/at least 3 different corners/);
  });

  it('checks report locations the same way', () => {
    expect(checkPoint({ type: 'Point', coordinates: [112.5, 32.98] })).toEqual({ valid: true });
    expect(reason(checkPoint({ type: 'Point', coordinates: [32.98, 112.5] }))).toMatch(/swapped/);
    expect(reason(checkPoint({ type: 'Polygon', coordinates: square }))).toMatch(/must be Point/);
  });
});
