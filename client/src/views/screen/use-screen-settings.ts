import { useMemo, useState } from 'react';
import { useLocation } from '../../app/router.ts';
import { readScreenSettings, SCREEN_LAYERS, type ScreenLayer, type ScreenSettings } from './screen-settings.ts';

/**
 * The display's settings from the URL, read once per URL. `layers` keeps its identity while its content stays the
 * same (the tour rewrites `community` every few seconds; the map's layers need not be rebuilt for that).
 * `problems` names what the opening link had wrong, even after the view rewrote those parameters.
 */
export function useScreenSettings(): { settings: ScreenSettings; problems: string[] } {
  const { search } = useLocation();
  const { settings, problems } = useMemo(() => readScreenSettings(new URLSearchParams(search)), [search]);
  const [openingProblems] = useState(problems);
  const layerList = SCREEN_LAYERS.filter((layer) => settings.layers.has(layer)).join(',');
  const layers = useMemo(() => new Set(layerList.split(',').filter((layer) => layer !== '')) as ReadonlySet<ScreenLayer>, [layerList]);
  return { settings: { ...settings, layers }, problems: [...new Set([...openingProblems, ...problems])] };
}
