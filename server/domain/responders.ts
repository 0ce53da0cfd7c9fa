// "片区呼叫、党员先到": when an incident is reported, the volunteers nearest to it are called, party members
// first to arrive. The rule: which teams count as party members, and how many responders a call lists.
import type { VolunteerTeamKind } from './vocabulary.ts';

/** Teams whose members are Communist Party members (党员志愿服务队, 党员代办). */
export const PARTY_TEAM_KINDS: readonly VolunteerTeamKind[] = ['party_volunteers', 'party_proxy_service'];

export const DEFAULT_RESPONDERS = 10;
export const MAX_RESPONDERS = 50;
/** The KNN index orders by planar distance in degrees; this many times more candidates are re-ranked in metres. */
export const KNN_CANDIDATE_FACTOR = 5;
