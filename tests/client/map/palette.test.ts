// The category colours must be told apart at a glance (治安 and 民生诉求 once shared a blue), and the densest
// hexbin class must be visible on the light basemap.
import { describe, expect, it } from 'vitest';
import { CATEGORY_COLOURS, RAMPS } from '../../../client/src/map/palette.ts';

/** CIELAB (D65) of a hex colour; the distance between two is ΔE*76. */
function lab(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  const linear = [(value >> 16) & 255, (value >> 8) & 255, value & 255].map((channel) => {
    const share = channel / 255;
    return share > 0.04045 ? ((share + 0.055) / 1.055) ** 2.4 : share / 12.92;
  });
  const [red, green, blue] = linear;
  const xyz = [(red * 0.4124 + green * 0.3576 + blue * 0.1805) / 0.95047, red * 0.2126 + green * 0.7152 + blue * 0.0722, (red * 0.0193 + green * 0.1192 + blue * 0.9505) / 1.08883];
  const [x, y, z] = xyz.map((part) => (part > 0.008856 ? Math.cbrt(part) : 7.787 * part + 16 / 116));
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

const distance = (a: string, b: string) => Math.hypot(...lab(a).map((part, index) => part - lab(b)[index]));

describe('palette', () => {
  it('gives every pair of incident categories clearly different colours (ΔE ≥ 20)', () => {
    const entries = Object.entries(CATEGORY_COLOURS);
    for (let a = 0; a < entries.length; a++) {
      for (let b = a + 1; b < entries.length; b++) {
        expect(distance(entries[a][1], entries[b][1]), `${entries[a][0]} and ${entries[b][0]}`).toBeGreaterThanOrEqual(20);
      }
    }
    expect(distance(CATEGORY_COLOURS.public_security, CATEGORY_COLOURS.livelihood_request)).toBeGreaterThan(40);
  });

  it('ends the hexbin ramp in a colour that stands out from the light basemap, not white', () => {
    const basemap = '#e9edf2';
    expect(RAMPS.incidentHexagons).toHaveLength(6);
    expect(RAMPS.incidentHexagons).not.toContain('#ffffff');
    for (const colour of RAMPS.incidentHexagons) expect(distance(colour, basemap), colour).toBeGreaterThan(20);
  });
});
