import { booleanPointInPolygon } from '@turf/turf';
import type { IncidentCategory, IncidentSource, IncidentStatus } from '#domain/vocabulary.ts';
import { INCIDENT_CATEGORIES } from '#domain/vocabulary.ts';
import { LocalFrame } from '#domain/local-frame.ts';
import { atLocalHour, localMidnight, localWeekday } from '#domain/local-time.ts';
import type { SeededRandom } from '#domain/random.ts';
import { isAllowedTransition } from '#domain/workflow.ts';
import { gridContaining, ringCentre, type CommunityContext } from './demo-index.ts';

export interface SimulatedEvent {
  fromStatus: IncidentStatus | null;
  toStatus: IncidentStatus;
  actor: string;
  note: string;
  at: Date;
}

export interface SimulatedIncident {
  communityCode: string;
  gridCode: string;
  category: IncidentCategory;
  status: IncidentStatus;
  source: IncidentSource;
  title: string;
  description: string;
  reportedAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  point: [number, number];
  events: SimulatedEvent[];
}

const CATEGORY_WEIGHTS: Record<IncidentCategory, number> = {
  illegal_occupation: 10,
  illegal_extraction: 2,
  illegal_dumping: 12,
  illegal_construction: 5,
  public_security: 9,
  sanitation: 20,
  facility_damage: 14,
  neighbour_dispute: 10,
  livelihood_request: 10,
  safety_hazard: 8,
};

/** Titles of demo incidents, by category (also used by the live demo). */
export const TITLES: Record<IncidentCategory, string[]> = {
  illegal_occupation: ['占道经营', '车辆占用消防通道', '私占公共绿地种菜', '楼道堆物占用通道'],
  illegal_extraction: ['绿化带私挖乱采', '空地私自取土', '河沟旁私采砂石'],
  illegal_dumping: ['建筑垃圾乱堆', '楼下杂物乱堆', '大件垃圾随意堆放'],
  illegal_construction: ['楼顶私搭违建', '院内违规加建棚房', '一楼私扩院墙'],
  public_security: ['夜间可疑人员徘徊', '电动车被盗', '夜间噪音扰民', '门禁损坏无人值守'],
  sanitation: ['垃圾未及时清运', '下水道堵塞有异味', '绿化带杂草丛生', '公厕卫生差'],
  facility_damage: ['路灯不亮', '井盖破损', '健身器材损坏', '楼道灯损坏', '路面坑洼'],
  neighbour_dispute: ['楼上漏水纠纷', '停车位纠纷', '宠物扰民纠纷', '公共部位使用纠纷'],
  livelihood_request: ['高龄老人申请上门服务', '老旧小区加装电梯诉求', '低保政策咨询', '社区食堂用餐需求'],
  safety_hazard: ['电动车楼道充电', '燃气管道老化', '高空坠物隐患', '消防栓缺水'],
};

/** Local hour-of-day weights: quiet at night, peaks mid-morning and late afternoon. */
const HOUR_WEIGHTS = [0.2, 0.1, 0.1, 0.1, 0.1, 0.3, 0.8, 1.6, 2.6, 3.2, 3.0, 2.4, 1.6, 1.8, 2.4, 2.8, 2.8, 2.2, 1.8, 1.6, 1.4, 1.0, 0.6, 0.3];

/** Median hours each step takes; spread is log-normal around it. */
const STEP_MEDIAN_HOURS = { assign: 0.8, start: 3, verify: 20, close: 5, reassign: 2 };

const RETURN_NOTES = ['处置不到位,退回重办', '现场核查未整改完毕', '派单网格有误,退回重新分派', '居民不满意,要求重新处置'];

export interface IncidentSimulationOptions {
  now: Date;
  days: number;
  /** Incidents per day per 1,000 households, before rhythms. */
  dailyRatePerThousandHouseholds: number;
}

function poisson(random: SeededRandom, mean: number): number {
  const limit = Math.exp(-mean);
  let count = 0;
  let product = random.next();
  while (product > limit) {
    count++;
    product *= random.next();
  }
  return count;
}

function stepHours(random: SeededRandom, median: number): number {
  return median * Math.exp(random.gaussian(0, 0.7));
}

function chooseSource(random: SeededRandom, category: IncidentCategory): IncidentSource {
  if (category === 'public_security' && random.chance(0.4)) return 'patrol';
  if (category === 'livelihood_request') return random.chance(0.5) ? 'hotline_12345' : 'resident_report';
  const sources: IncidentSource[] = ['grid_staff', 'resident_report', 'hotline_12345', 'volunteer', 'video'];
  return sources[random.weightedIndex([45, 20, 15, 10, 10])];
}

interface Hotspot {
  centre: [number, number];
  categories: IncidentCategory[];
}

/**
 * Twelve months of incidents per community: daily and weekly rhythms, a summer peak, spatial hot
 * spots, and a workflow history per incident; incidents still open past their time limits are kept
 * as the overdue ones.
 */
