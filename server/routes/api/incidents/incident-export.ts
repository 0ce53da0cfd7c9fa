// The incident export as a spreadsheet reader needs it: Chinese headers and labels beside the stable codes,
// local times with their offset, the names of the places, and text that cannot run as a formula.
import { LOCAL_UTC_OFFSET, localIsoString } from '#domain/local-time.ts';
import { CATEGORY_LABELS, SOURCE_LABELS, STATUS_LABELS, type LabelPair } from '#domain/vocabulary-labels.ts';
import type { ExportLabels, IncidentExportRow } from '../../../repositories/incidents-repository.ts';

/** The largest export: a year of a large street's incidents. */
export const EXPORT_MAX_ROWS = 100_000;

const labelOf = (labels: Record<string, LabelPair>, code: string) => labels[code]?.[0] ?? code;

/**
 * Free text (titles, names) that a spreadsheet would run as a formula when it starts with = + - @ (or a tab or
 * carriage return) is written as text: a leading apostrophe, as OWASP advises against CSV injection.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The CSV columns: Chinese headers for the spreadsheet reader, labels beside the stable codes. */
const CSV_COLUMNS: Array<{ header: string; value(row: IncidentExportRow): string }> = [
  { header: '编号', value: (row) => row.id },
  { header: '区县', value: (row) => neutraliseFormula(row.district) },
  { header: '街道/镇', value: (row) => neutraliseFormula(row.street) },
  { header: '社区', value: (row) => neutraliseFormula(row.community) },
  { header: '网格', value: (row) => neutraliseFormula(row.grid ?? '') },
  { header: '类别', value: (row) => labelOf(CATEGORY_LABELS, row.category) },
  { header: '类别代码', value: (row) => row.category },
  { header: '状态', value: (row) => labelOf(STATUS_LABELS, row.status) },
  { header: '状态代码', value: (row) => row.status },
  { header: '来源', value: (row) => labelOf(SOURCE_LABELS, row.source) },
  { header: '来源代码', value: (row) => row.source },
  { header: '标题', value: (row) => neutraliseFormula(row.title) },
  { header: `上报时间(北京时间 UTC${LOCAL_UTC_OFFSET})`, value: (row) => localIsoString(row.reportedAt) },
  { header: `结案时间(北京时间 UTC${LOCAL_UTC_OFFSET})`, value: (row) => (row.closedAt ? localIsoString(row.closedAt) : '') },
  { header: '是否超期', value: (row) => (row.overdue ? '是' : '否') },
  { header: '经度', value: (row) => row.longitude },
  { header: '纬度', value: (row) => row.latitude },
];

/** RFC 4180 CSV with a byte-order mark, so that spreadsheet programs read the Chinese text as UTF-8. */
export function incidentsCsv(rows: IncidentExportRow[]): string {
  const cell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  const lines = [CSV_COLUMNS.map((column) => cell(column.header)).join(','), ...rows.map((row) => CSV_COLUMNS.map((column) => cell(column.value(row))).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

const chineseLabels = (labels: Record<string, LabelPair>) => Object.fromEntries(Object.entries(labels).map(([code, pair]) => [code, pair[0]]));

/** The Chinese labels the GeoJSON export writes beside the codes. */
export const EXPORT_LABELS: ExportLabels = { category: chineseLabels(CATEGORY_LABELS), status: chineseLabels(STATUS_LABELS), source: chineseLabels(SOURCE_LABELS) };
