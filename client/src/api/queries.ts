// react-query hooks, one per API resource of docs/api.md.
import { keepPreviousData, useQuery, type UseQueryOptions } from '@tanstack/react-query';
import { apiFetch, apiUrl } from './http.ts';
import type {
  ApiList,
  AreaNode,
  BasemapConfig,
  BuildingFeature,
  Community,
  CompoundFeature,
  GridFeature,
  IncidentDetail,
  IncidentFeature,
  IncidentStats,
  PatrolCoverage,
  PatrolFeature,
  ServicePointFeature,
  User,
  VolunteerTeamFeature,
} from './types.ts';

type Extra<T> = Omit<UseQueryOptions<T>, 'queryKey' | 'queryFn'>;

/** Follows `links` rel `next` until the list is complete or `maxFeatures` is reached. */
export async function fetchAllPages<F>(firstUrl: string, { maxFeatures = 50_000, onProgress }: { maxFeatures?: number; onProgress?: (count: number) => void } = {}): Promise<{ features: F[]; complete: boolean }> {
  const features: F[] = [];
  let url: string | undefined = firstUrl;
  while (url) {
    const page: ApiList<F> = await apiFetch<ApiList<F>>(url);
    features.push(...page.features);
    onProgress?.(features.length);
    const next = page.links.find((link) => link.rel === 'next')?.href;
    if (features.length >= maxFeatures) return { features: features.slice(0, maxFeatures), complete: !next };
    url = next;
  }
  return { features, complete: true };
}

export const useSession = () =>
  useQuery<User | null>({
    queryKey: ['session'],
    queryFn: async () => {
      try {
        return (await apiFetch<{ user: User }>('/api/session')).user;
      } catch (error) {
        if ((error as { status?: number }).status === 401) return null;
        throw error;
      }
    },
    staleTime: Infinity,
    retry: false,
  });

export const useBasemapConfig = () => useQuery({ queryKey: ['basemap-config'], queryFn: () => apiFetch<BasemapConfig>('/api/basemap/config'), staleTime: Infinity });

export const useAreas = (options?: Extra<AreaNode>) =>
  useQuery<AreaNode>({ queryKey: ['areas'], queryFn: async () => (await apiFetch<{ tree: AreaNode }>('/api/areas')).tree, staleTime: 5 * 60_000, ...options });

export const useCommunity = (id: number | null, options?: Extra<Community>) =>
  useQuery<Community>({ queryKey: ['community', id], queryFn: () => apiFetch<Community>(`/api/communities/${id}`), enabled: id !== null, placeholderData: keepPreviousData, ...options });

export const useGrids = (community: number | null, options?: Extra<GridFeature[]>) =>
  useQuery<GridFeature[]>({
    queryKey: ['grids', community],
    queryFn: async () => (await fetchAllPages<GridFeature>(apiUrl('/api/grids', { community: community ?? undefined, limit: 1000 }))).features,
    ...options,
  });

export const useCompounds = (community: number | null, options?: Extra<CompoundFeature[]>) =>
  useQuery<CompoundFeature[]>({
    queryKey: ['compounds', community],
    queryFn: async () => (await fetchAllPages<CompoundFeature>(apiUrl('/api/compounds', { community: community ?? undefined, limit: 1000 }))).features,
    enabled: community !== null,
    ...options,
  });

export const useBuildings = (community: number | null, options?: Extra<BuildingFeature[]>) =>
  useQuery<BuildingFeature[]>({
    queryKey: ['buildings', community],
    queryFn: async () => (await fetchAllPages<BuildingFeature>(apiUrl('/api/buildings', { community: community ?? undefined, limit: 1000 }))).features,
    enabled: community !== null,
    ...options,
  });

export const useServicePoints = (community: number | null, options?: Extra<ServicePointFeature[]>) =>
  useQuery<ServicePointFeature[]>({
    queryKey: ['service-points', community],
    queryFn: async () => (await fetchAllPages<ServicePointFeature>(apiUrl('/api/service-points', { community: community ?? undefined, limit: 1000 }))).features,
    ...options,
  });

export const useVolunteerTeams = (community: number | null, options?: Extra<VolunteerTeamFeature[]>) =>
  useQuery<VolunteerTeamFeature[]>({
    queryKey: ['volunteer-teams', community],
    queryFn: async () => (await fetchAllPages<VolunteerTeamFeature>(apiUrl('/api/volunteer-teams', { community: community ?? undefined, members: true, limit: 1000 }))).features,
    enabled: community !== null,
    ...options,
  });

/** The patrols of one patrol night (local date YYYY-MM-DD; the server's last finished night when absent). */
export const usePatrols = (community: number | null, night?: string, options?: Extra<PatrolFeature[]>) =>
  useQuery<PatrolFeature[]>({
    queryKey: ['patrols', community, night],
    queryFn: async () => (await fetchAllPages<PatrolFeature>(apiUrl('/api/patrols', { community: community ?? undefined, night, limit: 200 }))).features,
    enabled: community !== null,
    ...options,
  });

export const usePatrolCoverage = (community: number | null, options?: Extra<PatrolCoverage>) =>
  useQuery<PatrolCoverage>({
    queryKey: ['patrol-coverage', community],
    queryFn: () => apiFetch<PatrolCoverage>(apiUrl('/api/patrols/coverage', { community: community ?? undefined })),
    enabled: community !== null,
    ...options,
  });

export interface IncidentFilter {
  community?: number | null;
  grid?: number | null;
  from?: string;
  to?: string;
  categories?: readonly string[];
  statuses?: readonly string[];
}

export function incidentListUrl(filter: IncidentFilter, limit = 5000): string {
  return apiUrl('/api/incidents', {
    community: filter.community ?? undefined,
    grid: filter.grid ?? undefined,
    from: filter.from,
    to: filter.to,
    categories: filter.categories,
    statuses: filter.statuses,
    limit,
  });
}

export const useIncidentDetail = (id: number | null) =>
  useQuery<IncidentDetail>({ queryKey: ['incident', id], queryFn: () => apiFetch<IncidentDetail>(`/api/incidents/${id}`), enabled: id !== null });

export const useIncidentStats = (area: number | null, days = 30, options?: Extra<IncidentStats>) =>
  useQuery<IncidentStats>({
    queryKey: ['incident-stats', area, days],
    queryFn: () => apiFetch<IncidentStats>(apiUrl('/api/stats/incidents', { area: area ?? undefined, days })),
    placeholderData: keepPreviousData,
    ...options,
  });

export type { IncidentFeature };
