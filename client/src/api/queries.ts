// react-query hooks, one per API resource of docs/api.md; every list goes through useFeatureList.
import { keepPreviousData, useQuery, type UseQueryOptions } from '@tanstack/react-query';
import type { Polygon } from 'geojson';
import { apiFetch, apiUrl } from './http.ts';
import type {
  ApiList,
  AreaNode,
  AreaTreeResponse,
  BasemapConfig,
  BuildingFeature,
  Community,
  CompoundFeature,
  GridFeature,
  IncidentDetail,
  IncidentAggregates,
  IncidentFeature,
  IncidentStats,
  PatrolCoverage,
  PatrolWindowCoverage,
  ResponderList,
  ServiceCoverage,
  PatrolFeature,
  ServicePointFeature,
  SessionResponse,
  TimeLimitTable,
  User,
  VolunteerTeamFeature,
} from './types.ts';

type Extra<T> = Omit<UseQueryOptions<T>, 'queryKey' | 'queryFn'>;

/** What a list gives: its features, and whether they are all of them (false when `maxFeatures` cut it short). */
export interface FeatureList<F> {
  features: F[];
  complete: boolean;
}

/** A page to ask for: a GET of its URL, or (a search) a POST of its body, as a `next` link says. */
export interface PageRequest {
  url: string;
  method?: 'POST';
  body?: unknown;
}

/**
 * Follows `links` rel `next` from page to page (docs/api.md) until the list is complete or `maxFeatures` is
 * reached. A search's next page is a POST of the body its link gives. `onFirstPage` sees the first page whole
 * (a search's summary over every match).
 */
export async function fetchAllPages<F, P extends ApiList<F> = ApiList<F>>(
  first: string | PageRequest,
  { maxFeatures = 50_000, onProgress, onFirstPage }: { maxFeatures?: number; onProgress?: (count: number) => void; onFirstPage?: (page: P) => void } = {},
): Promise<FeatureList<F>> {
  const features: F[] = [];
  let request: PageRequest | undefined = typeof first === 'string' ? { url: first } : first;
  onProgress?.(0);
  while (request) {
    const page: P = await apiFetch<P>(request.url, request.method === 'POST' ? { method: 'POST', json: request.body } : {});
    if (features.length === 0) onFirstPage?.(page);
    features.push(...page.features);
    onProgress?.(features.length);
    const next = page.links.find((link) => link.rel === 'next');
    if (features.length >= maxFeatures) return { features: features.slice(0, maxFeatures), complete: !next };
    request = next ? { url: next.href, method: next.method, body: next.body } : undefined;
  }
  return { features, complete: true };
}

/** The lists of docs/api.md the client reads: where each is, its feature type and what its query may hold. */
interface FeatureLists {
  grids: { feature: GridFeature; query: { community?: number } };
  compounds: { feature: CompoundFeature; query: { community?: number } };
  buildings: { feature: BuildingFeature; query: { community?: number } };
  'service-points': { feature: ServicePointFeature; query: { community?: number } };
  'volunteer-teams': { feature: VolunteerTeamFeature; query: { community?: number; members?: boolean } };
  /** `night`: a local date YYYY-MM-DD; the server's last finished night when absent. */
  patrols: { feature: PatrolFeature; query: { community?: number; night?: string } };
  incidents: { feature: IncidentFeature; query: IncidentFilter };
}
export type FeatureListName = keyof FeatureLists;
export type FeatureListQuery<L extends FeatureListName> = FeatureLists[L]['query'];

/** Page sizes: one request for a community's reference layers, fewer and larger pages for incidents. */
const PAGE_SIZES: Record<FeatureListName, number> = { grids: 1000, compounds: 1000, buildings: 1000, 'service-points': 1000, 'volunteer-teams': 1000, patrols: 200, incidents: 5000 };

export interface IncidentFilter {
  community?: number | null;
  grid?: number | null;
  from?: string;
  to?: string;
  categories?: readonly string[];
  statuses?: readonly string[];
}

/** The first page's URL of a list. */
export function featureListUrl<L extends FeatureListName>(list: L, query: FeatureListQuery<L>, pageSize = PAGE_SIZES[list]): string {
  return apiUrl(`/api/${list}`, { ...query, limit: pageSize });
}

export interface FeatureListOptions<F> extends Extra<FeatureList<F>> {
  /** Stop after this many features (the list is then marked incomplete). */
  maxFeatures?: number;
  pageSize?: number;
  onProgress?: (count: number) => void;
}

/**
 * Every page of a list, as one query. `query` null means "not now" (nothing is asked); its content is the cache key,
 * so two views asking for the same list share it. Lists are invalidated by name: `['incidents']` after a change.
 */
export function useFeatureList<L extends FeatureListName>(list: L, query: FeatureListQuery<L> | null, { maxFeatures, pageSize, onProgress, enabled = true, ...options }: FeatureListOptions<FeatureLists[L]['feature']> = {}) {
  return useQuery<FeatureList<FeatureLists[L]['feature']>>({
    queryKey: [list, query],
    queryFn: () => fetchAllPages<FeatureLists[L]['feature']>(featureListUrl(list, query ?? {}, pageSize), { maxFeatures, onProgress }),
    enabled: query !== null && enabled,
    ...options,
  });
}

/** A search or aggregation body: the filters as the API's body takes them (no nulls), with the drawn area. */
export function incidentBody(filter: IncidentFilter, area?: Polygon | null): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(filter)) if (value !== null && value !== undefined) body[name] = value;
  if (area) body.area = area;
  return body;
}

