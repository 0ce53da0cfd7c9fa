import { GeoJsonLayer, TextLayer } from 'deck.gl';
import type { GridFeature } from '../../api/types.ts';
import { LAYER_IDS } from '../layer-ids.ts';
import { RAMPS, THEME_OVERLAY, rampColour, type RGBA, type Theme } from '../palette.ts';
import { declutterLabels } from '../declutter.ts';
import { polygonLabelPoint } from './label-point.ts';
import { gridMeasureDomain, gridMeasureValue, type GridMeasure } from '../grid-measures.ts';
import { FONT_FAMILY } from '../../styles/typeface.ts';


export interface GridLayerOptions {
  grids: GridFeature[];
  theme: Theme;
  /** Colour the grids by this measure; null draws outlines only. */
  measure: GridMeasure | null;
  selectedGridId?: number | null;
  fillOpacity?: number;
  /** A fill of the caller's own (the planner's balance colours) instead of the measure's ramp. */
  fillColour?: (grid: GridFeature) => RGBA;
}

export function gridLayers({ grids, theme, measure, selectedGridId = null, fillOpacity = 150, fillColour }: GridLayerOptions) {
  const overlay = THEME_OVERLAY[theme];
  const ramp = theme === 'dark' ? RAMPS.darkSequential : RAMPS.lightSequential;
  const [min, max] = measure ? gridMeasureDomain(grids, measure) : [0, 1];
  const fill = (grid: GridFeature): RGBA => {
    if (fillColour) return fillColour(grid);
    if (!measure) return [0, 0, 0, 0];
    return rampColour(ramp, gridMeasureValue(grid, measure), min, max, grid.properties.id === selectedGridId ? 230 : fillOpacity);
  };
  return new GeoJsonLayer<GridFeature['properties']>({
      id: LAYER_IDS.grids,
      data: grids as never,
      pickable: true,
      stroked: true,
      filled: true,
      getFillColor: fill as never,
      getLineColor: ((grid: GridFeature) => (grid.properties.id === selectedGridId ? overlay.gridSelectedLine : overlay.gridLine)) as never,
      getLineWidth: ((grid: GridFeature) => (grid.properties.id === selectedGridId ? 4 : 1.5)) as never,
      lineWidthUnits: 'pixels',
      autoHighlight: true,
      highlightColor: theme === 'dark' ? [0, 229, 255, 60] : [255, 140, 0, 60],
      updateTriggers: { getFillColor: [measure, selectedGridId, min, max, theme, fillColour], getLineColor: [selectedGridId, theme], getLineWidth: [selectedGridId] },
    });
}

/**
 * Grid names, drawn after every other layer so buildings and outlines never cover them. Names that would overlap
 * at `zoom` are left out (the grid with more households keeps its name); pass the builder's zoom.
 */
export function gridLabelLayer({ grids, theme, labelSize = 12, zoom }: { grids: GridFeature[]; theme: Theme; labelSize?: number; zoom: number }) {
  const overlay = THEME_OVERLAY[theme];
  const positions = new Map(grids.map((grid) => [grid, polygonLabelPoint(grid.geometry.coordinates)]));
  const visible = declutterLabels(grids, { zoom, size: labelSize, position: (grid) => positions.get(grid)!, text: (grid) => grid.properties.name, priority: (grid) => grid.properties.households });
  return new TextLayer<GridFeature>({
    id: LAYER_IDS.gridLabels,
    data: visible,
    getPosition: (grid) => positions.get(grid)!,
    getText: (grid) => grid.properties.name,
    getColor: overlay.gridLabel,
    getSize: labelSize,
    sizeUnits: 'pixels',
    characterSet: 'auto',
    fontFamily: FONT_FAMILY,
    fontWeight: 600,
    background: true,
    getBackgroundColor: overlay.gridLabelBackground,
    backgroundPadding: [4, 2],
    parameters: { depthCompare: 'always', depthWriteEnabled: false },
    updateTriggers: { getColor: [theme], getBackgroundColor: [theme] },
  });
}

/** A layer builder for grid names that decluttered once per zoom step and reuses the layer between frames. */
export function gridLabelBuilder(options: { grids: GridFeature[]; theme: Theme; labelSize?: number; minZoom?: number }) {
  const byZoom = new Map<number, TextLayer<GridFeature>>();
  return ({ zoom }: { zoom: number }) => {
    if (options.minZoom !== undefined && zoom < options.minZoom) return null;
    let layer = byZoom.get(zoom);
    if (!layer) byZoom.set(zoom, (layer = gridLabelLayer({ ...options, zoom })));
    return layer;
  };
}
