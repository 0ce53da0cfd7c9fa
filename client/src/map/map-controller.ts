// The one owner of the MapLibre map and its deck.gl overlay. React creates it once per map element and passes
// state in (style, layers, camera targets, tooltip); nothing else touches the map.
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { Layer, PickingInfo } from 'deck.gl';
import type { BBox } from '../api/types.ts';
import type { MapCamera } from '../app/router.ts';
import { AreaDrawing } from './area-drawing.ts';

maplibregl.setWorkerUrl(workerUrl);

/** Builds the deck.gl layers for one frame; `time` is seconds since the controller started animating, `zoom` the map's. */
export type LayerBuilder = (frame: { time: number; zoom: number }) => Layer | null | false | ReadonlyArray<Layer | null | false>;

export type TooltipContent = { html: string; className?: string } | null;
export type TooltipFunction = (info: PickingInfo) => TooltipContent;

export interface MapControllerOptions {
  container: HTMLElement;
  styleUrl: string;
  attribution: string;
  camera?: MapCamera | null;
  bounds?: BBox | null;
  /** A display token to send with the basemap's own requests (the page may have no session cookie). */
  token?: string | null;
  /** Frames per second while an animated layer (patrol trips) is shown. */
  animationFps?: number;
  pitch?: number;
  /** The map's test id: its probe is registered under it, and its element carries data-layers. */
  probeName?: string;
  onCameraChange?(camera: MapCamera): void;
  onClick?(info: PickingInfo): void;
  /** A map error (style or source failed to load), with its HTTP status when there is one; the message stays in the console. */
  onError?(status: number | null): void;
}

// MapMetrics, MapProbe and their places on window are declared in page-probes.d.ts.

function metrics(): MapMetrics {
  window.__gridatlasMetrics ??= { navigationStart: 0, frames: 0 };
  return window.__gridatlasMetrics;
}

export class MapController {
  readonly map: maplibregl.Map;
  /** Drawing an area (terra-draw); while it is under way, map clicks belong to it. */
  readonly drawing: AreaDrawing;
  private readonly overlay: MapboxOverlay;
  private builders: LayerBuilder[] = [];
  private animated = false;
  private hasData = false;
  private animationHandle: number | null = null;
  private lastAnimationFrame = 0;
  private readonly animationStart = performance.now();
  private readonly frameInterval: number;
  private tooltip: TooltipFunction = () => null;
  private destroyed = false;
  private mapLoaded = false;
  private styleUrl: string;
  private drawnLayerIds: string[] = [];
  private drawnLayers: Layer[] = [];

  constructor(private readonly options: MapControllerOptions) {
    this.frameInterval = 1000 / (options.animationFps ?? 30);
    this.styleUrl = options.styleUrl;
    const token = options.token;
    this.map = new maplibregl.Map({
      container: options.container,
      style: options.styleUrl,
      center: options.camera?.center ?? [112.5, 32.98],
      zoom: options.camera?.zoom ?? 13,
      pitch: options.pitch ?? 0,
      bounds: !options.camera && options.bounds ? (options.bounds as [number, number, number, number]) : undefined,
      fitBoundsOptions: { padding: 40 },
      attributionControl: { compact: false, customAttribution: options.attribution },
      maxPitch: 60,
      // No glyphs or sprites: labels are deck.gl TextLayers, so the map works offline.
      transformRequest: (url) => {
        if (token && new URL(url, window.location.href).origin === window.location.origin && url.includes('/api/')) {
          return { url, headers: { authorization: `Bearer ${token}` } };
        }
        return { url };
      },
    });
    this.map.addControl(new maplibregl.NavigationControl({ visualizePitch: true }), 'top-right');
    this.map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');

    this.overlay = new MapboxOverlay({
      interleaved: false,
      layers: [],
      getTooltip: (info) => this.tooltip(info),
      onClick: (info) => {
        if (!this.drawing.active && performance.now() - this.drawing.finishedAt > 500) this.options.onClick?.(info);
      },
      onAfterRender: () => this.afterDeckRender(),
    });
    this.map.addControl(this.overlay as unknown as maplibregl.IControl);
    this.drawing = new AreaDrawing(this.map);

    this.map.once('load', () => {
      this.mapLoaded = true;
      if (this.animated && this.animationHandle === null) this.animationHandle = requestAnimationFrame(this.animate);
      const state = metrics();
      state.firstMapFrame ??= performance.now();
      performance.mark('gridatlas:first-map-frame');
      this.options.container.dataset.mapReady = 'true';
    });
    // Builders may depend on the zoom (labels of streets or communities); rebuild when it settles.
    this.map.on('zoomend', () => {
      if (!this.animated) this.render();
    });
    this.map.on('idle', () => {
      this.options.container.dataset.mapIdle = 'true';
    });
    this.map.on('movestart', () => {
      this.options.container.dataset.mapIdle = 'false';
    });
    if (options.probeName) {
      window.__gridatlasMaps ??= {};
      window.__gridatlasMaps[options.probeName] = {
        project: (lonLat) => {
          const point = this.map.project(lonLat);
          return [point.x, point.y];
        },
        pick: (x, y) => {
          const info = this.overlay.pickObject({ x, y, radius: 1 });
          if (!info?.layer) return null;
          const object = info.object as { properties?: { id?: number } } | undefined;
          return { layer: info.layer.id, id: object?.properties?.id ?? null };
        },
        layers: () => this.drawnLayerIds,
        dataCount: (layerId) => {
          const layer = this.drawnLayers.find((candidate) => candidate.id === layerId);
          const data = layer?.props.data as unknown;
          return Array.isArray(data) ? data.length : null;
        },
        labels: (layerId) => {
          const layer = this.drawnLayers.find((candidate) => candidate.id === layerId);
          if (!layer) return [];
          const props = layer.props as unknown as { data: unknown[]; getText(item: unknown): string; getPosition(item: unknown): [number, number] };
          return [...props.data].map((item) => ({ text: props.getText(item), lonLat: props.getPosition(item) }));
        },
      };
    }
    this.map.on('moveend', () => {
      const center = this.map.getCenter();
      this.options.onCameraChange?.({ center: [center.lng, center.lat], zoom: this.map.getZoom() });
    });
    this.map.on('error', (event) => {
      const error = (event as unknown as { error?: { message?: string; status?: number } }).error;
      console.warn('[map]', token ? (error?.message ?? '').replaceAll(token, '…') : error?.message);
      this.options.onError?.(typeof error?.status === 'number' ? error.status : null);
    });
  }

