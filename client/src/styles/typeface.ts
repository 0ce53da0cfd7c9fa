// The app's typeface, written once: the page's CSS (`--font`, set at start-up from this constant) and the map's
// deck.gl labels, which draw text to a canvas and cannot read CSS, both use it.

/** Noto Sans CJK SC on Linux (Debian's fonts-noto-cjk), PingFang on Apple, Microsoft YaHei on Windows. */
export const FONT_FAMILY = '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif';

/** Makes the stack the page's `--font`, which the style sheets use. */
export function applyFontFamily(root: HTMLElement = document.documentElement): void {
  root.style.setProperty('--font', FONT_FAMILY);
}
