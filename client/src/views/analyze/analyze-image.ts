// /analyze's map as a PNG for a report: the map with its legend, the filters that made it, and when its data was read.
import { INCIDENT_CATEGORIES, INCIDENT_STATUSES } from '#domain/vocabulary.ts';
import type { I18n } from '../../i18n/i18n.tsx';
import { CATEGORY_LABELS, STATUS_LABELS } from '../../i18n/messages.ts';
import { composeMapSheet, downloadCanvas, type LegendSpec, type MapSheet } from '../../map/map-image.ts';
import type { AnalyzeFilters } from './analyze-filters.ts';
import { drawnAreaText } from './drawn-area.ts';

export interface AnalyzeImageContext {
  filters: AnalyzeFilters;
  /** Matching incidents (the server's count). */
  count: number;
  legend: LegendSpec;
  /** The selected community's name; null for the whole scope. */
  areaName: string | null;
  /** When the data shown was read. */
  dataAsOf: Date;
  attribution: string;
  i18n: I18n;
}

const listText = (chosen: readonly string[], all: readonly string[], label: (code: string) => string, i18n: I18n) =>
  chosen.length === all.length ? i18n.t('analyze.all') : chosen.map(label).join('、') || '—';

/** What the image says besides the map: its title, the filters, the count, the legend and the footer. */
export function analyzeSheet({ filters, count, legend, areaName, dataAsOf, attribution, i18n }: AnalyzeImageContext): MapSheet {
  const place = [areaName ?? i18n.t('analyze.png.allAreas'), ...(filters.area ? [`${i18n.t('analyze.drawnArea')}:${drawnAreaText(filters.area, i18n)}`] : [])].join(' · ');
  const categories = listText(filters.categories, INCIDENT_CATEGORIES, (code) => i18n.label(CATEGORY_LABELS[code as keyof typeof CATEGORY_LABELS]), i18n);
  const statuses = listText(filters.statuses, INCIDENT_STATUSES, (code) => i18n.label(STATUS_LABELS[code as keyof typeof STATUS_LABELS]), i18n);
  const filterText = `${place} · ${filters.from} ~ ${filters.to} · ${i18n.t('analyze.categories')}:${categories} · ${i18n.t('analyze.statuses')}:${statuses}`;
  return {
    title: `GridAtlas ${i18n.t('analyze.png.title')} · ${i18n.t('analyze.resultCount', { count: i18n.number(count) })}`,
    lines: [i18n.t('analyze.png.filters', { text: filterText })],
    legend,
    footer: [`${i18n.t('analyze.png.dataAsOf', { time: i18n.dateTime(dataAsOf) })} · ${i18n.t('app.demoData')}`, attribution],
  };
}

export async function exportAnalyzeImage(map: HTMLCanvasElement, context: AnalyzeImageContext): Promise<void> {
  const sheet = composeMapSheet(map, analyzeSheet(context), window.devicePixelRatio || 1);
  await downloadCanvas(sheet, `gridatlas-analyze-${context.filters.from}-${context.filters.to}.png`);
}
