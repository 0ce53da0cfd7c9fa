import { useEffect, useMemo, useState } from 'react';
import { useLocation, updateQuery } from '../../app/router.ts';
import { ParamReader } from '../../app/url-params.ts';
import type { TourStop } from '../screen/screen-data.ts';

/**
 * The planner's community and grid from the URL. Without a community, or with one outside the user's scope, the
 * first community is taken and written into the URL; an ignored community is named in `problems` from then on.
 */
export function usePlanSelection(stops: TourStop[]) {
  const { search } = useLocation();
  const link = useMemo(() => {
    const reader = new ParamReader(new URLSearchParams(search));
    const community = reader.integer('community', { max: 2_147_483_647 });
    const grid = reader.integer('grid', { max: 2_147_483_647 });
    reader.camera();
    return { community, grid, problems: reader.problems };
  }, [search]);
  const [linkProblems] = useState(link.problems);
  const requested = link.community;
  const community = stops.find((stop) => stop.community.id === requested)?.community ?? stops[0]?.community ?? null;

  // A requested community that is not one of the user's: remembered (the URL is rewritten below), and said so.
  const [ignoredCommunity, setIgnoredCommunity] = useState<number | null>(null);
  if (community && requested !== null && requested !== community.id && ignoredCommunity !== requested) setIgnoredCommunity(requested);

  useEffect(() => {
    if (community && requested !== community.id) updateQuery({ community: community.id, grid: null });
  }, [community, requested]);

  return { community, gridParameter: link.grid, problems: [...linkProblems, ...(ignoredCommunity !== null ? ['community'] : [])] };
}