  /** Replaces the overlay's layers. `hasData` marks the first frame that shows data, for the timings. */
  setLayers(builders: LayerBuilder[], { animated = false, hasData = true }: { animated?: boolean; hasData?: boolean } = {}): void {
    if (this.destroyed) return;
    this.builders = builders;
    this.animated = animated;
    this.hasData = hasData;
    this.render();
    // Animation starts once the basemap has loaded: on software WebGL its frames would otherwise delay the basemap.
    if (animated && this.animationHandle === null && this.mapLoaded) this.animationHandle = requestAnimationFrame(this.animate);
  }

  setTooltip(tooltip: TooltipFunction): void {
    this.tooltip = tooltip;
  }

  setStyle(styleUrl: string): void {
    if (styleUrl === this.styleUrl) return;
    this.styleUrl = styleUrl;
    this.map.setStyle(styleUrl);
  }

  fitBounds(bounds: BBox, { padding = 48, animate = true, duration = 1600 }: { padding?: number | maplibregl.PaddingOptions; animate?: boolean; duration?: number } = {}): void {
    // Fit as if seen from above, then keep the pitch: a tilted fitBounds pushes the area off-centre.
    const camera = this.map.cameraForBounds(bounds as [number, number, number, number], { padding, maxZoom: 17, pitch: 0, bearing: 0 });
    if (!camera) return;
    const pitch = this.map.getPitch();
    const target = { center: camera.center, zoom: (camera.zoom ?? this.map.getZoom()) - (pitch > 0 ? 0.15 : 0), pitch, bearing: this.map.getBearing() };
    if (animate) this.map.flyTo({ ...target, duration, essential: true });
    else this.map.jumpTo(target);
  }

  jumpTo(camera: MapCamera): void {
    this.map.jumpTo({ center: camera.center, zoom: camera.zoom });
  }

  /**
   * The map as one image: the basemap and the deck.gl layers over it, at the screen's pixel density. Both are drawn
   * anew and copied at once, in the same task (their WebGL buffers are not kept between frames).
   */
  capture(): HTMLCanvasElement {
    const mapCanvas = this.map.getCanvas();
    const image = document.createElement('canvas');
    image.width = mapCanvas.width;
    image.height = mapCanvas.height;
    const context = image.getContext('2d')!;
    this.map.redraw();
    context.drawImage(mapCanvas, 0, 0);
    // MapboxOverlay keeps its Deck private; a redraw with a reason draws at once.
    (this.overlay as unknown as { _deck?: { redraw(reason: string): void } })._deck?.redraw('capture');
    const deckCanvas = this.overlay.getCanvas();
    if (deckCanvas && deckCanvas !== mapCanvas) context.drawImage(deckCanvas, 0, 0, image.width, image.height);
    return image;
  }

  resize(): void {
    this.map.resize();
  }

  destroy(): void {
    this.destroyed = true;
    if (this.options.probeName && window.__gridatlasMaps) delete window.__gridatlasMaps[this.options.probeName];
    if (this.animationHandle !== null) cancelAnimationFrame(this.animationHandle);
    this.drawing.destroy();
    this.map.remove();
  }

  private render(): void {
    const time = (performance.now() - this.animationStart) / 1000;
    const zoom = this.map.getZoom();
    const layers: Layer[] = [];
    for (const builder of this.builders) {
      const built = builder({ time, zoom: Math.round(zoom * 4) / 4 });
      if (!built) continue;
      for (const layer of Array.isArray(built) ? built : [built]) if (layer) layers.push(layer as Layer);
    }
    this.overlay.setProps({ layers });
    this.drawnLayers = layers;
    const ids = [...new Set(layers.map((layer) => layer.id))];
    if (ids.join() !== this.drawnLayerIds.join()) {
      this.drawnLayerIds = ids;
      this.options.container.dataset.layers = ids.join(',');
    }
  }

  private readonly animate = (now: number) => {
    this.animationHandle = null;
    if (this.destroyed || !this.animated) return;
    if (now - this.lastAnimationFrame >= this.frameInterval && !document.hidden) {
      this.lastAnimationFrame = now;
      this.render();
    }
    this.animationHandle = requestAnimationFrame(this.animate);
  };

  private afterDeckRender(): void {
    const state = metrics();
    state.frames++;
    if (!this.hasData || this.options.container.dataset.dataReady === 'true') return;
    // The overlay drew data; the basemap under it may still be finishing, which the first map frame times.
    this.options.container.dataset.dataReady = 'true';
    if (state.firstDataFrame === undefined) {
      state.firstDataFrame = performance.now();
      performance.mark('gridatlas:first-data-frame');
    }
  }
}
