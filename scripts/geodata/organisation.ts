// Grid staff ("两长四员") and volunteer teams of every generated community.

import type { SeededRandom } from '#domain/random.ts';
import type { StaffRole, VolunteerTeamKind } from '#domain/vocabulary.ts';
import { apportion } from './apportion.ts';
import type { PersonNames } from './names.ts';
import type { CommunityPlan, TownPlan, VolunteerTeamPlan } from './town-plans.ts';

export interface StaffRecord {
  code: string;
  name: string;
  role: StaffRole;
  community_code: string;
  grid_code: string | null;
}

export interface VolunteerTeamRecord {
  code: string;
  name: string;
  kind: VolunteerTeamKind;
  community_code: string;
  member_count: number;
  squad_count: number;
}

export interface CommunityFacts {
  plan: CommunityPlan;
  grids: { code: string; buildings: number }[];
  buildings: number;
  residents: number;
  /** A compound name to name an extra patrol team after. */
  compoundNames: string[];
}

/** Every grid has one of each of these; building heads (楼栋长) come on top, in proportion to buildings. */
const ROLES_PER_GRID: StaffRole[] = ['grid_leader', 'grid_member', 'information_officer', 'mediator', 'safety_officer'];

/**
 * Building heads per building, taken from the community whose staff total the article gives (桃园社区: 86 in 7
 * grids, so 86 - 7 × 5 = 51 building heads for its buildings); every other community is scaled by that rate.
 */
export function buildingHeadRate(communities: CommunityFacts[]): number {
  const reference = communities.find((community) => community.plan.staffTotal !== undefined);
  if (!reference) return 1 / 3;
  const heads = (reference.plan.staffTotal as number) - ROLES_PER_GRID.length * reference.grids.length;
  if (heads < reference.grids.length) throw new Error('the reference staff total is too small for its grids');
  return heads / reference.buildings;
}

export function makeStaff(community: CommunityFacts, headRate: number, names: PersonNames): StaffRecord[] {
  const { plan, grids } = community;
  const headTotal =
    plan.staffTotal !== undefined ? plan.staffTotal - ROLES_PER_GRID.length * grids.length : Math.max(grids.length, Math.round(community.buildings * headRate));
  const headsPerGrid = apportion(
    headTotal,
    grids.map((grid) => grid.buildings),
    1,
  );
  const staff: StaffRecord[] = [];
  grids.forEach((grid, gridIndex) => {
    const roles: StaffRole[] = [...ROLES_PER_GRID, ...Array.from({ length: headsPerGrid[gridIndex] }, (): StaffRole => 'building_head')];
    for (const role of roles) {
      staff.push({
        code: `${plan.code}-S${String(staff.length + 1).padStart(3, '0')}`,
        name: names.next(),
        role,
        community_code: plan.code,
        grid_code: grid.code,
      });
    }
  });
  return staff;
}

const squadsFor = (members: number) => Math.max(1, Math.round(members / 45));

/** A few teams for a community the article says nothing about: a patrol always, then two or three others. */
function defaultTeams(community: CommunityFacts, random: SeededRandom): VolunteerTeamPlan[] {
  const { plan, residents } = community;
  const scaleTo = (share: number) => Math.max(12, Math.round(residents * share * random.between(0.8, 1.2)));
  const teams: VolunteerTeamPlan[] = [
    { name: `${plan.name}治安巡逻队`, kind: 'security_patrol', members: scaleTo(0.006), squads: 0 },
    { name: `${plan.name}党员志愿服务队`, kind: 'party_volunteers', members: scaleTo(0.01), squads: 0 },
  ];
  const optional: VolunteerTeamPlan[] = [
    { name: `${plan.name}环境卫生志愿服务队`, kind: 'sanitation', members: scaleTo(0.005), squads: 0 },
    { name: `${plan.name}文体活动队`, kind: 'culture_sports', members: scaleTo(0.006), squads: 0 },
    { name: `${plan.name}助老服务队`, kind: 'elderly_care', members: scaleTo(0.004), squads: 0 },
  ];
  const extra = random.integer(1, optional.length);
  teams.push(...optional.slice(0, extra));
  return teams.map((team) => ({ ...team, squads: squadsFor(team.members) }));
}

