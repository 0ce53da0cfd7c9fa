// The three demo towns, as plans for the generator. Names of towns and of the communities the source article
// mentions are real; the other community names, all road names and every position below county level are
// invented (demo data, generated). Counts that the article states are fixed here and asserted by the tests.

import type { RoadClass, ServicePointKind, VolunteerTeamKind } from '#domain/vocabulary.ts';
import type { BuildingStyleName } from './building-styles.ts';

export interface RoadLinePlan {
  /** One name, or names that change at a segment index along the line (e.g. 西大街 → 东大街). */
  name: string | { fromSegment: number; name: string }[];
  class: RoadClass;
  /** Lean, metres across per metre along; random and small when absent. */
  slope?: number;
  /** Bow in metres at the middle of the line (a gently curved road). */
  bow?: number;
}

export interface NamedCompoundPlan {
  name: string;
  style: BuildingStyleName;
  households: number;
}

export type FacilityPlacement =
  /** In the community's service parcel (a small public lot inside one of its blocks). */
  | 'centre'
  /** A lot of its own inside a block (a square, a garden). */
  | 'own_lot'
  /** Inside a compound; in the named one when given, otherwise in one the generator picks. */
  | 'compound';

export interface FacilityPlan {
  kind: ServicePointKind;
  /** `{compound}` is replaced by the compound's name when the facility is placed in a compound. */
  name: string;
  placement: FacilityPlacement;
  compoundName?: string;
}

export interface VolunteerTeamPlan {
  name: string;
  kind: VolunteerTeamKind;
  members: number;
  squads: number;
}

export interface CommunityPlan {
  code: string;
  name: string;
  nameEn: string;
  /** Lattice cells [first, last] (inclusive) the community covers. */
  columns: [number, number];
  rows: [number, number];
  /** How many compounds (楼院/小区) the community has. */
  compounds: number;
  /** Weights of the building styles of its generated compounds. */
  styles: Partial<Record<BuildingStyleName, number>>;
  namedCompounds?: NamedCompoundPlan[];
  /** Courtyards named after the community and numbered (桃园一号院, 桃园二号院, ...). */
  numberedCourtyardPrefix?: string;
  /** A fixed number of grids; otherwise as many as make about 400 households each. */
  gridCount?: number;
  /** The article's staff total for this community ("两长四员" 86 人); others are scaled from it. */
  staffTotal?: number;
  facilities: FacilityPlan[];
  /** Teams the article names; when absent the generator makes a few, always including a security patrol. */
  volunteerTeams?: VolunteerTeamPlan[];
}

export interface TownPlan {
  key: string;
  countyCode: string;
  streetCode: string;
  streetName: string;
  streetNameEn: string;
  /** The real, approximate reference point (see /work/shared/geodata) the town is generated around. */
  anchor: { name: string; longitude: number; latitude: number; source: string };
  /** Centre of the generated lattice; moved off the anchor only where the county border is close. */
  centre: { longitude: number; latitude: number; note?: string };
  rotationDegrees: number;
  blockWidth: [number, number];
  blockHeight: [number, number];
  columnWidths?: number[];
  rowHeights?: number[];
  /** West to east: columns + 1 lines. */
  verticalRoads: RoadLinePlan[];
  /** South to north: rows + 1 lines. */
  horizontalRoads: RoadLinePlan[];
  /** A residential lane segment inside a community is left out with this chance, joining two cells into one block. */
  laneRemovalChance: number;
  maximumBlockWidth: number;
  /** Chance that a block also holds a lot that is neither housing nor a service (shops, a school, a market). */
  otherLotChance: number;
  communities: CommunityPlan[];
  /** Town-wide volunteer totals (桐柏城关镇: 43 teams, 22,000 volunteers), spread over its communities. */
  volunteerTotals?: { teams: number; members: number };
  /** Prefixes used for invented compound names, local flavour first. */
  compoundNamePrefixes: string[];
}

const partyServiceStation = (communityName: string): FacilityPlan => ({
  kind: 'party_service_station',
  name: `${communityName}党群服务站`,
  placement: 'centre',
});

const happinessCourtyard: FacilityPlan = { kind: 'happiness_courtyard', name: '{compound}幸福小院', placement: 'compound' };
const redStation: FacilityPlan = { kind: 'red_station', name: '{compound}红色驿站', placement: 'compound' };