export function simulateIncidents(communities: CommunityContext[], random: SeededRandom, options: IncidentSimulationOptions): SimulatedIncident[] {
  const incidents: SimulatedIncident[] = [];
  const today = localMidnight(options.now);
  for (const community of communities) {
    if (community.buildings.length === 0) continue;
    const frame = new LocalFrame(...ringCentre(community.grids[0].geometry));
    const buildingWeights = community.buildings.map((building) => building.properties.residents + 1);
    const hotspots: Hotspot[] = Array.from({ length: 3 }, (_, index) => ({
      centre: ringCentre(random.pick(community.compounds).geometry),
      categories: [
        ['illegal_dumping', 'sanitation'],
        ['illegal_occupation', 'facility_damage'],
        ['neighbour_dispute', 'public_security', 'safety_hazard'],
      ][index] as IncidentCategory[],
    }));
    const handlers = community.staff.filter((person) => person.role !== 'building_head');
    const dailyMean = (community.households / 1000) * options.dailyRatePerThousandHouseholds;

    for (let dayOffset = options.days - 1; dayOffset >= 0; dayOffset--) {
      const midnight = new Date(today.getTime() - dayOffset * 86_400_000);
      const dayOfYear = Math.floor((midnight.getTime() - Date.UTC(midnight.getUTCFullYear(), 0, 1)) / 86_400_000);
      const seasonal = 1 + 0.25 * Math.sin((2 * Math.PI * (dayOfYear - 100)) / 365);
      const weekend = [0, 6].includes(localWeekday(atLocalHour(midnight, 12)));
      const count = poisson(random, dailyMean * seasonal * (weekend ? 0.8 : 1.05));
      for (let index = 0; index < count; index++) {
        const hour = random.weightedIndex(HOUR_WEIGHTS) + random.next();
        const reportedAt = atLocalHour(midnight, hour);
        if (reportedAt > options.now) continue;

        let category: IncidentCategory;
        let point: [number, number];
        if (random.chance(0.35)) {
          const hotspot = random.pick(hotspots);
          category = random.pick(hotspot.categories);
          const [x, y] = frame.toMetres(hotspot.centre);
          point = frame.toLonLat([x + random.gaussian(0, 35), y + random.gaussian(0, 35)]);
          if (!booleanPointInPolygon(point, community.geometry)) point = hotspot.centre;
        } else {
          const weights = INCIDENT_CATEGORIES.map((code) => CATEGORY_WEIGHTS[code] * (weekend && (code === 'sanitation' || code === 'neighbour_dispute') ? 1.4 : 1));
          category = INCIDENT_CATEGORIES[random.weightedIndex(weights)];
          const building = community.buildings[random.weightedIndex(buildingWeights)];
          const [x, y] = frame.toMetres(ringCentre(building.geometry));
          point = frame.toLonLat([x + random.gaussian(0, 6), y + random.gaussian(0, 6)]);
          if (!booleanPointInPolygon(point, community.geometry)) point = ringCentre(building.geometry);
        }
        point = [Number(point[0].toFixed(7)), Number(point[1].toFixed(7))];
        const grid = gridContaining(community, point);
        if (!grid) continue;
        const gridHandlers = handlers.filter((person) => person.grid_code === grid.properties.code);
        const actor = () => random.pick(gridHandlers.length > 0 ? gridHandlers : handlers)?.name ?? '网格员';
        const title = random.pick(TITLES[category]);
        const events = simulateWorkflow(random, reportedAt, options.now, actor);
        const last = events[events.length - 1];
        incidents.push({
          communityCode: community.code,
          gridCode: grid.properties.code,
          category,
          status: last.toStatus,
          source: chooseSource(random, category),
          title,
          description: `${grid.properties.name}:${title}。(demo data, generated)`,
          reportedAt,
          updatedAt: last.at,
          closedAt: last.toStatus === 'closed' ? last.at : null,
          point,
          events,
        });
      }
    }
  }
  return incidents;
}

/** Walks one incident through the workflow until it closes or until `now`; a few stall and become overdue. */
function simulateWorkflow(random: SeededRandom, reportedAt: Date, now: Date, actor: () => string): SimulatedEvent[] {
  const events: SimulatedEvent[] = [{ fromStatus: null, toStatus: 'reported', actor: '上报人', note: '', at: reportedAt }];
  // A few recent incidents stall and become overdue; older ones were cleared up long ago.
  const recent = now.getTime() - reportedAt.getTime() < 45 * 86_400_000;
  const stallAt = random.chance(0.03) && recent ? random.integer(1, 4) : Infinity;
  let status: IncidentStatus = 'reported';
  let time = reportedAt.getTime();
  const move = (to: IncidentStatus, medianHours: number, note = ''): boolean => {
    const at = time + stepHours(random, medianHours) * 3_600_000;
    if (at > now.getTime() || events.length >= stallAt) return false;
    if (!isAllowedTransition(status, to)) throw new Error(`simulated an illegal transition ${status} → ${to}`);
    events.push({ fromStatus: status, toStatus: to, actor: actor(), note, at: new Date(at) });
    status = to;
    time = at;
    return true;
  };
  for (let round = 0; round < 3; round++) {
    if (!move('assigned', round === 0 ? STEP_MEDIAN_HOURS.assign : STEP_MEDIAN_HOURS.reassign)) return events;
    if (random.chance(0.03) && move('returned', 1, random.pick(RETURN_NOTES))) continue;
    if (!move('in_progress', STEP_MEDIAN_HOURS.start)) return events;
    if (!move('verified', STEP_MEDIAN_HOURS.verify)) return events;
    if (round < 2 && random.chance(0.07)) {
      if (!move('returned', 2, random.pick(RETURN_NOTES))) return events;
      continue;
    }
    move('closed', STEP_MEDIAN_HOURS.close, '已办结');
    return events;
  }
  return events;
}
