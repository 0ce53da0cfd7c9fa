import { useEffect, useEffectEvent, useRef, useState, type ReactNode } from 'react';
import type { PickingInfo } from 'deck.gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { displayToken } from '../api/http.ts';
import { useBasemapConfig } from '../api/queries.ts';
import type { BBox } from '../api/types.ts';
import type { MapCamera } from '../app/router.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { errorText } from '../i18n/error-text.ts';
import type { DrawingKind, DrawingResult } from '../map/area-drawing.ts';
import { MapController, type LayerBuilder } from '../map/map-controller.ts';
import { mapTooltip } from '../map/tooltips.ts';
import type { Theme } from '../map/palette.ts';
import { LoadingOverlay } from './Loading.tsx';

export interface MapViewProps {
  theme: Theme;
  layers: LayerBuilder[];
  animated?: boolean;
  /** True once the layers show real data (for the first-data-frame timing). */
  hasData?: boolean;
  /** Fly to these bounds whenever `key` changes. */
  fitTarget?: { bounds: BBox; key: string; padding?: number | { top: number; bottom: number; left: number; right: number }; animate?: boolean } | null;
  initialCamera?: MapCamera | null;
  pitch?: number;
  /** Frames per second of animated layers; a wall display on a weak machine can ask for fewer (?fps=). */
  animationFps?: number;
  onCameraChange?(camera: MapCamera): void;
  onClick?(info: PickingInfo): void;
  /** Hover cards for the layers (off where a tap means "here", as on the report form's map). */
  showTooltips?: boolean;
  loading?: string | null;
  /** Draw a shape of this kind; `onDrawn` gets it once closed. Null: not drawing. */
  drawing?: DrawingKind | null;
  onDrawn?(result: DrawingResult): void;
  /** Set to a function that captures the map as an image (basemap and layers), while the map exists. */
  captureRef?: { current: (() => HTMLCanvasElement) | null };
  className?: string;
  children?: ReactNode;
  testId?: string;
}

/** The React side of the map: creates one MapController and passes props into it. */
export function MapView({ theme, layers, animated = false, hasData = true, fitTarget, initialCamera, pitch, animationFps, onCameraChange, onClick, showTooltips = true, loading, drawing = null, onDrawn, captureRef, className, children, testId = 'map' }: MapViewProps) {
  const i18n = useI18n();
  const containerRef = useRef<HTMLDivElement>(null);
  const controllerRef = useRef<MapController | null>(null);
  // The controller calls these with the props of the latest render, without being made anew for them.
  const cameraChanged = useEffectEvent((camera: MapCamera) => onCameraChange?.(camera));
  const clicked = useEffectEvent((info: PickingInfo) => onClick?.(info));
  const drawn = useEffectEvent((result: DrawingResult) => onDrawn?.(result));
  // Read once, when the map is made; later changes reach it through the effects below.
  const initialView = useEffectEvent(() => ({ camera: initialCamera, fitBounds: fitTarget?.bounds, pitch, animationFps, probeName: testId }));
  const basemap = useBasemapConfig();
  const [mapError, setMapError] = useState<{ status: number | null } | null>(null);
  const [mapReady, setMapReady] = useState(false);
  const styleUrl = basemap.data ? (basemap.data.external ? basemap.data.styleUrl : `${basemap.data.styleUrl}?theme=${theme}`) : null;

  useEffect(() => {
    if (!containerRef.current || !basemap.data || !styleUrl) return;
    const token = displayToken();
    const view = initialView();
    const controller = new MapController({
      container: containerRef.current,
      // The token never goes into a URL: the controller sends it as a header with every request to our API.
      styleUrl,
      attribution: basemap.data.attribution,
      camera: view.camera,
      bounds: view.fitBounds ?? basemap.data.bounds,
      token,
      pitch: view.pitch,
      animationFps: view.animationFps,
      probeName: view.probeName,
      onCameraChange: (camera) => cameraChanged(camera),
      onClick: (info) => clicked(info),
      onError: (status) => setMapError({ status }),
    });
    controller.map.once('load', () => setMapReady(true));
    controllerRef.current = controller;
    if (captureRef) captureRef.current = () => controller.capture();
    return () => {
      if (captureRef) captureRef.current = null;
      controller.destroy();
      controllerRef.current = null;
    };
    // The map is made once per basemap (and theme); later prop changes are passed in by the effects below.
  }, [basemap.data, styleUrl, captureRef]);

  useEffect(() => {
    controllerRef.current?.setTooltip((info) => (showTooltips ? mapTooltip(info, i18n) : null));
  }, [i18n, basemap.data, showTooltips]);

  useEffect(() => {
    controllerRef.current?.setLayers(layers, { animated, hasData });
  }, [layers, animated, hasData, basemap.data]);

  useEffect(() => {
    const controller = controllerRef.current;
    if (!controller || !mapReady) return;
    if (drawing) controller.drawing.start(drawing, (result) => drawn(result));
    else controller.drawing.stop();
  }, [drawing, mapReady]);

  const lastFitKey = useRef<string | null>(null);
  useEffect(() => {
    const controller = controllerRef.current;
    if (!controller || !fitTarget || fitTarget.key === lastFitKey.current) return;
    const firstFit = lastFitKey.current === null;
    lastFitKey.current = fitTarget.key;
    // The first target was given to the constructor unless a camera from the URL won.
    if (firstFit && !initialCamera) {
      controller.fitBounds(fitTarget.bounds, { padding: fitTarget.padding ?? 48, animate: false });
      return;
    }
    if (firstFit && initialCamera) return;
    controller.fitBounds(fitTarget.bounds, { padding: fitTarget.padding ?? 48, animate: fitTarget.animate ?? true });
  }, [fitTarget, initialCamera, basemap.data]);

  // Translated, with the HTTP status: never the raw message, which may quote a URL.
  const error = basemap.error ? errorText(basemap.error, i18n) : mapError && !mapReady ? (mapError.status ? i18n.t('error.code.map', { status: mapError.status }) : i18n.t('error.code.mapUnknown')) : null;
  return (
    <div className={`map-view ${className ?? ''}`} data-testid={testId}>
      <div ref={containerRef} className="map-canvas" data-testid={`${testId}-canvas`} />
      {error ? <div className="map-error" role="alert" data-testid="map-error">{i18n.t('map.error', { reason: error })}</div> : null}
      {!mapReady && !error ? <LoadingOverlay label={i18n.t('map.loading')} /> : loading ? <LoadingOverlay label={loading} subtle /> : null}
      {children}
    </div>
  );
}
