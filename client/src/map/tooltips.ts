// Tooltip content per layer, separate from rendering. Each function gets the picked object and the i18n helpers.
import type { PickingInfo } from 'deck.gl';
import { householdsPerStaff } from '#domain/staff-load.ts';
import type { BuildingFeature, CompoundFeature, GridFeature, Hexbin, IncidentFeature, IrregularCourtyard, PatrolHeatHexagon, ResponderFeature, ServicePointFeature, UncoveredBuilding } from '../api/types.ts';
import type { I18n } from '../i18n/i18n.tsx';
import { CATEGORY_LABELS, COMPOUND_KIND_LABELS, SERVICE_POINT_LABELS, STATUS_LABELS } from '../i18n/messages.ts';
import { dueLabel } from '../app/due.ts';
import { volunteersPerThousand } from './grid-measures.ts';
import { LAYER_IDS } from './layer-ids.ts';
import { NEVER_PATROLLED_COLOUR, RESPONDER_COLOURS, UNCOVERED_COLOUR } from './palette.ts';
import type { PatrolTrip } from './layers/patrol-trips.layer.ts';
import type { TooltipContent } from './map-controller.ts';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

function card(title: string, rows: Array<[string, string]>, accent?: string): TooltipContent {
  const body = rows.map(([name, value]) => `<div class="tooltip-row"><span>${escapeHtml(name)}</span><b>${escapeHtml(value)}</b></div>`).join('');
  return { html: `<div class="tooltip-title"${accent ? ` style="border-color:${accent}"` : ''}>${escapeHtml(title)}</div>${body}`, className: 'map-tooltip' };
}

type TooltipBuilder = (object: unknown, i18n: I18n, info: PickingInfo) => TooltipContent;

/** A patrol's track or its position now: the team, the hours walked and the distance (not yet known for one under way). */
function patrolTooltip(object: unknown, i18n: I18n): TooltipContent {
  const patrol = (object as PatrolTrip).patrol.properties;
  return card(patrol.team, [
    [i18n.t('tooltip.patrol'), `${i18n.time(patrol.startedAt)}–${i18n.time(patrol.endedAt)}`],
    ...(patrol.distanceMetres > 0 ? [[i18n.t('tooltip.distance'), `${i18n.number(patrol.distanceMetres / 1000, { maximumFractionDigits: 1 })} km`] as [string, string]] : []),
  ]);
}

/** An incident: its category, status (and 超期), when it was reported, and the time left in its step or how long overdue. */
function incidentTooltip(object: unknown, i18n: I18n): TooltipContent {
  const incident = (object as IncidentFeature).properties;
  const due = dueLabel(incident, Date.now(), i18n);
  return card(incident.title, [
    ['', i18n.label(CATEGORY_LABELS[incident.category], incident.category)],
    [i18n.t('tooltip.status'), `${i18n.label(STATUS_LABELS[incident.status], incident.status)}${incident.overdue ? ` · ${i18n.t('legend.overdue')}` : ''}`],
    [i18n.t('tooltip.reported'), i18n.dateTime(incident.reportedAt)],
    ...(due ? [[i18n.t('due.deadline'), due] as [string, string]] : []),
  ]);
}

