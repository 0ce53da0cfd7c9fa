// What an import can bring in, and the checks each row passes before anything is written: incidents (a
// history from another system), service points, and grid boundaries (checked and previewed only, until grid
// editing has drafts). Column names are taken in English or Chinese, as GridAtlas's own CSV export writes them,
// and values as codes or as their Chinese or English labels.
import type { Point, Polygon } from 'geojson';
import { checkArea, checkPoint } from '#domain/geometry-rules.ts';
import { geometryToWgs84, type CoordinateSystem } from '#domain/coordinate-systems.ts';
import { LOCAL_UTC_OFFSET } from '#domain/local-time.ts';
import { isReasonableInstant } from '#domain/text-rules.ts';
import { CATEGORY_LABELS, SERVICE_POINT_LABELS, SOURCE_LABELS, STATUS_LABELS, type LabelPair } from '#domain/vocabulary-labels.ts';
import { findColumn, type ImportRow, type Problem } from './read-file.ts';

export const IMPORT_TARGETS = ['incidents', 'service-points', 'grids'] as const;
export type ImportTarget = (typeof IMPORT_TARGETS)[number];

export interface IncidentRecord {
  row: number;
  category: string;
  status: string;
  source: string;
  title: string;
  description: string;
  reportedAt: string;
  closedAt: string | null;
  location: Point;
}

export interface ServicePointRecord {
  row: number;
  name: string;
  kind: string;
  code: string | null;
  location: Point;
}

export interface GridRecord {
  row: number;
  name: string;
  boundary: Polygon;
}

export type TargetRecord = IncidentRecord | ServicePointRecord | GridRecord;

/** A field: the columns it may be named by (or start with), whether it must be there. */
interface Field {
  names: string[];
  prefixes?: string[];
  required: boolean;
}

const FIELDS: Record<ImportTarget, Record<string, Field>> = {
  incidents: {
    category: { names: ['category', '类别', '类别代码'], required: true },
    title: { names: ['title', '标题'], required: true },
    description: { names: ['description', '描述', '说明'], required: false },
    status: { names: ['status', '状态', '状态代码'], required: false },
    source: { names: ['source', '来源', '来源代码'], required: false },
    reportedAt: { names: ['reported_at', 'reportedat', '上报时间'], prefixes: ['上报时间'], required: true },
    closedAt: { names: ['closed_at', 'closedat', '结案时间'], prefixes: ['结案时间'], required: false },
  },
  'service-points': {
    name: { names: ['name', '名称'], required: true },
    kind: { names: ['kind', '类型', '类别'], required: true },
    code: { names: ['code', '编码', '编号'], required: false },
  },
  grids: {
    name: { names: ['name', '名称', '网格'], required: true },
  },
};

/** Which column of the file each field comes from; problems for required fields no column names. */
export function mapColumns(target: ImportTarget, rows: ImportRow[]): { columns: Record<string, string | undefined>; ignored: string[]; problems: Problem[] } {
  const headers = [...new Set(rows.flatMap((row) => Object.keys(row.properties)))];
  const columns: Record<string, string | undefined> = {};
  const problems: Problem[] = [];
  for (const [field, spec] of Object.entries(FIELDS[target])) {
    // A code column wins over its label column when both are there (类别代码 over 类别).
    const code = spec.names.find((name) => name.endsWith('代码'));
    columns[field] = (code && findColumn(headers, [code])) || findColumn(headers, spec.names, spec.prefixes);
    if (spec.required && !columns[field]) problems.push({ row: null, field, reason: `no column for it: name one ${spec.names.join(' or ')}` });
  }
  const used = new Set(Object.values(columns));
  return { columns, ignored: headers.filter((header) => !used.has(header)), problems };
}

/** A code from its code, its Chinese label or its English label (any case). */
function codeOf(labels: Record<string, LabelPair>, value: string): string | undefined {
  const wanted = value.trim().toLowerCase();
  return Object.entries(labels).find(([code, [zh, en]]) => code === wanted || zh === value.trim() || en.toLowerCase() === wanted)?.[0];
}

/**
 * An instant from an import: ISO 8601 with an offset, or a local (Beijing) time without one, as
 * 2026-11-01 08:30, 2026/11/01 08:30:15 or 2026-11-01T08:30:00.
 */
export function importInstant(value: string): string | null {
  const text = value.trim();
  const local = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  const iso = local
    ? `${local[1]}-${local[2].padStart(2, '0')}-${local[3].padStart(2, '0')}T${local[4].padStart(2, '0')}:${local[5]}:${local[6] ?? '00'}${LOCAL_UTC_OFFSET}`
    : text;
  return isReasonableInstant(iso) ? new Date(iso).toISOString() : null;
}

const text = (row: ImportRow, column: string | undefined) => {
  if (!column) return '';
  const value = row.properties[column];
  return value === null || value === undefined ? '' : String(value).trim();
};

