// Labels that would overlap at a zoom are left out, the most important kept: deck.gl's TextLayer draws every label
// it gets, and grid names collide when a whole community is in view.

export interface DeclutterOptions<T> {
  zoom: number;
  position(item: T): [number, number];
  text(item: T): string;
  /** Font size in pixels. */
  size: number;
  /** Higher first. */
  priority?(item: T): number;
  /** Pixels around each label's text (its background box and some air). */
  padding?: number;
}

/** Web Mercator pixel position at a zoom (256-pixel tiles), as MapLibre and deck.gl place things. */
export function worldPixels([longitude, latitude]: [number, number], zoom: number): [number, number] {
  const scale = 256 * 2 ** zoom;
  const sine = Math.sin((Math.max(-85, Math.min(85, latitude)) * Math.PI) / 180);
  return [((longitude + 180) / 360) * scale, (0.5 - Math.log((1 + sine) / (1 - sine)) / (4 * Math.PI)) * scale];
}

/** Width of a text in ems: a CJK character is one em, Latin letters and digits about 0.6. */
export function textEms(text: string): number {
  let ems = 0;
  for (const character of text) ems += /[\u2e80-\u9fff\uff00-\uffef]/.test(character) ? 1 : 0.6;
  return ems;
}

/** The labels that fit without overlapping, in their original order. */
export function declutterLabels<T>(items: readonly T[], { zoom, position, text, size, priority = () => 0, padding = 6 }: DeclutterOptions<T>): T[] {
  const kept: Array<{ item: T; box: [number, number, number, number] }> = [];
  const ranked = items.map((item, index) => ({ item, index, rank: priority(item) })).sort((a, b) => b.rank - a.rank || a.index - b.index);
  for (const { item } of ranked) {
    const [x, y] = worldPixels(position(item), zoom);
    const halfWidth = (textEms(text(item)) * size) / 2 + padding;
    const halfHeight = (size * 1.2) / 2 + padding;
    const box: [number, number, number, number] = [x - halfWidth, y - halfHeight, x + halfWidth, y + halfHeight];
    if (kept.some(({ box: other }) => box[0] < other[2] && other[0] < box[2] && box[1] < other[3] && other[1] < box[3])) continue;
    kept.push({ item, box });
  }
  const keptItems = new Set(kept.map(({ item }) => item));
  return items.filter((item) => keptItems.has(item));
}
