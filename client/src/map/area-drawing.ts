// Drawing an area on the map (a polygon, a rectangle or a circle) with terra-draw. The map controller owns one;
// a finished shape is handed over as its ring (and a circle's radius) and cleared from terra-draw at once: the
// view keeps the area (in its URL) and draws it as a deck.gl layer like any other data.
import type * as maplibregl from 'maplibre-gl';
import { TerraDraw, TerraDrawCircleMode, TerraDrawPolygonMode, TerraDrawRectangleMode, ValidateNotSelfIntersecting, type GeoJSONStoreFeatures } from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import type { Position } from 'geojson';

export type DrawingKind = 'polygon' | 'rectangle' | 'circle';

export interface DrawingResult {
  kind: DrawingKind;
  /** The outer ring, closed, in WGS84. */
  ring: Position[];
  /** For a circle: its radius. */
  radiusKilometres?: number;
}

const STROKE = '#e65100';
const FILL = '#ff9800';
const shape = { fillColor: FILL, fillOpacity: 0.18, outlineColor: STROKE, outlineWidth: 2 } as const;
const handles = { closingPointColor: STROKE, closingPointWidth: 5, closingPointOutlineColor: '#ffffff', closingPointOutlineWidth: 2 } as const;

export class AreaDrawing {
  private draw: TerraDraw | null = null;
  private onFinish: ((result: DrawingResult) => void) | null = null;
  private kind: DrawingKind | null = null;
  /** When the last shape was closed (performance.now()): the click that closed it is not a click on the data. */
  finishedAt = -Infinity;

  constructor(private readonly map: maplibregl.Map) {}

  /** True while a shape is being drawn: map clicks then belong to the drawing. */
  get active(): boolean {
    return this.kind !== null;
  }

  /** Starts drawing a shape of this kind (replacing any drawing under way); `onFinish` gets it once closed. */
  start(kind: DrawingKind, onFinish: (result: DrawingResult) => void): void {
    this.onFinish = onFinish;
    this.kind = kind;
    const draw = this.instance();
    if (!draw.enabled) draw.start();
    draw.clear();
    draw.setMode(kind);
    this.map.getCanvas().style.cursor = 'crosshair';
  }

  /** Stops drawing and drops an unfinished shape. */
  stop(): void {
    this.kind = null;
    this.onFinish = null;
    if (this.draw?.enabled) {
      this.draw.clear();
      this.draw.setMode('static');
    }
    this.map.getCanvas().style.cursor = '';
  }

  destroy(): void {
    if (this.draw?.enabled) this.draw.stop();
    this.draw = null;
  }

  private instance(): TerraDraw {
    if (this.draw) return this.draw;
    const draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map: this.map, coordinatePrecision: 6 }),
      modes: [
        new TerraDrawPolygonMode({ styles: { ...shape, ...handles }, validation: (feature, { updateType }) => (updateType === 'finish' || updateType === 'commit' ? ValidateNotSelfIntersecting(feature) : { valid: true }) }),
        new TerraDrawRectangleMode({ styles: shape }),
        new TerraDrawCircleMode({ styles: shape, segments: 64 }),
      ],
    });
    draw.on('finish', (id, context) => {
      if (context.action !== 'draw') return;
      const feature = draw.getSnapshotFeature(id) as GeoJSONStoreFeatures | undefined;
      const finish = this.onFinish;
      const kind = this.kind;
      this.finishedAt = performance.now();
      this.stop();
      if (!feature || feature.geometry.type !== 'Polygon' || !finish || !kind) return;
      const radius = feature.properties.radiusKilometers;
      finish({ kind, ring: feature.geometry.coordinates[0], radiusKilometres: typeof radius === 'number' ? radius : undefined });
    });
    this.draw = draw;
    return draw;
  }
}
