import type { BasemapLayer } from '../../../repositories/basemap-repository.ts';

/** Shown wherever the basemap is drawn: the county boundaries are OpenStreetMap data, the rest is generated. */
export const BASEMAP_ATTRIBUTION = 'Boundaries © OpenStreetMap contributors (ODbL 1.0), via mapchina · 演示数据(生成) demo data, generated';

export const BASEMAP_THEMES = ['dark', 'light'] as const;
export type BasemapTheme = (typeof BASEMAP_THEMES)[number];

/** The colours of each theme, kept as data apart from the layer list. */
const THEME_COLOURS: Record<BasemapTheme, Record<string, string>> = {
  dark: {
    background: '#030b18',
    countyFill: '#071a31',
    countyLine: '#1d4a7a',
    streetFill: '#0a2140',
    streetLine: '#2f7fc4',
    communityFill: '#0b2647',
    communityLine: '#3aa0e8',
    block: '#0e2b50',
    roadCasing: '#041226',
    roadPrimary: '#2d6aa6',
    roadSecondary: '#21507f',
    roadResidential: '#1a3f66',
  },
  light: {
    background: '#e9edf2',
    countyFill: '#f3f1ea',
    countyLine: '#a9a29a',
    streetFill: '#f6f4ef',
    streetLine: '#8c8fa3',
    communityFill: '#f8f7f3',
    communityLine: '#7d8aa6',
    block: '#eceae4',
    roadCasing: '#c9c6bf',
    roadPrimary: '#ffd88c',
    roadSecondary: '#ffffff',
    roadResidential: '#ffffff',
  },
};

/** A MapLibre style (v8) drawn entirely from our own GeoJSON endpoints: works offline, no glyphs or sprites needed. */
export function buildBasemapStyle(theme: BasemapTheme, layerUrl: (layer: BasemapLayer) => string): Record<string, unknown> {
  const colour = THEME_COLOURS[theme];
  const source = (layer: BasemapLayer) => ({ type: 'geojson', data: layerUrl(layer), attribution: BASEMAP_ATTRIBUTION });
  const roadWidth = (primary: number, secondary: number, residential: number, scale: number) => [
    'interpolate', ['exponential', 1.6], ['zoom'],
    11, ['match', ['get', 'class'], 'primary', primary, 'secondary', secondary, residential],
    17, ['match', ['get', 'class'], 'primary', primary * scale, 'secondary', secondary * scale, residential * scale],
  ];
  return {
    version: 8,
    name: `GridAtlas ${theme}`,
    metadata: { 'gridatlas:theme': theme, 'gridatlas:attribution': BASEMAP_ATTRIBUTION },
    sources: {
      counties: source('counties'),
      streets: source('streets'),
      communities: source('communities'),
      blocks: source('blocks'),
      roads: source('roads'),
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': colour.background } },
      { id: 'county-fill', type: 'fill', source: 'counties', paint: { 'fill-color': colour.countyFill } },
      { id: 'county-line', type: 'line', source: 'counties', paint: { 'line-color': colour.countyLine, 'line-width': 1.2 } },
      { id: 'street-fill', type: 'fill', source: 'streets', paint: { 'fill-color': colour.streetFill } },
      { id: 'community-fill', type: 'fill', source: 'communities', paint: { 'fill-color': colour.communityFill } },
      { id: 'block-fill', type: 'fill', source: 'blocks', minzoom: 12, paint: { 'fill-color': colour.block, 'fill-opacity': ['interpolate', ['linear'], ['zoom'], 12, 0, 13.5, 1] } },
      {
        id: 'road-casing', type: 'line', source: 'roads', minzoom: 11,
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': colour.roadCasing, 'line-width': roadWidth(2.5, 1.8, 1.0, 8) },
      },
      {
        id: 'road-line', type: 'line', source: 'roads', minzoom: 11,
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: {
          'line-color': ['match', ['get', 'class'], 'primary', colour.roadPrimary, 'secondary', colour.roadSecondary, colour.roadResidential],
          'line-width': roadWidth(1.6, 1.1, 0.6, 8),
        },
      },
      { id: 'community-line', type: 'line', source: 'communities', paint: { 'line-color': colour.communityLine, 'line-width': 1.2, 'line-dasharray': [3, 2], 'line-opacity': 0.8 } },
      { id: 'street-line', type: 'line', source: 'streets', paint: { 'line-color': colour.streetLine, 'line-width': 2 } },
    ],
  };
}
