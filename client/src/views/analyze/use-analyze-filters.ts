import { useMemo, useState } from 'react';
import type { AreaNode } from '../../api/types.ts';
import { useLocation } from '../../app/router.ts';
import { findArea } from './AreaTree.tsx';
import { readFilters, type AnalyzeFilters } from './analyze-filters.ts';

/**
 * The analyst's filters from the URL, and what of the link was ignored. A community outside the user's scope (or
 * unknown) is ignored like any other bad parameter, once the area tree says so.
 */
export function useAnalyzeFilters(areas: AreaNode | null | undefined) {
  const { search } = useLocation();
  const { filters: linkFilters, problems: linkProblems } = useMemo(() => readFilters(new URLSearchParams(search)), [search]);
  const communityKnown = linkFilters.community === null || !areas || findArea(areas, linkFilters.community)?.level === 'community';
  const filters: AnalyzeFilters = communityKnown ? linkFilters : { ...linkFilters, community: null, grid: null };
  // What the opening link had wrong stays named even after the view rewrites those parameters (the camera, say).
  const [openingProblems] = useState(linkProblems);
  const problems = [...new Set([...openingProblems, ...linkProblems, ...(communityKnown ? [] : ['community'])])];
  return { filters, problems };
}
