// Chinese and English labels of the incident vocabularies, shared by the client (every label it shows) and the
// server (the CSV and GeoJSON exports, which a spreadsheet reader opens without the app).
import type { IncidentCategory, IncidentSource, IncidentStatus, ServicePointKind } from './vocabulary.ts';

/** A label in both languages, Chinese first. */
export type LabelPair = readonly [zh: string, en: string];

export const CATEGORY_LABELS: Record<IncidentCategory, LabelPair> = {
  illegal_occupation: ['乱占', 'Illegal occupation'],
  illegal_extraction: ['乱采', 'Illegal extraction'],
  illegal_dumping: ['乱堆', 'Illegal dumping'],
  illegal_construction: ['乱建', 'Illegal construction'],
  public_security: ['治安', 'Public security'],
  sanitation: ['环境卫生', 'Sanitation'],
  facility_damage: ['设施损坏', 'Facility damage'],
  neighbour_dispute: ['邻里纠纷', 'Neighbour dispute'],
  livelihood_request: ['民生诉求', 'Livelihood request'],
  safety_hazard: ['安全隐患', 'Safety hazard'],
};

export const STATUS_LABELS: Record<IncidentStatus, LabelPair> = {
  reported: ['上报', 'Reported'],
  assigned: ['分派', 'Assigned'],
  in_progress: ['处置', 'In progress'],
  verified: ['核查', 'Verified'],
  closed: ['结案', 'Closed'],
  returned: ['退回', 'Returned'],
};

export const SOURCE_LABELS: Record<IncidentSource, LabelPair> = {
  grid_staff: ['网格员上报', 'Grid staff'],
  resident_report: ['居民反映', 'Resident'],
  hotline_12345: ['12345热线', '12345 hotline'],
  patrol: ['巡逻发现', 'Patrol'],
  volunteer: ['志愿者', 'Volunteer'],
  video: ['视频监控', 'Video'],
};

export const SERVICE_POINT_LABELS: Record<ServicePointKind, LabelPair> = {
  party_service_station: ['党群服务站', 'Party-and-public service station'],
  red_station: ['红色驿站', 'Red station'],
  day_care_centre: ['日间照料中心', 'Day-care centre'],
  reading_room: ['人人书屋', 'Community reading room'],
  party_square: ['党建广场', 'Party square'],
  party_garden: ['党建主题游园', 'Party-themed garden'],
  happiness_courtyard: ['幸福小院', 'Happiness courtyard'],
};