/** Incidents inside a drawn area, every page (POST /api/incidents/search), under the `incidents` key like the list. */
export function useIncidentSearch(filter: IncidentFilter | null, area: Polygon | null, { maxFeatures, onProgress }: { maxFeatures?: number; onProgress?: (count: number) => void } = {}) {
  return useQuery<FeatureList<IncidentFeature>>({
    queryKey: ['incidents', 'search', filter, area],
    queryFn: () => fetchAllPages<IncidentFeature>({ url: '/api/incidents/search', method: 'POST', body: { ...incidentBody(filter ?? {}, area), limit: PAGE_SIZES.incidents } }, { maxFeatures, onProgress }),
    enabled: filter !== null && area !== null,
  });
}

/** Counts over every matching incident (POST /api/incidents/aggregate): breakdowns, the time series, time to close, hexbins. */
export function useIncidentAggregates(filter: IncidentFilter | null, area: Polygon | null, options: { interval: 'day' | 'week' | 'month'; hexMetres?: number }, extra?: Extra<IncidentAggregates>) {
  return useQuery<IncidentAggregates>({
    queryKey: ['incidents', 'aggregate', filter, area, options],
    queryFn: () => apiFetch<IncidentAggregates>('/api/incidents/aggregate', { method: 'POST', json: { ...incidentBody(filter ?? {}, area), ...options } }),
    enabled: filter !== null,
    placeholderData: keepPreviousData,
    ...extra,
  });
}

/** The query of a community's reference layer; null (ask nothing) without a community. */
export const ofCommunity = (community: number | null) => (community === null ? null : { community });

export const useSession = () =>
  useQuery<User | null>({
    queryKey: ['session'],
    queryFn: async () => {
      try {
        return (await apiFetch<SessionResponse>('/api/session')).user;
      } catch (error) {
        if ((error as { status?: number }).status === 401) return null;
        throw error;
      }
    },
    staleTime: Infinity,
    retry: false,
  });

export const useBasemapConfig = () => useQuery({ queryKey: ['basemap-config'], queryFn: () => apiFetch<BasemapConfig>('/api/basemap/config'), staleTime: Infinity });

/** The area tree of the user's scope; null when they may see no community. */
export const useAreas = (options?: Extra<AreaNode | null>) =>
  useQuery<AreaNode | null>({ queryKey: ['areas'], queryFn: async () => (await apiFetch<AreaTreeResponse>('/api/areas')).tree, staleTime: 5 * 60_000, ...options });

export const useCommunity = (id: number | null, options?: Extra<Community>) =>
  useQuery<Community>({ queryKey: ['community', id], queryFn: () => apiFetch<Community>(`/api/communities/${id}`), enabled: id !== null, placeholderData: keepPreviousData, ...options });

export const usePatrolCoverage = (community: number | null, options?: Extra<PatrolCoverage>) =>
  useQuery<PatrolCoverage>({
    queryKey: ['patrol-coverage', community],
    queryFn: () => apiFetch<PatrolCoverage>(apiUrl('/api/patrols/coverage', { community: community ?? undefined })),
    enabled: community !== null,
    ...options,
  });

/** Patrol coverage over the last `nights` finished nights (the server's default window when undefined). */
export const usePatrolWindowCoverage = (community: number | null, options?: Extra<PatrolWindowCoverage>) =>
  useQuery<PatrolWindowCoverage>({
    queryKey: ['patrol-window', community],
    queryFn: () => apiFetch<PatrolWindowCoverage>(apiUrl('/api/coverage/patrols', { community: community ?? undefined })),
    enabled: community !== null,
    staleTime: 10 * 60_000,
    ...options,
  });

/** The share of a community's households within 300, 500 and 1000 m of service points, and its buildings beyond 500 m. */
export const useServiceCoverage = (community: number | null, options?: Extra<ServiceCoverage>) =>
  useQuery<ServiceCoverage>({
    queryKey: ['service-coverage', community],
    queryFn: () => apiFetch<ServiceCoverage>(apiUrl('/api/coverage/service', { community: community ?? undefined, radius: 500 })),
    enabled: community !== null,
    staleTime: 10 * 60_000,
    ...options,
  });

/** The active volunteers nearest to an incident (片区呼叫、党员先到), ranked by distance; asked only when `enabled`. */
export const useResponders = (id: number | null, enabled: boolean) =>
  useQuery<ResponderList>({ queryKey: ['responders', id], queryFn: () => apiFetch<ResponderList>(`/api/incidents/${id}/responders?limit=10`), enabled: id !== null && enabled });

export const useIncidentDetail = (id: number | null) =>
  useQuery<IncidentDetail>({ queryKey: ['incident', id], queryFn: () => apiFetch<IncidentDetail>(`/api/incidents/${id}`), enabled: id !== null });

export const useIncidentStats = (area: number | null, days = 30, options?: Extra<IncidentStats>) =>
  useQuery<IncidentStats>({
    queryKey: ['incident-stats', area, days],
    queryFn: () => apiFetch<IncidentStats>(apiUrl('/api/stats/incidents', { area: area ?? undefined, days })),
    placeholderData: keepPreviousData,
    ...options,
  });

/** The per-step time limits per category (GET /api/time-limits); the admin's view sets them with a PUT. */
export const useTimeLimits = (options?: Extra<TimeLimitTable>) =>
  useQuery<TimeLimitTable>({ queryKey: ['time-limits'], queryFn: () => apiFetch<TimeLimitTable>('/api/time-limits'), ...options });
