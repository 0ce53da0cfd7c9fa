import { useState } from 'react';
import { useCommunity, useIncidentStats } from '../../api/queries.ts';
import type { Community, IncidentStats } from '../../api/types.ts';

/** Days of incidents the display's statistics cover. */
export const STATS_DAYS = 30;

export interface ShownCommunity {
  community: Community;
  stats: IncidentStats;
}

/**
 * A community's name is shown only with its own numbers: the header, profile, KPIs, charts and ticker switch
 * together, once both the community and its statistics for `targetId` have arrived. Until then the last complete
 * pair stays on screen.
 */
export function useShownCommunity(targetId: number | null, refetchInterval: number) {
  const community = useCommunity(targetId, { refetchInterval });
  const stats = useIncidentStats(targetId, STATS_DAYS, { refetchInterval, enabled: targetId !== null });
  const [shown, setShown] = useState<ShownCommunity | null>(null);
  const fresh = community.data && !community.isPlaceholderData && community.data.properties.id === targetId && stats.data && !stats.isPlaceholderData;
  // Adjusting state to new data during render (React's documented pattern): no extra frame shows a half-switched display.
  if (fresh && community.data && stats.data && (shown?.community !== community.data || shown.stats !== stats.data)) setShown({ community: community.data, stats: stats.data });
  return { shown, error: community.error ?? stats.error, isFetching: stats.isFetching };
}
