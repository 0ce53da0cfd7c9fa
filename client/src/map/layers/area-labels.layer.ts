import { TextLayer } from 'deck.gl';
import { LAYER_IDS } from '../layer-ids.ts';
import { THEME_OVERLAY, type Theme } from '../palette.ts';
import { FONT_FAMILY } from '../../styles/typeface.ts';

export interface AreaLabel {
  id: number;
  name: string;
  position: [number, number];
}

/** Names of communities (and streets) drawn by deck.gl: the offline basemap has no glyphs for MapLibre symbols. */
export function areaLabelLayer({ labels, theme, size = 16 }: { labels: AreaLabel[]; theme: Theme; size?: number }) {
  const overlay = THEME_OVERLAY[theme];
  return new TextLayer<AreaLabel>({
    id: LAYER_IDS.areaLabels,
    data: labels,
    getPosition: (label) => label.position,
    getText: (label) => label.name,
    getColor: overlay.label,
    getSize: size,
    sizeUnits: 'pixels',
    characterSet: 'auto',
    fontFamily: FONT_FAMILY,
    fontWeight: 700,
    background: true,
    getBackgroundColor: overlay.labelBackground,
    getBorderColor: overlay.labelBorder,
    getBorderWidth: 1,
    backgroundPadding: [6, 3],
    // Labels stay on top of extruded buildings.
    parameters: { depthCompare: 'always', depthWriteEnabled: false },
    updateTriggers: { getColor: [theme], getBackgroundColor: [theme], getBorderColor: [theme] },
  });
}
