// The analyst's export of the current result: GeoJSON (RFC 7946) and CSV (UTF-8 with BOM, so spreadsheet programs read the Chinese).
import type { IncidentFeature } from '../../api/types.ts';
import type { I18n } from '../../i18n/i18n.tsx';
import { CATEGORY_LABELS, SOURCE_LABELS, STATUS_LABELS } from '../../i18n/messages.ts';

export function incidentsToGeoJson(incidents: IncidentFeature[]): string {
  return JSON.stringify({ type: 'FeatureCollection', features: incidents });
}

const CSV_COLUMNS = ['id', 'reportedAt', 'closedAt', 'category', 'categoryLabel', 'status', 'statusLabel', 'overdue', 'source', 'sourceLabel', 'title', 'communityId', 'gridId', 'longitude', 'latitude'] as const;

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function incidentsToCsv(incidents: IncidentFeature[], i18n: I18n): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const incident of incidents) {
    const properties = incident.properties;
    const row: Record<(typeof CSV_COLUMNS)[number], unknown> = {
      id: properties.id,
      reportedAt: properties.reportedAt,
      closedAt: properties.closedAt,
      category: properties.category,
      categoryLabel: i18n.label(CATEGORY_LABELS[properties.category]),
      status: properties.status,
      statusLabel: i18n.label(STATUS_LABELS[properties.status]),
      overdue: properties.overdue,
      source: properties.source,
      sourceLabel: i18n.label(SOURCE_LABELS[properties.source]),
      title: properties.title,
      communityId: properties.communityId,
      gridId: properties.gridId,
      longitude: incident.geometry.coordinates[0],
      latitude: incident.geometry.coordinates[1],
    };
    lines.push(CSV_COLUMNS.map((column) => csvCell(row[column])).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function downloadText(text: string, fileName: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
