// The analyst's filters live in the URL: a shared link must restore them, and a bad value must be ignored and named
// rather than break the view.
import { describe, expect, it } from 'vitest';
import { INCIDENT_CATEGORIES, INCIDENT_STATUSES } from '#domain/vocabulary.ts';
import { apiWindow, defaultRange, histogramRange, incidentRequest, periodEnd, readFilters } from '../../../client/src/views/analyze/analyze-filters.ts';
import { brushedWindow } from '../../../client/src/views/analyze/TimeHistogram.tsx';

const read = (query: string) => readFilters(new URLSearchParams(query));

describe('analyze filters from the URL', () => {
  it('restores a shared link: area, dates, categories, statuses, mode, the open incident and the coverage overlay', () => {
    const { filters, problems } = read('community=12&grid=40&from=2026-10-01&to=2026-10-31&categories=sanitation,public_security&statuses=reported&mode=points&incident=99&area=c:112.53,32.99,800&interval=week&responders=1&overlay=patrols');
    expect(problems).toEqual([]);
    expect(filters).toEqual({
      community: 12,
      grid: 40,
      from: '2026-10-01',
      to: '2026-10-31',
      categories: ['sanitation', 'public_security'],
      statuses: ['reported'],
      mode: 'points',
      incident: 99,
      area: { kind: 'circle', center: [112.53, 32.99], radiusMetres: 800 },
      interval: 'week',
      responders: true,
      overlay: 'patrols',
    });
  });

  it('shows the last 30 days, every category and status, as a heat map when the link says nothing', () => {
    const { filters, problems } = read('');
    expect(problems).toEqual([]);
    expect(filters).toMatchObject({ ...defaultRange(30), categories: [...INCIDENT_CATEGORIES], statuses: [...INCIDENT_STATUSES], mode: 'heat', community: null, overlay: null });
  });

  it('ignores and names what is wrong: a reversed range, an impossible date, an unknown category, a bad mode or camera', () => {
    expect(read('from=2026-11-10&to=2026-11-01').problems).toEqual(['from', 'to']);
    expect(read('from=2026-02-30').problems).toEqual(['from']);
    const unknown = read('categories=sanitation,flying_saucers');
    expect(unknown.filters.categories).toEqual(['sanitation']);
    expect(unknown.problems).toEqual(['categories']);
    expect(read('mode=3d').filters.mode).toBe('heat');
    expect(read('mode=3d&map=500,20,12').problems).toEqual(['mode', 'map']);
    expect(read('overlay=crime').problems).toEqual(['overlay']);
    expect(read('overlay=crime').filters.overlay).toBeNull();
    // A bow-tie polygon is refused by the same rules the server applies; the view then shows every place.
    const bowTie = read('area=p:112.50,33.00,112.51,33.01,112.51,33.00,112.50,33.01');
    expect(bowTie.filters.area).toBeNull();
    expect(bowTie.problems).toEqual(['area']);
    expect(read('interval=hour').problems).toEqual(['interval']);
  });

  it('reads categories=none as "no category" (an empty map), not as "all"', () => {
    const { filters, problems } = read('categories=none');
    expect(filters.categories).toEqual([]);
    expect(problems).toEqual([]);
  });
});

describe('the request the filters make', () => {
  it('covers whole local days in Nanyang (UTC+8): from midnight of `from` to midnight after `to`', () => {
    const { filters } = read('from=2026-11-01&to=2026-11-02');
    expect(apiWindow(filters)).toEqual({ from: '2026-10-31T16:00:00.000Z', to: '2026-11-02T16:00:00.000Z' });
  });

  it('leaves "every category" and "every status" out, and sends a partial choice as it is', () => {
    const all = incidentRequest(read('from=2026-11-01&to=2026-11-01').filters);
    expect(all.categories).toBeUndefined();
    expect(all.statuses).toBeUndefined();
    const some = incidentRequest(read('from=2026-11-01&to=2026-11-01&statuses=reported,closed&grid=4').filters);
    expect(some).toMatchObject({ statuses: ['reported', 'closed'], grid: 4, categories: undefined });
  });
});

describe('the time histogram', () => {
  const now = new Date('2026-11-29T15:30:00Z'); // 23:30 in Nanyang

  it('spans the last year up to today in Nanyang, stretched to hold an older window', () => {
    expect(histogramRange({ from: '2026-11-01', to: '2026-11-29' }, now)).toEqual({ from: '2025-11-30', to: '2026-11-29' });
    expect(histogramRange({ from: '2024-06-01', to: '2024-06-30' }, now)).toEqual({ from: '2024-06-01', to: '2026-11-29' });
    // 16:30 UTC is already the next day in Nanyang.
    expect(histogramRange({ from: '2026-11-01', to: '2026-11-29' }, new Date('2026-11-29T16:30:00Z')).to).toBe('2026-11-30');
  });

  it('ends a week on Sunday and a month on its last day, February and leap years included', () => {
    expect(periodEnd('2026-11-23', 'week')).toBe('2026-11-29');
    expect(periodEnd('2026-12-28', 'week')).toBe('2027-01-03');
    expect(periodEnd('2026-02-01', 'month')).toBe('2026-02-28');
    expect(periodEnd('2028-02-01', 'month')).toBe('2028-02-29');
    expect(periodEnd('2026-12-01', 'month')).toBe('2026-12-31');
    expect(periodEnd('2026-11-29', 'day')).toBe('2026-11-29');
  });

  it('turns a brush over bars into the window from the first bar’s start to the last bar’s end, either way round', () => {
    const series = ['2026-09-01', '2026-10-01', '2026-11-01'].map((start) => ({ start, count: 1, closed: 0 }));
    expect(brushedWindow(series, 0, 1, 'month')).toEqual({ from: '2026-09-01', to: '2026-10-31' });
    expect(brushedWindow(series, 2, 1, 'month')).toEqual({ from: '2026-10-01', to: '2026-11-30' });
    expect(brushedWindow([], 0, 0, 'day')).toBeNull();
  });
});
