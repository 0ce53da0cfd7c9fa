// A list is read by following each page's `links` rel=next (docs/api.md), whatever the next URL looks like: the
// client never builds page 2 itself, so a display token or a cursor in it survives.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { featureListUrl, fetchAllPages } from '../../../client/src/api/queries.ts';

const ORIGIN = 'http://gridatlas.test';

function page(ids: number[], next?: string) {
  return {
    type: 'FeatureCollection',
    features: ids.map((id) => ({ type: 'Feature', id, geometry: null, properties: { id } })),
    numberReturned: ids.length,
    limit: 2,
    links: [{ rel: 'self', href: `${ORIGIN}/api/buildings` }, ...(next ? [{ rel: 'next', href: next }] : [])],
  };
}

/** Answers each URL with its page; anything else is a 404, as the server would. */
function serve(pages: Record<string, unknown>) {
  const asked: string[] = [];
  const fetch = vi.fn(async (url: string) => {
    asked.push(url);
    const body = pages[url];
    return new Response(JSON.stringify(body ?? { error: 'not_found', message: 'no such page' }), { status: body ? 200 : 404 });
  });
  vi.stubGlobal('fetch', fetch);
  return asked;
}

beforeEach(() => {
  const storage = new Map<string, string>();
  vi.stubGlobal('window', { location: new URL(`${ORIGIN}/screen`) });
  vi.stubGlobal('sessionStorage', { getItem: (key: string) => storage.get(key) ?? null, setItem: (key: string, value: string) => storage.set(key, value), removeItem: (key: string) => storage.delete(key) });
});
afterEach(() => vi.unstubAllGlobals());

describe('fetchAllPages', () => {
  it('reads every feature exactly once by following rel=next, with the next URL exactly as the server gave it', async () => {
    const second = `${ORIGIN}/api/buildings?community=1&limit=2&cursor=b3BhcXVl&token=display-abc`;
    const third = `${ORIGIN}/api/buildings?community=1&limit=2&cursor=c2Vjb25k&token=display-abc`;
    const asked = serve({ '/api/buildings?community=1&limit=2': page([1, 2], second), [second]: page([3, 4], third), [third]: page([5]) });
    const progress: number[] = [];
    const result = await fetchAllPages<{ id: number }>('/api/buildings?community=1&limit=2', { onProgress: (count) => progress.push(count) });
    expect(result.features.map((feature) => feature.id)).toEqual([1, 2, 3, 4, 5]);
    expect(result.complete).toBe(true);
    expect(asked).toEqual(['/api/buildings?community=1&limit=2', second, third]);
    expect(progress).toEqual([0, 2, 4, 5]);
  });

  it('stops at maxFeatures and says the list is incomplete when more pages were left', async () => {
    const second = `${ORIGIN}/api/incidents?cursor=Mg`;
    const asked = serve({ '/api/incidents': page([1, 2], second), [second]: page([3, 4], `${ORIGIN}/api/incidents?cursor=Mw`) });
    const result = await fetchAllPages<{ id: number }>('/api/incidents', { maxFeatures: 3 });
    expect(result.features.map((feature) => feature.id)).toEqual([1, 2, 3]);
    expect(result.complete).toBe(false);
    expect(asked).toHaveLength(2);
  });

  it('fails with the server’s error code when a page fails, instead of returning part of the list as if whole', async () => {
    serve({ '/api/incidents': page([1, 2], `${ORIGIN}/api/incidents?cursor=gone`) });
    await expect(fetchAllPages('/api/incidents')).rejects.toMatchObject({ status: 404, code: 'not_found' });
  });
});

describe('featureListUrl', () => {
  it('asks a list for its page size and leaves out what is not set', () => {
    expect(featureListUrl('grids', { community: 7 })).toBe('/api/grids?community=7&limit=1000');
    expect(featureListUrl('volunteer-teams', { community: 7, members: true })).toBe('/api/volunteer-teams?community=7&members=true&limit=1000');
    expect(featureListUrl('incidents', { community: null, statuses: ['reported', 'assigned'] })).toBe('/api/incidents?statuses=reported%2Cassigned&limit=5000');
  });
});
