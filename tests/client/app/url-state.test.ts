// View state lives in the URL so that a link restores it; the readers must keep good values, drop bad ones with
// their names, and the writers must give back what the readers take.
import { describe, expect, it } from 'vitest';
import { readCamera, writeCamera } from '../../../client/src/app/router.ts';
import { isCalendarDate, ParamReader } from '../../../client/src/app/url-params.ts';
import { DEFAULT_SCREEN_LAYERS, layersParameter, readScreenSettings, type ScreenLayer } from '../../../client/src/views/screen/screen-settings.ts';

const reader = (query: string) => new ParamReader(new URLSearchParams(query));

describe('ParamReader', () => {
  it('takes integers in range and names the rest', () => {
    const params = reader('tour=20&refresh=2&community=abc');
    expect(params.integer('tour', { min: 0, max: 3600 })).toBe(20);
    expect(params.integer('refresh', { min: 5 })).toBeNull();
    expect(params.integer('community')).toBeNull();
    expect(params.problems).toEqual(['refresh', 'community']);
  });

  it('reads flags as a person writes them: kiosk, kiosk=1, kiosk=true; kiosk=0 is off; kiosk=maybe is named', () => {
    expect(reader('kiosk').flag('kiosk')).toBe(true);
    expect(reader('kiosk=1').flag('kiosk')).toBe(true);
    expect(reader('kiosk=0').flag('kiosk')).toBe(false);
    const maybe = reader('kiosk=maybe');
    expect(maybe.flag('kiosk')).toBe(false);
    expect(maybe.problems).toEqual(['kiosk']);
  });

  it('knows real calendar dates', () => {
    expect(isCalendarDate('2026-11-30')).toBe(true);
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
  });
});

describe('the map camera in the URL', () => {
  it('round-trips map=lon,lat,zoom and refuses a camera outside the world', () => {
    const camera = { center: [112.53012, 33.00456] as [number, number], zoom: 15.25 };
    expect(readCamera(new URLSearchParams(`map=${writeCamera(camera)}`))).toEqual(camera);
    expect(readCamera(new URLSearchParams('map=200,33,15'))).toBeNull();
    expect(reader('map=112,33,30').camera()).toBeNull();
  });
});

describe('the command display’s settings', () => {
  it('defaults to no tour, a 60 s refresh, open incidents on the grids and the default layers', () => {
    const { settings, problems } = readScreenSettings(new URLSearchParams(''));
    expect(problems).toEqual([]);
    expect(settings).toMatchObject({ tourSeconds: 0, refreshSeconds: 60, measure: 'openIncidents', fps: 30, community: null, kiosk: false, overdueList: false });
    expect([...settings.layers]).toEqual([...DEFAULT_SCREEN_LAYERS]);
  });

  it('takes the wall’s link: tour, refresh, measure, layers and kiosk; layers=none shows none', () => {
    const { settings } = readScreenSettings(new URLSearchParams('tour=20&refresh=30&measure=volunteersPerThousand&layers=heat,points&kiosk=1&community=5'));
    expect(settings).toMatchObject({ tourSeconds: 20, refreshSeconds: 30, measure: 'volunteersPerThousand', kiosk: true, community: 5 });
    expect([...settings.layers]).toEqual(['heat', 'points']);
    expect(readScreenSettings(new URLSearchParams('layers=none')).settings.layers.size).toBe(0);
  });

  it('writes the layer choice back so that it reads the same, and leaves the default out of the URL', () => {
    const choice = new Set<ScreenLayer>(['points', 'heat']);
    const written = layersParameter(choice);
    expect(written).toBe('heat,points');
    expect([...readScreenSettings(new URLSearchParams(`layers=${written}`)).settings.layers]).toEqual(['heat', 'points']);
    expect(layersParameter(new Set(DEFAULT_SCREEN_LAYERS))).toBeNull();
    expect(layersParameter(new Set())).toBe('none');
  });
});
