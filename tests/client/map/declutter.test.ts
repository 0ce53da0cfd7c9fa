import { describe, expect, it } from 'vitest';
import { declutterLabels, textEms, worldPixels } from '../../../client/src/map/declutter.ts';

const label = (name: string, lonLat: [number, number], households = 0) => ({ name, lonLat, households });
const options = (zoom: number) => ({ zoom, size: 12, position: (item: ReturnType<typeof label>) => item.lonLat, text: (item: ReturnType<typeof label>) => item.name, priority: (item: ReturnType<typeof label>) => item.households });

describe('label decluttering', () => {
  it('keeps the bigger grid when two names would overlap, and both when zoomed in far enough', () => {
    const near = [label('桃园社区第1网格', [112.5, 33.0], 300), label('桃园社区第2网格', [112.5005, 33.0], 450)];
    expect(declutterLabels(near, options(15)).map((item) => item.name)).toEqual(['桃园社区第2网格']);
    expect(declutterLabels(near, options(19)).map((item) => item.name)).toEqual(['桃园社区第1网格', '桃园社区第2网格']);
  });

  it('measures CJK characters as one em and Latin ones as less', () => {
    expect(textEms('网格')).toBe(2);
    expect(textEms('Grid 1')).toBeCloseTo(3.6);
  });

  it('places points as Web Mercator does (256-pixel world at zoom 0)', () => {
    expect(worldPixels([0, 0], 0)).toEqual([128, 128]);
    expect(worldPixels([180, 0], 1)[0]).toBe(512);
  });
});
