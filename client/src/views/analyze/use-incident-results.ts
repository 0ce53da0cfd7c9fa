import { useState } from 'react';
import { useFeatureList } from '../../api/queries.ts';
import type { IncidentFeature } from '../../api/types.ts';
import { incidentRequest, type AnalyzeFilters } from './analyze-filters.ts';

/** The most incidents one analysis reads; beyond it the result says it was cut short. */
export const RESULT_CAP = 20_000;
const NO_INCIDENTS: IncidentFeature[] = [];

/** The incidents matching the filters, every page of them, with the count read so far while loading. */
export function useIncidentResults(filters: AnalyzeFilters) {
  const [progress, setProgress] = useState(0);
  const request = incidentRequest(filters);
  // Nothing can match no category or no status: nothing is asked.
  const emptySelection = filters.categories.length === 0 || filters.statuses.length === 0;
  const incidents = useFeatureList('incidents', emptySelection ? null : request, { maxFeatures: RESULT_CAP, onProgress: setProgress });
  return {
    request,
    features: incidents.data?.features ?? NO_INCIDENTS,
    capped: incidents.data !== undefined && !incidents.data.complete,
    progress,
    isFetching: incidents.isFetching,
    error: incidents.error,
    refetch: () => incidents.refetch(),
  };
}
