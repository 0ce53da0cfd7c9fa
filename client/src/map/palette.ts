// Every colour the map and the charts use, as data. RGB(A) arrays for deck.gl, hex strings for CSS and ECharts.
import type { IncidentCategory, IncidentStatus, ServicePointKind } from '#domain/vocabulary.ts';

export type RGBA = [number, number, number, number];
export type Theme = 'dark' | 'light';

export function hexToRgba(hex: string, alpha = 255): RGBA {
  const value = Number.parseInt(hex.replace('#', ''), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255, alpha];
}

export function rgbaToCss([red, green, blue, alpha]: RGBA): string {
  return `rgba(${red}, ${green}, ${blue}, ${(alpha / 255).toFixed(3)})`;
}

/**
 * Ten categories, told apart at a glance on a dark and a light map (every pair at least 20 apart in CIELAB; a test
 * checks it); the four 四乱 are the warm ones.
 */
export const CATEGORY_COLOURS: Record<IncidentCategory, string> = {
  illegal_occupation: '#ee5253',
  illegal_extraction: '#ff9f43',
  illegal_dumping: '#feca57',
  illegal_construction: '#b33771',
  public_security: '#54a0ff',
  sanitation: '#1dd1a1',
  facility_damage: '#48dbfb',
  neighbour_dispute: '#a29bfe',
  livelihood_request: '#f368e0',
  safety_hazard: '#c7ecee',
};

export const STATUS_COLOURS: Record<IncidentStatus, string> = {
  reported: '#ffb020',
  assigned: '#ffd166',
  in_progress: '#3ec1ff',
  verified: '#7b8cff',
  closed: '#2bd99f',
  returned: '#ff5c7a',
};

export const OVERDUE_COLOUR = '#ff3b4f';

/** The place picked for a new report. */
export const REPORT_LOCATION_COLOUR = '#e8590c';

/** Responders to an incident: party members (党员) in the party's red, other volunteers in green. */
/** Buildings outside the 10-minute life circle of any service point. */
export const UNCOVERED_COLOUR = '#ff9f1c';

export const RESPONDER_COLOURS = { party: '#d62828', volunteer: '#2a9d8f' } as const;

export const SERVICE_POINT_STYLE: Record<ServicePointKind, { colour: string; glyph: string }> = {
  party_service_station: { colour: '#e53935', glyph: '党' },
  red_station: { colour: '#ff5252', glyph: '驿' },
  day_care_centre: { colour: '#ff9800', glyph: '老' },
  reading_room: { colour: '#26a69a', glyph: '书' },
  party_square: { colour: '#d81b60', glyph: '场' },
  party_garden: { colour: '#43a047', glyph: '园' },
  happiness_courtyard: { colour: '#fb8c00', glyph: '福' },
};

/** Sequential ramps, low to high. */
export const RAMPS = {
  /** Incident heat: deep blue through cyan and yellow to red. */
  heat: ['#0b3d91', '#1e88e5', '#00e5ff', '#76ff03', '#ffea00', '#ff3d00'],
  /** Grid choropleths on the dark display. */
  darkSequential: ['#0d3b66', '#11557f', '#137a9c', '#1aa3b5', '#4cd1c5', '#a6f0c6'],
  /** Grid choropleths on the light maps. */
  lightSequential: ['#eff3ff', '#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'],
  /** Volunteer density hexagons: greens. */
  volunteers: ['#0b4f3c', '#11795a', '#1aa874', '#37d08f', '#7ef0b3', '#d2ffe6'],
  /** Incident hexbins: six classes, the densest a strong yellow (never white, which vanishes on the light basemap). */
  incidentHexagons: ['#2c115f', '#721f81', '#b73779', '#f1605d', '#feb078', '#f9d423'],
  /** Patrol heat, nights a patrol passed: from rarely (amber) to every night (teal); never gets NEVER_PATROLLED_COLOUR. */
  patrolNights: ['#f4a259', '#e9c46a', '#a7c957', '#52b69a', '#1a9a8f', '#0f7c8c'],
} as const;

/** Places no patrol reached in the window, and courtyards patrolled less than regularly: an alarm red. */
export const NEVER_PATROLLED_COLOUR = '#e5383b';

export function rampColours(ramp: readonly string[], alpha = 255): RGBA[] {
  return ramp.map((hex) => hexToRgba(hex, alpha));
}

/** The colour of a value on a ramp, between min and max (clamped). */
export function rampColour(ramp: readonly string[], value: number, min: number, max: number, alpha = 255): RGBA {
  const share = max > min ? Math.min(1, Math.max(0, (value - min) / (max - min))) : 0;
  const index = Math.min(ramp.length - 1, Math.floor(share * ramp.length));
  return hexToRgba(ramp[index], alpha);
}

/** Grid balance against the households norm: below, within, above. */
export const BALANCE_COLOURS = { below: '#f5a623', within: '#2bb673', above: '#e5484d' } as const;

/** Per-theme colours of the overlays that are not data-driven. */
export const THEME_OVERLAY: Record<Theme, {
  gridLine: RGBA;
  gridSelectedLine: RGBA;
  compoundLine: RGBA;
  compoundFill: RGBA;
  building: RGBA;
  buildingHighlight: RGBA;
  missedFill: RGBA;
  missedLine: RGBA;
  patrolTrail: RGBA;
  patrolHead: RGBA;
  /** Tonight's patrols under way. */
  livePatrol: RGBA;
  label: RGBA;
  labelOutline: RGBA;
  gridLabel: RGBA;
  gridLabelBackground: RGBA;
  labelBackground: RGBA;
  labelBorder: RGBA;
}> = {
  dark: {
    gridLine: [88, 200, 255, 200],
    gridSelectedLine: [0, 240, 255, 255],
    compoundLine: [120, 170, 230, 140],
    compoundFill: [40, 90, 150, 40],
    building: [70, 130, 200, 150],
    buildingHighlight: [0, 229, 255, 230],
    missedFill: [255, 59, 79, 70],
    missedLine: [255, 80, 100, 255],
    patrolTrail: [0, 255, 200, 255],
    patrolHead: [220, 255, 250, 255],
    livePatrol: [255, 214, 10, 255],
    label: [225, 242, 255, 255],
    labelOutline: [2, 12, 28, 255],
    gridLabel: [190, 228, 255, 255],
    gridLabelBackground: [4, 24, 52, 190],
    labelBackground: [6, 40, 84, 225],
    labelBorder: [0, 229, 255, 200],
  },
  light: {
    gridLine: [30, 90, 170, 220],
    gridSelectedLine: [230, 70, 20, 255],
    compoundLine: [90, 110, 140, 200],
    compoundFill: [160, 175, 200, 50],
    building: [135, 145, 165, 200],
    buildingHighlight: [240, 110, 30, 240],
    missedFill: [230, 40, 60, 60],
    missedLine: [210, 30, 50, 255],
    patrolTrail: [0, 150, 120, 255],
    patrolHead: [0, 90, 70, 255],
    livePatrol: [214, 140, 0, 255],
    label: [25, 35, 55, 255],
    labelOutline: [255, 255, 255, 255],
    gridLabel: [20, 60, 120, 255],
    gridLabelBackground: [255, 255, 255, 215],
    labelBackground: [255, 255, 255, 235],
    labelBorder: [11, 92, 173, 220],
  },
};
