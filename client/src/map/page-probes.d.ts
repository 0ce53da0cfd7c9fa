// What the page offers the browser tests and the benchmarks on `window` (set by map-controller.ts).
// A declaration file of its own, so that the tests' type check sees it without compiling the client.

/** Timings for the benchmark and the browser tests, on window.__gridatlasMetrics. */
interface MapMetrics {
  navigationStart: number;
  firstMapFrame?: number;
  firstDataFrame?: number;
  frames: number;
  /** When (performance.now()) the live stream last delivered an event, and how many it has delivered. */
  liveEventAt?: number;
  liveEvents?: number;
}

/** What the browser tests may ask a map (window.__gridatlasMaps[testId]): screen positions and what is drawn there. */
interface MapProbe {
  /** Pixel position (relative to the map element) of a longitude/latitude. */
  project(lonLat: [number, number]): [number, number];
  /** The id of the deck.gl layer drawn on top at a pixel, and the picked object's `properties.id` if any. */
  pick(x: number, y: number): { layer: string; id: number | null } | null;
  /** Ids of the deck.gl layers now drawn. */
  layers(): string[];
  /** The texts and positions a TextLayer now draws. */
  labels(layerId: string): Array<{ text: string; lonLat: [number, number] }>;
  /** How many items a drawn layer has (null when it is not drawn). */
  dataCount(layerId: string): number | null;
}

interface Window {
  __gridatlasMetrics?: MapMetrics;
  __gridatlasMaps?: Record<string, MapProbe>;
}