const TOOLTIPS: Partial<Record<string, TooltipBuilder>> = {
  [LAYER_IDS.grids]: (object, i18n) => {
    const grid = (object as GridFeature).properties as GridFeature['properties'] & { matchingIncidents?: number };
    return card(grid.name, [
      ...(grid.matchingIncidents === undefined ? [] : [[i18n.t('tooltip.matching'), i18n.number(grid.matchingIncidents)] as [string, string]]),
      [i18n.t('tooltip.households'), i18n.number(grid.households)],
      [i18n.t('tooltip.residents'), i18n.number(grid.residents)],
      [i18n.t('tooltip.openIncidents'), i18n.number(grid.openIncidents)],
      [i18n.t('tooltip.volunteers'), `${i18n.number(grid.volunteers)} (${i18n.number(volunteersPerThousand(grid), { maximumFractionDigits: 1 })} ${i18n.t('tooltip.perThousand')})`],
      [i18n.t('tooltip.staffLoad'), `${i18n.number(grid.staff)} / ${i18n.number(householdsPerStaff(grid), { maximumFractionDigits: 0 })}`],
    ]);
  },
  [LAYER_IDS.compounds]: (object, i18n) => {
    const compound = (object as CompoundFeature).properties;
    return card(compound.name, [
      ['', i18n.label(COMPOUND_KIND_LABELS[compound.kind], compound.kind)],
      [i18n.t('tooltip.households'), i18n.number(compound.households)],
      [i18n.t('tooltip.residents'), i18n.number(compound.residents)],
    ]);
  },
  [LAYER_IDS.buildings]: (object, i18n) => {
    const building = (object as BuildingFeature).properties;
    return card(building.name, [
      [i18n.t('tooltip.floors'), i18n.number(building.floors)],
      [i18n.t('tooltip.households'), i18n.number(building.households)],
      [i18n.t('tooltip.residents'), i18n.number(building.residents)],
    ]);
  },
  [LAYER_IDS.incidentPoints]: incidentTooltip,
  [LAYER_IDS.overdueIncidents]: incidentTooltip,
  [LAYER_IDS.incidentHexagons]: (object, i18n) => {
    const count = (object as Hexbin).properties.count;
    return card(i18n.t('layer.hexagons'), [[i18n.t('tooltip.count'), i18n.number(count)]]);
  },
  [LAYER_IDS.uncoveredBuildings]: (object, i18n) => {
    const building = (object as UncoveredBuilding).properties;
    return card(building.name ?? i18n.t('layer.buildings'), [['', i18n.t('layer.uncovered')], [i18n.t('tooltip.households'), i18n.number(building.households)]], UNCOVERED_COLOUR);
  },
  [LAYER_IDS.responders]: (object, i18n) => {
    const responder = (object as ResponderFeature).properties;
    return card(
      responder.team,
      [
        ['', responder.partyMember ? i18n.t('legend.partyVolunteer') : i18n.t('legend.volunteer')],
        [i18n.t('tooltip.away'), i18n.t('responders.metres', { count: i18n.number(Math.round(responder.distanceMetres)) })],
      ],
      responder.partyMember ? RESPONDER_COLOURS.party : RESPONDER_COLOURS.volunteer,
    );
  },
  [LAYER_IDS.volunteerDensity]: (object, i18n) => {
    const count = (object as { count?: number; points?: unknown[] }).count ?? (object as { points?: unknown[] }).points?.length ?? 0;
    return card(i18n.t('layer.volunteers'), [[i18n.t('tooltip.volunteers'), i18n.number(count)]]);
  },
  [LAYER_IDS.patrolMissed]: (object, i18n) => {
    const compound = (object as { properties: { name: string } }).properties;
    return card(compound.name, [['', i18n.t('tooltip.missed')]], '#ff3b4f');
  },
  [LAYER_IDS.patrolHeat]: (object, i18n) => {
    const nights = (object as PatrolHeatHexagon).properties.nights;
    return card(i18n.t('layer.patrolWindow'), [['', nights === 0 ? i18n.t('legend.neverPatrolled') : i18n.t('tooltip.nightsPassed', { count: i18n.number(nights) })]], nights === 0 ? NEVER_PATROLLED_COLOUR : undefined);
  },
  [LAYER_IDS.patrolIrregular]: (object, i18n) => {
    const courtyard = (object as IrregularCourtyard).properties;
    return card(
      courtyard.name,
      [
        ['', i18n.t('tooltip.nightsCovered', { count: i18n.number(courtyard.nightsCovered), share: i18n.number(courtyard.share * 100, { maximumFractionDigits: 0 }) })],
        [i18n.t('tooltip.lastCovered'), courtyard.lastCovered ?? i18n.t('tooltip.neverCovered')],
      ],
      NEVER_PATROLLED_COLOUR,
    );
  },
  [LAYER_IDS.patrolTrips]: (object, i18n) => patrolTooltip(object, i18n),
  [LAYER_IDS.patrolHeads]: (object, i18n) => patrolTooltip(object, i18n),
  [LAYER_IDS.livePatrolTrips]: (object, i18n) => patrolTooltip(object, i18n),
  [LAYER_IDS.servicePoints]: (object, i18n) => {
    const point = (object as ServicePointFeature).properties;
    return card(point.name, [['', i18n.label(SERVICE_POINT_LABELS[point.kind], point.kind)]]);
  },
};

export function mapTooltip(info: PickingInfo, i18n: I18n): TooltipContent {
  if (!info.object || !info.layer) return null;
  const builder = TOOLTIPS[info.layer.id];
  return builder ? builder(info.object, i18n, info) : null;
}
