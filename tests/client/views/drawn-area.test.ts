// The drawn area lives in the URL: it must come back exactly from a shared link, be sent to the API as a polygon the
// server accepts, and be refused (with the server's own reason) when the geometry rules would refuse it.
import { area as turfArea, booleanPointInPolygon, distance } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { checkArea } from '#domain/geometry-rules.ts';
import { areaFromDrawing, areaPolygon, CIRCLE_STEPS, parseArea, writeArea, type DrawnArea } from '../../../client/src/views/analyze/drawn-area.ts';

const parsed = (value: string) => {
  const result = parseArea(value);
  if (!('area' in result)) throw new Error(result.problem);
  return result.area;
};

describe('a drawn area in the URL', () => {
  const shapes: DrawnArea[] = [
    { kind: 'circle', center: [112.531234, 32.991234], radiusMetres: 850 },
    { kind: 'rectangle', bbox: [112.52, 32.98, 112.54, 33.0] },
    { kind: 'polygon', ring: [[112.52, 32.98], [112.54, 32.98], [112.53, 33.0]] },
  ];

  it('comes back the same from its text, for a circle, a rectangle and a polygon', () => {
    for (const shape of shapes) expect(parsed(writeArea(shape))).toEqual(shape);
  });

  it('keeps 6 decimals (about 0.1 m) and stays short enough to share', () => {
    expect(writeArea({ kind: 'circle', center: [112.1234567891, 32.9876543219], radiusMetres: 850.4 })).toBe('c:112.123457,32.987654,850');
    expect(writeArea(shapes[0]).length).toBeLessThan(40);
  });

  it('is sent as a closed polygon the server accepts; a circle as a 64-sided one of the right radius and area', () => {
    for (const shape of shapes) {
      const polygon = areaPolygon(shape);
      expect(checkArea(polygon)).toEqual({ valid: true });
      expect(polygon.coordinates[0][0]).toEqual(polygon.coordinates[0].at(-1));
    }
    const circle = areaPolygon(shapes[0]);
    expect(circle.coordinates[0]).toHaveLength(CIRCLE_STEPS + 1);
    for (const corner of circle.coordinates[0]) expect(distance([112.531234, 32.991234], corner, { units: 'meters' })).toBeCloseTo(850, 0);
    // A 64-gon holds 99.8% of its circle's area.
    expect(turfArea(circle) / (Math.PI * 850 ** 2)).toBeCloseTo(0.998, 3);
    expect(booleanPointInPolygon([112.531234, 32.991234], circle)).toBe(true);
  });

  it('refuses, with a reason, what is not an area: bad text, a bow tie, a reversed rectangle, a circle outside the service area', () => {
    expect(parseArea('x:1,2')).toHaveProperty('problem');
    expect(parseArea('c:112.5,33,abc')).toHaveProperty('problem');
    expect(parseArea('r:112.54,32.98,112.52,33.00')).toHaveProperty('problem');
    expect(parseArea('c:0,0,500')).toHaveProperty('problem');
    expect(parseArea('c:112.5,33,0')).toHaveProperty('problem');
    const bowTie = parseArea('p:112.50,33.00,112.51,33.01,112.51,33.00,112.50,33.01');
    expect(bowTie).toEqual({ problem: expect.stringMatching(/cross/i) });
  });
});

describe('a finished drawing', () => {
  it('becomes a short circle (centre and radius) from terra-draw’s circle polygon', () => {
    const circle = areaPolygon({ kind: 'circle', center: [112.53, 32.99], radiusMetres: 600 });
    const result = areaFromDrawing('circle', circle.coordinates[0], 0.6);
    expect('area' in result && result.area).toMatchObject({ kind: 'circle', radiusMetres: 600 });
    const center = ('area' in result && result.area.kind === 'circle' && result.area.center) as [number, number];
    expect(distance(center, [112.53, 32.99], { units: 'meters' })).toBeLessThan(1);
  });

  it('becomes a rectangle from its four corners, and a polygon from its ring without the closing point', () => {
    const ring = [[112.52, 32.98], [112.54, 32.98], [112.54, 33.0], [112.52, 33.0], [112.52, 32.98]];
    expect(areaFromDrawing('rectangle', ring)).toEqual({ area: { kind: 'rectangle', bbox: [112.52, 32.98, 112.54, 33.0] } });
    expect(areaFromDrawing('polygon', ring)).toEqual({ area: { kind: 'polygon', ring: ring.slice(0, -1) } });
  });
});
