import { useMemo, useState } from 'react';
import { useFeatureList, useIncidentSearch } from '../../api/queries.ts';
import type { IncidentFeature } from '../../api/types.ts';
import { incidentRequest, type AnalyzeFilters } from './analyze-filters.ts';
import { areaPolygon } from './drawn-area.ts';

/** The most incidents one analysis reads for the map's points and the list; the counts and charts cover every match. */
export const RESULT_CAP = 20_000;
const NO_INCIDENTS: IncidentFeature[] = [];

/**
 * The incidents matching the filters, every page of them (up to RESULT_CAP), with the count read so far while
 * loading: the list of incidents, or the search inside the drawn area when there is one.
 */
export function useIncidentResults(filters: AnalyzeFilters) {
  const [progress, setProgress] = useState(0);
  const request = incidentRequest(filters);
  const area = useMemo(() => (filters.area ? areaPolygon(filters.area) : null), [filters.area]);
  // Nothing can match no category or no status: nothing is asked.
  const emptySelection = filters.categories.length === 0 || filters.statuses.length === 0;
  const options = { maxFeatures: RESULT_CAP, onProgress: setProgress };
  const listed = useFeatureList('incidents', emptySelection || area ? null : request, options);
  const searched = useIncidentSearch(emptySelection ? null : request, area, options);
  const incidents = area ? searched : listed;
  return {
    request,
    area,
    features: incidents.data?.features ?? NO_INCIDENTS,
    capped: incidents.data !== undefined && !incidents.data.complete,
    progress,
    isFetching: incidents.isFetching,
    error: incidents.error,
    refetch: () => incidents.refetch(),
  };
}
