import { Type } from '@sinclair/typebox';
import { VOLUNTEER_TEAM_KINDS } from '#domain/vocabulary.ts';
import { volunteerTeamsCollection } from '../../../repositories/collections/catalog.ts';
import { CodeList } from '../../../schemas/common.ts';
import { VolunteerTeamList } from '../../../schemas/reference-layers.ts';
import { referenceList } from '../reference-list.ts';

/** GET /api/volunteer-teams */
export default referenceList({
  collection: volunteerTeamsCollection,
  summary: 'Volunteer teams (志愿服务队); with members=true, member homes as a MultiPoint',
  response: VolunteerTeamList,
  filters: { kind: Type.Optional(CodeList(VOLUNTEER_TEAM_KINDS, 'team kinds')), members: Type.Optional(Type.Boolean()) },
});
