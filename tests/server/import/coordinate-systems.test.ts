import { describe, expect, it } from 'vitest';
import { positionFromWgs84, positionToWgs84 } from '#domain/coordinate-systems.ts';

// Published test points: GCJ-02 pairs from eviltransform's test suite (github.com/googollee/eviltransform,
// python/tests.py), BD-09 outputs from coordtransform's README example (github.com/wandergis/coordtransform).

/** Metres between two [longitude, latitude] positions (equirectangular; exact enough within a few km). */
function metres([x1, y1]: [number, number], [x2, y2]: [number, number]): number {
  const radians = Math.PI / 180;
  const dx = (x2 - x1) * radians * Math.cos(((y1 + y2) / 2) * radians);
  const dy = (y2 - y1) * radians;
  return Math.hypot(dx, dy) * 6_371_008.8;
}

const GCJ02_PAIRS: { place: string; wgs84: [number, number]; gcj02: [number, number] }[] = [
  { place: 'Shanghai', wgs84: [121.5272106, 31.1774276], gcj02: [121.531541859215, 31.17530398364597] },
  { place: 'Shenzhen', wgs84: [113.912316, 22.543847], gcj02: [113.9171764808363, 22.540796131694766] },
  { place: 'Beijing', wgs84: [116.377817, 39.911954], gcj02: [116.38404722455657, 39.91334545536069] },
];

describe('coordinate systems', () => {
  it.each(GCJ02_PAIRS)('takes GCJ-02 to WGS84 within 1 m of the published truth ($place)', ({ wgs84, gcj02 }) => {
    expect(metres(positionToWgs84(gcj02, 'gcj02'), wgs84)).toBeLessThan(1);
    // Taken as WGS84, the same coordinates are hundreds of metres off: the conversion matters.
    expect(metres(gcj02, wgs84)).toBeGreaterThan(100);
    expect(metres(positionFromWgs84(wgs84, 'gcj02'), gcj02)).toBeLessThan(0.01);
  });

  it('takes BD-09 through GCJ-02 as the published formulas do', () => {
    const bd09: [number, number] = [116.404, 39.915];
    // coordtransform: bd09togcj02(116.404, 39.915) = [116.39762729119315, 39.90865673957631]
    const gcj02: [number, number] = [116.39762729119315, 39.90865673957631];
    expect(metres(positionToWgs84(bd09, 'bd09'), positionToWgs84(gcj02, 'gcj02'))).toBeLessThan(0.01);
    // And back: a WGS84 point sent through BD-09 returns within 1 m.
    const wgs84: [number, number] = [112.5285, 32.9905];
    expect(metres(positionToWgs84(positionFromWgs84(wgs84, 'bd09'), 'bd09'), wgs84)).toBeLessThan(1);
  });

  it('leaves WGS84 alone', () => {
    expect(positionToWgs84([112.5, 33], 'wgs84')).toEqual([112.5, 33]);
  });
});