function checkedPoint(row: ImportRow, system: CoordinateSystem, problems: Problem[], reported: Set<number | null>): Point | null {
  if (!row.geometry) {
    // A CSV row whose longitude or latitude is not a number was reported while reading.
    if (!reported.has(row.row)) problems.push({ row: row.row, field: 'geometry', reason: 'has no location' });
    return null;
  }
  const rule = checkPoint(row.geometry, 'the location');
  if (!rule.valid) {
    problems.push({ row: row.row, field: 'geometry', reason: rule.reason });
    return null;
  }
  return geometryToWgs84(row.geometry as Point, system);
}

/** Each row as a record of the target, or the problems that keep it out; `now` bounds times; `reported`: rows with problems found while reading. */
export function checkRows(
  target: ImportTarget,
  rows: ImportRow[],
  columns: Record<string, string | undefined>,
  system: CoordinateSystem,
  now: Date,
  reported: Set<number | null> = new Set(),
): { records: TargetRecord[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const records: TargetRecord[] = [];
  const problem = (row: ImportRow, field: string, reason: string) => problems.push({ row: row.row, field: columns[field] ?? field, reason });
  for (const row of rows) {
    const before = problems.length;
    if (target === 'incidents') {
      const category = codeOf(CATEGORY_LABELS, text(row, columns.category));
      if (!category) problem(row, 'category', `is not an incident category: "${text(row, columns.category)}" (use a code such as sanitation or a label such as 环境卫生)`);
      const statusText = text(row, columns.status);
      const status = statusText === '' ? 'closed' : codeOf(STATUS_LABELS, statusText);
      if (!status) problem(row, 'status', `is not an incident status: "${statusText}"`);
      const sourceText = text(row, columns.source);
      const source = sourceText === '' ? 'resident_report' : codeOf(SOURCE_LABELS, sourceText);
      if (!source) problem(row, 'source', `is not an incident source: "${sourceText}"`);
      const title = text(row, columns.title);
      if (title === '' || title.length > 200) problem(row, 'title', title === '' ? 'is empty' : `is longer than 200 characters (${title.length})`);
      const description = text(row, columns.description);
      if (description.length > 4000) problem(row, 'description', `is longer than 4000 characters (${description.length})`);
      const reportedAt = importInstant(text(row, columns.reportedAt));
      if (!reportedAt) problem(row, 'reportedAt', `is not a time: "${text(row, columns.reportedAt)}" (use 2026-11-01 08:30 in Beijing time, or ISO 8601 with an offset)`);
      else if (Date.parse(reportedAt) > now.getTime()) problem(row, 'reportedAt', `is in the future: ${text(row, columns.reportedAt)}`);
      const closedText = text(row, columns.closedAt);
      const closedAt = closedText === '' ? null : importInstant(closedText);
      if (closedText !== '' && !closedAt) problem(row, 'closedAt', `is not a time: "${closedText}"`);
      if (status === 'closed' && closedText === '') problem(row, 'closedAt', 'is needed for a closed incident');
      if (status && status !== 'closed' && closedAt) problem(row, 'closedAt', `is given, but the status is ${status}, not closed`);
      if (reportedAt && closedAt && Date.parse(closedAt) < Date.parse(reportedAt)) problem(row, 'closedAt', 'is before the time reported');
      if (closedAt && Date.parse(closedAt) > now.getTime()) problem(row, 'closedAt', `is in the future: ${closedText}`);
      const location = checkedPoint(row, system, problems, reported);
      if (problems.length === before && location) {
        records.push({ row: row.row, category: category!, status: status!, source: source!, title, description, reportedAt: reportedAt!, closedAt, location });
      }
    } else if (target === 'service-points') {
      const name = text(row, columns.name);
      if (name === '' || name.length > 100) problem(row, 'name', name === '' ? 'is empty' : 'is longer than 100 characters');
      const kind = codeOf(SERVICE_POINT_LABELS, text(row, columns.kind));
      if (!kind) problem(row, 'kind', `is not a kind of service point: "${text(row, columns.kind)}" (e.g. 党群服务站 or party_service_station)`);
      const code = text(row, columns.code);
      if (code.length > 40) problem(row, 'code', 'is longer than 40 characters');
      const location = checkedPoint(row, system, problems, reported);
      if (problems.length === before && location) records.push({ row: row.row, name, kind: kind!, code: code === '' ? null : code, location });
    } else {
      const name = text(row, columns.name);
      if (name === '') problem(row, 'name', 'is empty');
      const geometry = row.geometry;
      if (!geometry || geometry.type !== 'Polygon') {
        problems.push({ row: row.row, field: 'geometry', reason: `must be a Polygon (a grid is one piece), not ${geometry?.type ?? 'missing'}` });
      } else {
        const rule = checkArea(geometry, 'the boundary');
        if (!rule.valid) problems.push({ row: row.row, field: 'geometry', reason: rule.reason });
        else if (problems.length === before) records.push({ row: row.row, name, boundary: geometryToWgs84(geometry, system) });
      }
    }
  }
  return { records, problems };
}
