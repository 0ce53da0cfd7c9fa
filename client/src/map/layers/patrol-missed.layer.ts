import { GeoJsonLayer } from 'deck.gl';
import type { PatrolCoverage } from '../../api/types.ts';
import { LAYER_IDS } from '../layer-ids.ts';
import { THEME_OVERLAY, type Theme } from '../palette.ts';

/** Courtyards no patrol GPS point came within 50 m of last night (GET /api/patrols/coverage). */
export function patrolMissedLayer({ missed, theme, pulse = 0 }: { missed: PatrolCoverage['missed']['features']; theme: Theme; pulse?: number }) {
  const overlay = THEME_OVERLAY[theme];
  return new GeoJsonLayer({
    id: LAYER_IDS.patrolMissed,
    data: missed as never,
    pickable: true,
    stroked: true,
    filled: true,
    getFillColor: [overlay.missedFill[0], overlay.missedFill[1], overlay.missedFill[2], Math.round(overlay.missedFill[3] * (0.6 + 0.8 * pulse))],
    getLineColor: overlay.missedLine,
    getLineWidth: 2,
    lineWidthUnits: 'pixels',
    updateTriggers: { getFillColor: [pulse, theme], getLineColor: [theme] },
  });
}
