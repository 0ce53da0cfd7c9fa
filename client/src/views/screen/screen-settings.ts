// The command display's settings, read from the URL; bad values are ignored and named.
import { ParamReader } from '../../app/url-params.ts';
import { GRID_MEASURES, type GridMeasure } from '../../map/grid-measures.ts';

/**
 * The layers the display can show; `?layers=` picks them. `missed` is last night's patrol coverage (courtyards missed),
 * `patrolWindow` the coverage over the last 30 nights, `uncovered` the buildings beyond 500 m of any service point.
 */
export const SCREEN_LAYERS = ['grids', 'buildings', 'heat', 'volunteers', 'patrolWindow', 'missed', 'patrols', 'points', 'services', 'uncovered'] as const;
export type ScreenLayer = (typeof SCREEN_LAYERS)[number];
// Volunteer density is on by default: the brief asks for it on every community's wall.
export const DEFAULT_SCREEN_LAYERS: readonly ScreenLayer[] = ['grids', 'buildings', 'heat', 'volunteers', 'missed', 'patrols', 'points', 'services'];
/** The toggles the wall's corner menu offers, in this order. */
export const TOGGLED_LAYERS: readonly ScreenLayer[] = ['heat', 'points', 'patrols', 'missed', 'patrolWindow', 'volunteers', 'uncovered', 'buildings'];

export interface ScreenSettings {
  tourSeconds: number;
  refreshSeconds: number;
  measure: GridMeasure;
  fps: number;
  layers: ReadonlySet<ScreenLayer>;
  community: number | null;
  kiosk: boolean;
  overdueList: boolean;
}

export function readScreenSettings(params: URLSearchParams): { settings: ScreenSettings; problems: string[] } {
  const reader = new ParamReader(params);
  const settings: ScreenSettings = {
    tourSeconds: reader.integer('tour', { min: 0, max: 3600 }) ?? 0,
    refreshSeconds: reader.integer('refresh', { min: 5, max: 3600 }) ?? 60,
    measure: reader.oneOf('measure', GRID_MEASURES) ?? 'openIncidents',
    fps: reader.integer('fps', { min: 1, max: 60 }) ?? 30,
    layers: new Set(reader.list('layers', SCREEN_LAYERS, ['none']) ?? DEFAULT_SCREEN_LAYERS),
    community: reader.integer('community', { max: 2_147_483_647 }),
    kiosk: reader.flag('kiosk'),
    overdueList: reader.flag('overdue'),
  };
  return { settings, problems: reader.problems };
}

/** The `layers` value for a set of layers: absent when it is the default, `none` when empty. */
export function layersParameter(layers: ReadonlySet<ScreenLayer>): string | null {
  const list = SCREEN_LAYERS.filter((layer) => layers.has(layer));
  if (list.join() === SCREEN_LAYERS.filter((layer) => DEFAULT_SCREEN_LAYERS.includes(layer)).join()) return null;
  return list.length === 0 ? 'none' : list.join(',');
}
