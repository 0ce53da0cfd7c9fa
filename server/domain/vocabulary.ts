// The domain's closed vocabularies, shared by the server, the scripts and the client.
// The database CHECK constraints in server/db/migrations list the same codes; a test keeps them in step.

export const AREA_LEVELS = ['city', 'district', 'street', 'community'] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];

export const INCIDENT_CATEGORIES = [
  'illegal_occupation', // 乱占
  'illegal_extraction', // 乱采
  'illegal_dumping', // 乱堆
  'illegal_construction', // 乱建
  'public_security', // 治安
  'sanitation', // 环境卫生
  'facility_damage', // 设施损坏
  'neighbour_dispute', // 邻里纠纷
  'livelihood_request', // 民生诉求
  'safety_hazard', // 安全隐患
] as const;
export type IncidentCategory = (typeof INCIDENT_CATEGORIES)[number];

export const INCIDENT_STATUSES = ['reported', 'assigned', 'in_progress', 'verified', 'closed', 'returned'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const INCIDENT_SOURCES = ['grid_staff', 'resident_report', 'hotline_12345', 'patrol', 'volunteer', 'video'] as const;
export type IncidentSource = (typeof INCIDENT_SOURCES)[number];

export const USER_ROLES = ['leader', 'analyst', 'planner', 'grid_staff', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** What a read-only token is for: a wall display, or desktop GIS reading /ogc. */
export const TOKEN_PURPOSES = ['display', 'gis'] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

/** 两长四员: the grid leader and building heads, plus the four kinds of grid member. */
export const STAFF_ROLES = [
  'grid_leader', // 网格长
  'building_head', // 楼栋长
  'grid_member', // 网格员 (专职)
  'information_officer', // 信息员
  'mediator', // 调解员
  'safety_officer', // 安全员
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const SERVICE_POINT_KINDS = [
  'party_service_station', // 党群服务站
  'red_station', // 红色驿站
  'day_care_centre', // 日间照料中心
  'reading_room', // 人人书屋
  'party_square', // 党建广场
  'party_garden', // 党建主题游园
  'happiness_courtyard', // 幸福小院
] as const;
export type ServicePointKind = (typeof SERVICE_POINT_KINDS)[number];

export const VOLUNTEER_TEAM_KINDS = [
  'party_volunteers', // 党员志愿服务队
  'blue_sky_rescue', // 蓝天救援队
  'security_patrol', // 治安巡逻队
  'poverty_relief', // 扶贫帮困
  'culture_sports', // 文体活动
  'sanitation', // 环境卫生
  'party_proxy_service', // 党员代办
  'elderly_care', // 助老服务
] as const;
export type VolunteerTeamKind = (typeof VOLUNTEER_TEAM_KINDS)[number];

export const COMPOUND_KINDS = ['courtyard', 'residential_compound', 'work_unit_compound'] as const;
export type CompoundKind = (typeof COMPOUND_KINDS)[number];

export const ROAD_CLASSES = ['primary', 'secondary', 'residential'] as const;
export type RoadClass = (typeof ROAD_CLASSES)[number];

/** Local time zone of every demo place; patrol hours and daily rhythms are in it. */
export const LOCAL_TIME_ZONE = 'Asia/Shanghai';