export const TOWN_PLANS: TownPlan[] = [
  {
    key: 'wolonggang',
    countyCode: '411303',
    streetCode: '411303001',
    streetName: '卧龙岗街道',
    streetNameEn: 'Wolonggang Subdistrict',
    anchor: {
      name: '卧龙岗 / 南阳武侯祠',
      longitude: 112.50833,
      latitude: 32.97833,
      source: 'https://en.wikipedia.org/wiki/Wolonggang (32°58′42″N 112°30′30″E)',
    },
    centre: {
      longitude: 112.5035,
      latitude: 32.9813,
      note: 'moved about 0.5 km north-west of 卧龙岗, because the 卧龙区/宛城区 border runs about 1 km to its east',
    },
    rotationDegrees: 7,
    blockWidth: [170, 250],
    blockHeight: [150, 220],
    verticalRoads: [
      { name: '梅溪路', class: 'secondary' },
      { name: '桃园西巷', class: 'residential' },
      { name: '桃园路', class: 'residential' },
      { name: '卧龙路', class: 'primary', slope: 0.11 },
      { name: '汉画巷', class: 'residential' },
      { name: '诸葛巷', class: 'residential' },
      { name: '武侯路', class: 'secondary', bow: 28 },
    ],
    horizontalRoads: [
      { name: '十二里河路', class: 'secondary', bow: -20 },
      { name: '草庐街', class: 'residential' },
      { name: '中州西路', class: 'primary', bow: 22 },
      { name: '民主街', class: 'residential' },
      { name: '七一路', class: 'secondary' },
      { name: '建设西路', class: 'primary' },
    ],
    laneRemovalChance: 0.18,
    maximumBlockWidth: 420,
    otherLotChance: 0.25,
    compoundNamePrefixes: ['卧龙', '武侯', '汉画', '梅溪', '宛都', '草庐', '龙岗'],
    communities: [
      {
        code: '411303001001',
        name: '桃园社区',
        nameEn: 'Taoyuan Community',
        columns: [0, 2],
        rows: [2, 4],
        compounds: 23,
        styles: { oldCourtyard: 1 },
        numberedCourtyardPrefix: '桃园',
        gridCount: 7,
        staffTotal: 86,
        facilities: [partyServiceStation('桃园社区')],
        volunteerTeams: [
          { name: '桃园社区党员志愿服务队', kind: 'party_volunteers', members: 64, squads: 7 },
          { name: '桃园社区治安巡逻队', kind: 'security_patrol', members: 36, squads: 4 },
          { name: '“微心愿”圆梦志愿服务队', kind: 'poverty_relief', members: 22, squads: 2 },
          { name: '桃园社区文体活动队', kind: 'culture_sports', members: 45, squads: 3 },
          { name: '桃园社区助老服务队', kind: 'elderly_care', members: 28, squads: 3 },
        ],
      },
      {
        code: '411303001002',
        name: '汉画社区',
        nameEn: 'Hanhua Community',
        columns: [3, 5],
        rows: [2, 4],
        compounds: 20,
        styles: { oldCourtyard: 3, workUnit: 2, walkUp: 3, midRise: 1 },
        facilities: [partyServiceStation('汉画社区')],
      },
      {
        code: '411303001003',
        name: '卧龙社区',
        nameEn: 'Wolong Community',
        columns: [0, 2],
        rows: [0, 1],
        compounds: 14,
        styles: { oldCourtyard: 2, workUnit: 1, walkUp: 3, midRise: 2 },
        facilities: [partyServiceStation('卧龙社区')],
      },
      {
        code: '411303001004',
        name: '武侯社区',
        nameEn: 'Wuhou Community',
        columns: [3, 5],
        rows: [0, 1],
        compounds: 12,
        styles: { oldCourtyard: 3, workUnit: 1, walkUp: 2 },
        facilities: [partyServiceStation('武侯社区')],
      },
    ],
  },
  {
    key: 'neixiang',
    countyCode: '411325',
    streetCode: '411325100',
    streetName: '城关镇',
    streetNameEn: 'Chengguan Town (Neixiang)',
    anchor: {
      name: '内乡县城 / 县衙 (DataV county centre, converted to WGS84)',
      longitude: 111.83791,
      latitude: 33.04836,
      source: 'tnnevol/gmap 411325.json properties.center (DataV GeoAtlas copy), GCJ-02 converted',
    },
    centre: { longitude: 111.838, latitude: 33.048 },
    rotationDegrees: -4,
    blockWidth: [160, 240],
    blockHeight: [150, 220],
    verticalRoads: [
      { name: '西环路', class: 'secondary', bow: 18 },
      { name: '菊潭路', class: 'residential' },
      { name: '西城巷', class: 'residential' },
      {
        name: [
          { fromSegment: 0, name: '南大街' },
          { fromSegment: 2, name: '北大街' },
        ],
        class: 'primary',
        slope: 0.02,
      },
      { name: '县衙路', class: 'residential' },
      { name: '东城巷', class: 'residential' },
      { name: '东环路', class: 'secondary', bow: -24 },
    ],
    horizontalRoads: [
      { name: '湍河路', class: 'secondary', bow: -26 },
      { name: '南城巷', class: 'residential' },
      {
        name: [
          { fromSegment: 0, name: '西大街' },
          { fromSegment: 3, name: '东大街' },
        ],
        class: 'primary',
        slope: -0.015,
      },
      { name: '文庙巷', class: 'residential' },
      { name: '菊潭大街', class: 'secondary' },
      { name: '范蠡大街', class: 'primary', bow: 15 },
    ],
    laneRemovalChance: 0.15,
    maximumBlockWidth: 400,
    otherLotChance: 0.3,
    compoundNamePrefixes: ['菊潭', '湍河', '渚阳', '宝天曼', '郦城', '内乡'],
    communities: [
      {
        code: '411325100001',
        name: '县衙社区',
        nameEn: 'Xianya Community',
        columns: [3, 5],
        rows: [2, 4],
        compounds: 16,
        styles: { oldCourtyard: 3, workUnit: 2, walkUp: 2 },
        namedCompounds: [{ name: '县衙家属院', style: 'workUnit', households: 110 }],
        gridCount: 5,
        facilities: [
          partyServiceStation('县衙社区'),
          { kind: 'day_care_centre', name: '县衙社区日间照料中心', placement: 'centre' },
          { kind: 'party_garden', name: '县衙社区党建主题游园', placement: 'own_lot' },
        ],
        volunteerTeams: [
          { name: '县衙社区党员志愿服务队', kind: 'party_volunteers', members: 86, squads: 5 },
          { name: '县衙社区蓝天救援队', kind: 'blue_sky_rescue', members: 51, squads: 10 },
          { name: '县衙社区治安巡逻队', kind: 'security_patrol', members: 40, squads: 5 },
          { name: '县衙社区扶贫帮困志愿服务队', kind: 'poverty_relief', members: 24, squads: 2 },
          { name: '县衙社区文体活动队', kind: 'culture_sports', members: 58, squads: 4 },
          { name: '县衙社区环境卫生志愿服务队', kind: 'sanitation', members: 36, squads: 5 },
          { name: '县衙社区网格花艺志愿队', kind: 'sanitation', members: 18, squads: 2 },
          { name: '县衙商贸街治安联防队', kind: 'security_patrol', members: 26, squads: 3 },
          { name: '县衙社区助老服务队', kind: 'elderly_care', members: 30, squads: 3 },
          { name: '县衙社区党员代办服务队', kind: 'party_proxy_service', members: 20, squads: 5 },
          { name: '县衙社区夕阳红文艺队', kind: 'culture_sports', members: 32, squads: 2 },
        ],
      },
      {
        code: '411325100002',
        name: '菊潭社区',
        nameEn: 'Jutan Community',
        columns: [0, 2],
        rows: [2, 4],
        compounds: 18,
        styles: { oldCourtyard: 2, workUnit: 2, walkUp: 3, midRise: 1 },
        facilities: [partyServiceStation('菊潭社区')],
      },
      {
        code: '411325100003',
        name: '渚阳社区',
        nameEn: 'Zhuyang Community',
        columns: [0, 2],
        rows: [0, 1],
        compounds: 12,
        styles: { oldCourtyard: 1, walkUp: 3, midRise: 2 },
        facilities: [partyServiceStation('渚阳社区')],
      },
      {
        code: '411325100004',
        name: '湍东社区',
        nameEn: 'Tuandong Community',
        columns: [3, 5],
        rows: [0, 1],
        compounds: 13,
        styles: { oldCourtyard: 1, workUnit: 1, walkUp: 3, midRise: 2 },
        facilities: [partyServiceStation('湍东社区')],
      },
    ],
  },
  {
    key: 'tongbai',
    countyCode: '411330',
    streetCode: '411330100',
    streetName: '城关镇',
    streetNameEn: 'Chengguan Town (Tongbai)',
    anchor: {
      name: '桐柏县 government point (DataV centre, converted to WGS84)',
      longitude: 113.39977,
      latitude: 32.36913,
      source: 'tnnevol/gmap 411330.json properties.center (DataV GeoAtlas copy), GCJ-02 converted',
    },
    centre: { longitude: 113.39977, latitude: 32.36913 },
    rotationDegrees: 3,
    blockWidth: [155, 230],
    blockHeight: [145, 210],
    verticalRoads: [
      { name: '西环路', class: 'secondary', bow: 20 },
      { name: '西关街', class: 'residential' },
      { name: '红叶路', class: 'residential' },
      { name: '解放路', class: 'secondary' },
      { name: '大同街', class: 'secondary' },
      { name: '桐柏大道', class: 'primary', bow: 30, slope: 0.04 },
      { name: '新华街', class: 'residential' },
      { name: '人民路', class: 'secondary' },
      { name: '朝阳巷', class: 'residential' },
      { name: '东关街', class: 'residential' },
      { name: '东环路', class: 'secondary', bow: -22 },
    ],
    horizontalRoads: [
      { name: '淮河路', class: 'primary', bow: -35 },
      { name: '滨河巷', class: 'residential' },
      { name: '南关街', class: 'residential' },
      { name: '淮源大道', class: 'primary', slope: 0.03 },
      { name: '文化路', class: 'secondary' },
      { name: '中心巷', class: 'residential' },
      { name: '银山路', class: 'residential' },
      { name: '盘古路', class: 'residential' },
      { name: '北环路', class: 'secondary', bow: 18 },
    ],
    laneRemovalChance: 0.12,
    maximumBlockWidth: 420,
    otherLotChance: 0.2,
    compoundNamePrefixes: ['淮源', '桐柏', '盘古', '银山', '水帘', '淮滨', '桐花', '红叶'],
    volunteerTotals: { teams: 43, members: 22000 },
    communities: [
      {
        code: '411330100001',
        name: '大同街社区',
        nameEn: 'Datongjie Community',
        columns: [3, 6],
        rows: [4, 7],
        compounds: 34,
        styles: { walkUp: 5, midRise: 3, highRise: 1, workUnit: 0.4 },
        namedCompounds: [{ name: '豫南花园', style: 'midRise', households: 380 }],
        facilities: [
          partyServiceStation('大同街社区'),
          { kind: 'red_station', name: '豫南花园片区红色驿站', placement: 'compound', compoundName: '豫南花园' },
          redStation,
          happinessCourtyard,
          { kind: 'reading_room', name: '大同街社区人人书屋', placement: 'centre' },
        ],
      },
      {
        code: '411330100002',
        name: '西关社区',
        nameEn: 'Xiguan Community',
        columns: [0, 2],
        rows: [4, 7],
        compounds: 27,
        styles: { walkUp: 5, midRise: 2, highRise: 1, workUnit: 0.4 },
        facilities: [
          partyServiceStation('西关社区'),
          { kind: 'party_square', name: '西关社区新时代党建主题广场', placement: 'own_lot' },
          redStation,
          happinessCourtyard,
          { kind: 'reading_room', name: '西关社区人人书屋', placement: 'centre' },
        ],
      },
      {
        code: '411330100003',
        name: '东关社区',
        nameEn: 'Dongguan Community',
        columns: [7, 9],
        rows: [4, 7],
        compounds: 26,
        styles: { walkUp: 5, midRise: 3, highRise: 1, workUnit: 0.4 },
        facilities: [partyServiceStation('东关社区'), redStation, happinessCourtyard],
      },
      {
        code: '411330100004',
        name: '淮源社区',
        nameEn: 'Huaiyuan Community',
        columns: [0, 2],
        rows: [0, 3],
        compounds: 24,
        styles: { walkUp: 4, midRise: 3, highRise: 2 },
        facilities: [partyServiceStation('淮源社区'), redStation, happinessCourtyard],
      },
      {
        code: '411330100005',
        name: '南关社区',
        nameEn: 'Nanguan Community',
        columns: [3, 6],
        rows: [0, 3],
        compounds: 30,
        styles: { walkUp: 5, midRise: 3, highRise: 1, workUnit: 0.4 },
        facilities: [
          partyServiceStation('南关社区'),
          redStation,
          happinessCourtyard,
          { kind: 'reading_room', name: '南关社区人人书屋', placement: 'centre' },
        ],
      },
      {
        code: '411330100006',
        name: '新华街社区',
        nameEn: 'Xinhuajie Community',
        columns: [7, 9],
        rows: [0, 3],
        compounds: 21,
        styles: { walkUp: 4, midRise: 3, highRise: 2 },
        facilities: [partyServiceStation('新华街社区'), redStation, happinessCourtyard],
      },
    ],
  },
];
