import { useEffect } from 'react';
import { updateQuery } from '../../app/router.ts';
import type { TourStop } from './screen-data.ts';

/** The community in the address bar now (the tour's position), or null. */
function communityInUrl(): number | null {
  const value = new URLSearchParams(window.location.search).get('community');
  return value === null ? null : Number(value);
}

/**
 * The tour: which community the display shows. The URL holds it (`?community=`), so a reload or a shared link shows
 * the same one; with `?tour=N` the display moves on every N seconds, with no interaction, by writing the next
 * community into the URL. Without a (known) community in the URL the first stop is shown.
 */
export function useTour(stops: TourStop[], { community, tourSeconds }: { community: number | null; tourSeconds: number }) {
  const pinned = stops.find((stop) => stop.community.id === community) ?? null;
  const target = pinned ?? stops[0] ?? null;
  const targetId = target?.community.id ?? null;

  // While touring, the URL names the community on screen from the start.
  useEffect(() => {
    if (targetId !== null && tourSeconds > 0 && community !== targetId) updateQuery({ community: targetId });
  }, [targetId, tourSeconds, community]);

  useEffect(() => {
    if (tourSeconds <= 0 || stops.length < 2) return;
    const timer = window.setInterval(() => {
      const current = stops.findIndex((stop) => stop.community.id === communityInUrl());
      updateQuery({ community: stops[(current + 1) % stops.length].community.id });
    }, tourSeconds * 1000);
    return () => window.clearInterval(timer);
  }, [tourSeconds, stops]);

  return { target, pinned };
}
