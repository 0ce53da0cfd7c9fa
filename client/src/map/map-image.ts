// A map exported as a picture to paste into a report: a title and the filters above, the map with its legend on it,
// and below the data-as-of time and the attribution. Drawn on a canvas from the captured map, so it is exactly
// what the screen showed.
import { FONT_FAMILY } from '../styles/typeface.ts';

export interface LegendSpec {
  title: string;
  /** A colour ramp, low to high, with its end labels. */
  ramp?: readonly string[];
  low?: string;
  high?: string;
  /** Or one swatch per class. */
  items?: { colour: string; label: string }[];
}

export interface MapSheet {
  title: string;
  /** Lines under the title: what the map shows (filters, area, count). */
  lines: string[];
  legend: LegendSpec;
  /** Under the map: data as of, attribution. */
  footer: string[];
}

const MARGIN = 20;
const HEADER_LINE = 20;
const TITLE_SIZE = 22;
const TEXT_SIZE = 14;
const FOOTER_LINE = 18;
const LEGEND_WIDTH = 220;
const RAMP_HEIGHT = 12;
const ITEM_LINE = 20;

/** Where the legend sits on the sheet (in CSS pixels), for tests that look for it. */
export function legendBox(sheet: MapSheet, map: { width: number; height: number }): { x: number; y: number; width: number; height: number } {
  const height = legendHeight(sheet.legend);
  return { x: MARGIN + 12, y: headerHeight(sheet) + map.height - 12 - height, width: LEGEND_WIDTH, height };
}

const headerHeight = (sheet: MapSheet) => MARGIN + TITLE_SIZE + 8 + sheet.lines.length * HEADER_LINE + 8;
const legendHeight = (legend: LegendSpec) => 14 + 18 + (legend.ramp ? RAMP_HEIGHT + 26 : (legend.items?.length ?? 0) * ITEM_LINE + 4);

/**
 * The sheet around a captured map (`map`, in device pixels; `scale` device pixels per CSS pixel). The result is in
 * device pixels too, so the map keeps its sharpness.
 */
export function composeMapSheet(map: HTMLCanvasElement, sheet: MapSheet, scale = 1): HTMLCanvasElement {
  const mapSize = { width: map.width / scale, height: map.height / scale };
  const header = headerHeight(sheet);
  const footer = sheet.footer.length * FOOTER_LINE + MARGIN;
  const width = mapSize.width + 2 * MARGIN;
  const height = header + mapSize.height + footer;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const context = canvas.getContext('2d')!;
  context.scale(scale, scale);
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  context.textBaseline = 'top';

  context.fillStyle = '#0f2441';
  context.font = `700 ${TITLE_SIZE}px ${FONT_FAMILY}`;
  context.fillText(sheet.title, MARGIN, MARGIN);
  context.fillStyle = '#3c4a5e';
  context.font = `${TEXT_SIZE}px ${FONT_FAMILY}`;
  sheet.lines.forEach((line, index) => context.fillText(line, MARGIN, MARGIN + TITLE_SIZE + 8 + index * HEADER_LINE, width - 2 * MARGIN));

  context.drawImage(map, MARGIN, header, mapSize.width, mapSize.height);
  context.strokeStyle = '#c9d2de';
  context.lineWidth = 1;
  context.strokeRect(MARGIN - 0.5, header - 0.5, mapSize.width + 1, mapSize.height + 1);

  drawLegend(context, sheet.legend, legendBox(sheet, mapSize));

  context.fillStyle = '#5b6472';
  context.font = `12px ${FONT_FAMILY}`;
  sheet.footer.forEach((line, index) => context.fillText(line, MARGIN, header + mapSize.height + 8 + index * FOOTER_LINE, width - 2 * MARGIN));
  return canvas;
}

function drawLegend(context: CanvasRenderingContext2D, legend: LegendSpec, box: { x: number; y: number; width: number; height: number }): void {
  context.save();
  context.shadowColor = 'rgba(15, 35, 65, 0.25)';
  context.shadowBlur = 8;
  context.fillStyle = 'rgba(255, 255, 255, 0.96)';
  context.beginPath();
  context.roundRect(box.x, box.y, box.width, box.height, 8);
  context.fill();
  context.restore();

  const left = box.x + 12;
  let y = box.y + 12;
  context.fillStyle = '#0f2441';
  context.font = `700 13px ${FONT_FAMILY}`;
  context.fillText(legend.title, left, y, box.width - 24);
  y += 22;
  context.font = `12px ${FONT_FAMILY}`;
  if (legend.ramp) {
    const rampWidth = box.width - 24;
    const step = rampWidth / legend.ramp.length;
    // One block per class (the classes the map uses), so each colour can be read off the image.
    legend.ramp.forEach((colour, index) => {
      context.fillStyle = colour;
      context.fillRect(left + index * step, y, Math.ceil(step), RAMP_HEIGHT);
    });
    y += RAMP_HEIGHT + 4;
    context.fillStyle = '#5b6472';
    context.fillText(legend.low ?? '', left, y);
    const high = legend.high ?? '';
    context.fillText(high, left + rampWidth - context.measureText(high).width, y);
  } else {
    for (const item of legend.items ?? []) {
      context.fillStyle = item.colour;
      context.beginPath();
      context.arc(left + 6, y + 7, 5.5, 0, 2 * Math.PI);
      context.fill();
      context.fillStyle = '#26303d';
      context.fillText(item.label, left + 18, y, box.width - 36);
      y += ITEM_LINE;
    }
  }
}

/** Offers the canvas as a PNG download. */
export async function downloadCanvas(canvas: HTMLCanvasElement, fileName: string): Promise<void> {
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('the map image could not be made');
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
