// The analyst's filters live in the URL: a shared link must restore them, and a bad value must be ignored and named
// rather than break the view.
import { describe, expect, it } from 'vitest';
import { INCIDENT_CATEGORIES, INCIDENT_STATUSES } from '#domain/vocabulary.ts';
import { apiWindow, defaultRange, incidentRequest, readFilters } from '../../../client/src/views/analyze/analyze-filters.ts';

const read = (query: string) => readFilters(new URLSearchParams(query));

describe('analyze filters from the URL', () => {
  it('restores a shared link: area, dates, categories, statuses, mode and the open incident', () => {
    const { filters, problems } = read('community=12&grid=40&from=2026-10-01&to=2026-10-31&categories=sanitation,public_security&statuses=reported&mode=points&incident=99');
    expect(problems).toEqual([]);
    expect(filters).toEqual({ community: 12, grid: 40, from: '2026-10-01', to: '2026-10-31', categories: ['sanitation', 'public_security'], statuses: ['reported'], mode: 'points', incident: 99 });
  });

  it('shows the last 30 days, every category and status, as a heat map when the link says nothing', () => {
    const { filters, problems } = read('');
    expect(problems).toEqual([]);
    expect(filters).toMatchObject({ ...defaultRange(30), categories: [...INCIDENT_CATEGORIES], statuses: [...INCIDENT_STATUSES], mode: 'heat', community: null });
  });

  it('ignores and names what is wrong: a reversed range, an impossible date, an unknown category, a bad mode or camera', () => {
    expect(read('from=2026-11-10&to=2026-11-01').problems).toEqual(['from', 'to']);
    expect(read('from=2026-02-30').problems).toEqual(['from']);
    const unknown = read('categories=sanitation,flying_saucers');
    expect(unknown.filters.categories).toEqual(['sanitation']);
    expect(unknown.problems).toEqual(['categories']);
    expect(read('mode=3d').filters.mode).toBe('heat');
    expect(read('mode=3d&map=500,20,12').problems).toEqual(['mode', 'map']);
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
