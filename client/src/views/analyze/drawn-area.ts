// The analyst's drawn area, as it lives in the URL (`area=`), short enough to share as a link:
//   c:lng,lat,metres          a circle (its centre and radius)
//   r:west,south,east,north   a rectangle
//   p:lng,lat,lng,lat,…       a polygon (its ring, not closed)
// Coordinates have 6 decimals (about 0.1 m). The API is always sent a Polygon, checked by the same geometry
// rules the server applies, so a drawing the server would refuse is caught before it is sent.
import { circle } from '@turf/turf';
import type { Polygon, Position } from 'geojson';
import { checkArea, MAX_AREA_VERTICES, SERVICE_AREA_BBOX } from '#domain/geometry-rules.ts';
import type { I18n } from '../../i18n/i18n.tsx';

export type DrawnArea =
  | { kind: 'circle'; center: [number, number]; radiusMetres: number }
  | { kind: 'rectangle'; bbox: [number, number, number, number] }
  | { kind: 'polygon'; ring: [number, number][] };

export type DrawnAreaKind = DrawnArea['kind'];
export const DRAWN_AREA_KINDS: readonly DrawnAreaKind[] = ['polygon', 'rectangle', 'circle'];

/** A circle is sent as a polygon of this many sides (0.1% short of the true area). */
export const CIRCLE_STEPS = 64;
/** The largest circle one may draw: a whole county town and more. */
export const MAX_RADIUS_METRES = 50_000;

const round = (value: number) => Math.round(value * 1e6) / 1e6;
const text = (values: number[]) => values.map((value) => String(round(value))).join(',');

export function writeArea(area: DrawnArea): string {
  switch (area.kind) {
    case 'circle':
      return `c:${text(area.center)},${Math.round(area.radiusMetres)}`;
    case 'rectangle':
      return `r:${text(area.bbox)}`;
    case 'polygon':
      return `p:${text(area.ring.flat())}`;
  }
}

/** The polygon the API is sent. */
export function areaPolygon(area: DrawnArea): Polygon {
  switch (area.kind) {
    case 'circle': {
      const ring = circle(area.center, area.radiusMetres / 1000, { steps: CIRCLE_STEPS, units: 'kilometers' }).geometry.coordinates[0];
      return { type: 'Polygon', coordinates: [ring.map(([lng, lat]) => [round(lng), round(lat)])] };
    }
    case 'rectangle': {
      const [west, south, east, north] = area.bbox;
      return { type: 'Polygon', coordinates: [[[west, south], [east, south], [east, north], [west, north], [west, south]]] };
    }
    case 'polygon':
      return { type: 'Polygon', coordinates: [[...area.ring, area.ring[0]]] };
  }
}

const inServiceArea = ([lng, lat]: number[]) => lng >= SERVICE_AREA_BBOX[0] && lng <= SERVICE_AREA_BBOX[2] && lat >= SERVICE_AREA_BBOX[1] && lat <= SERVICE_AREA_BBOX[3];

/** The area a URL value names, or why it names none (the geometry rules' own reason where they refuse it). */
export function parseArea(value: string): { area: DrawnArea } | { problem: string } {
  const match = /^([crp]):(.+)$/.exec(value.trim());
  if (!match) return { problem: 'area must be c:lng,lat,metres, r:west,south,east,north or p:lng,lat,lng,lat,…' };
  const numbers = match[2].split(',').map((part) => (part.trim() === '' ? NaN : Number(part)));
  if (numbers.some((number) => !Number.isFinite(number))) return { problem: 'area has a value that is not a number' };
  let area: DrawnArea;
  if (match[1] === 'c') {
    if (numbers.length !== 3) return { problem: 'a circle is c:lng,lat,metres' };
    const [lng, lat, radiusMetres] = numbers;
    if (!inServiceArea([lng, lat])) return { problem: 'the circle’s centre is outside the service area' };
    if (radiusMetres < 1 || radiusMetres > MAX_RADIUS_METRES) return { problem: `a circle’s radius is 1 to ${MAX_RADIUS_METRES} m` };
    area = { kind: 'circle', center: [lng, lat], radiusMetres };
  } else if (match[1] === 'r') {
    if (numbers.length !== 4) return { problem: 'a rectangle is r:west,south,east,north' };
    const [west, south, east, north] = numbers;
    if (!(west < east && south < north)) return { problem: 'a rectangle needs west < east and south < north' };
    area = { kind: 'rectangle', bbox: [west, south, east, north] };
  } else {
    if (numbers.length % 2 !== 0 || numbers.length < 6) return { problem: 'a polygon needs at least three lng,lat pairs' };
    if (numbers.length / 2 > MAX_AREA_VERTICES) return { problem: `a polygon has at most ${MAX_AREA_VERTICES} vertices` };
    const ring: [number, number][] = [];
    for (let index = 0; index < numbers.length; index += 2) ring.push([numbers[index], numbers[index + 1]]);
    area = { kind: 'polygon', ring };
  }
  const rule = checkArea(areaPolygon(area), 'area');
  return rule.valid ? { area } : { problem: rule.reason };
}

/**
 * The area a finished drawing describes: terra-draw's polygon, rectangle or circle feature (a circle keeps its
 * centre and radius, so the link stays short). Null for a drawing the rules refuse, with the reason.
 */
export function areaFromDrawing(kind: DrawnAreaKind, ring: Position[], radiusKilometres?: number): { area: DrawnArea } | { problem: string } {
  const open = ring.length > 1 && ring[0][0] === ring.at(-1)![0] && ring[0][1] === ring.at(-1)![1] ? ring.slice(0, -1) : ring;
  let area: DrawnArea;
  if (kind === 'circle' && radiusKilometres !== undefined) {
    // terra-draw's circle is a regular polygon around its centre: the mean of its vertices.
    const center: [number, number] = [open.reduce((sum, point) => sum + point[0], 0) / open.length, open.reduce((sum, point) => sum + point[1], 0) / open.length];
    area = { kind: 'circle', center, radiusMetres: radiusKilometres * 1000 };
  } else if (kind === 'rectangle') {
    const lngs = open.map((point) => point[0]);
    const lats = open.map((point) => point[1]);
    area = { kind: 'rectangle', bbox: [Math.min(...lngs), Math.min(...lats), Math.max(...lngs), Math.max(...lats)] };
  } else {
    area = { kind: 'polygon', ring: open.map((point) => [point[0], point[1]] as [number, number]) };
  }
  return parseArea(writeArea(area));
}

/** The area in words, for its chip and the exported image: 圆形范围,半径 850 米. */
export function drawnAreaText(area: DrawnArea, i18n: I18n): string {
  if (area.kind === 'circle') return i18n.t('analyze.drawnArea.circle', { metres: i18n.number(Math.round(area.radiusMetres)) });
  if (area.kind === 'rectangle') return i18n.t('analyze.drawnArea.rectangle');
  return i18n.t('analyze.drawnArea.polygon', { count: area.ring.length });
}