/** Team kinds of a 桐柏 community, in the order they are added, with their relative sizes. */
const TOWN_TEAM_KINDS: { kind: VolunteerTeamKind; suffix: string; weight: number }[] = [
  { kind: 'security_patrol', suffix: '治安巡逻队', weight: 1.1 },
  { kind: 'party_volunteers', suffix: '党员志愿服务队', weight: 1.6 },
  { kind: 'party_proxy_service', suffix: '党员代办服务队', weight: 0.6 },
  { kind: 'elderly_care', suffix: '助老服务队', weight: 0.9 },
  { kind: 'culture_sports', suffix: '文体活动队', weight: 0.8 },
  { kind: 'sanitation', suffix: '环境卫生志愿服务队', weight: 1.0 },
  { kind: 'poverty_relief', suffix: '扶贫帮困志愿服务队', weight: 0.5 },
  { kind: 'party_volunteers', suffix: '红色物业志愿服务队', weight: 0.8 },
];

/**
 * Spreads a town-wide total (桐柏城关镇: 43 teams, 22,000 volunteers) over its communities in proportion to their
 * residents, exactly: team counts and member counts are apportioned with the largest-remainder rule.
 */
function townTeams(town: TownPlan, communities: CommunityFacts[]): { community: CommunityFacts; team: VolunteerTeamPlan }[] {
  const totals = town.volunteerTotals as { teams: number; members: number };
  const teamCounts = apportion(
    totals.teams,
    communities.map((community) => community.residents),
    3,
  );
  const drafts: { community: CommunityFacts; name: string; kind: VolunteerTeamKind; weight: number }[] = [];
  communities.forEach((community, index) => {
    for (let position = 0; position < teamCounts[index]; position++) {
      if (position < TOWN_TEAM_KINDS.length) {
        const kind = TOWN_TEAM_KINDS[position];
        drafts.push({ community, name: community.plan.name + kind.suffix, kind: kind.kind, weight: kind.weight * community.residents });
      } else {
        // More teams than kinds: patrols named after the compounds they walk (a compound's own patrol team).
        const compound = community.compoundNames[(position - TOWN_TEAM_KINDS.length) % community.compoundNames.length];
        drafts.push({ community, name: `${compound}治安巡逻队`, kind: 'security_patrol', weight: 0.7 * community.residents });
      }
    }
  });
  const totalWeight = drafts.reduce((sum, draft) => sum + draft.weight, 0);
  const members = apportion(
    totals.members,
    drafts.map((draft) => draft.weight / totalWeight),
  );
  return drafts.map((draft, index) => ({
    community: draft.community,
    team: { name: draft.name, kind: draft.kind, members: members[index], squads: squadsFor(members[index]) },
  }));
}

export function makeVolunteerTeams(town: TownPlan, communities: CommunityFacts[], random: SeededRandom): VolunteerTeamRecord[] {
  const planned: { community: CommunityFacts; team: VolunteerTeamPlan }[] = [];
  if (town.volunteerTotals) {
    planned.push(...townTeams(town, communities));
  } else {
    for (const community of communities) {
      const teams = community.plan.volunteerTeams ?? defaultTeams(community, random);
      planned.push(...teams.map((team) => ({ community, team })));
    }
  }
  const counters = new Map<string, number>();
  return planned.map(({ community, team }) => {
    const number = (counters.get(community.plan.code) ?? 0) + 1;
    counters.set(community.plan.code, number);
    return {
      code: `${community.plan.code}-V${String(number).padStart(2, '0')}`,
      name: team.name,
      kind: team.kind,
      community_code: community.plan.code,
      member_count: team.members,
      squad_count: team.squads,
    };
  });
}
