import { Type } from '@sinclair/typebox';
import { SERVICE_POINT_KINDS } from '#domain/vocabulary.ts';
import { servicePointsCollection } from '../../../repositories/collections/catalog.ts';
import { CodeList } from '../../../schemas/common.ts';
import { ServicePointList } from '../../../schemas/reference-layers.ts';
import { referenceList } from '../reference-list.ts';

/** GET /api/service-points */
export default referenceList({
  collection: servicePointsCollection,
  summary: 'Service points (党群服务站, 红色驿站, 日间照料中心 …)',
  response: ServicePointList,
  filters: { kind: Type.Optional(CodeList(SERVICE_POINT_KINDS, 'service point kinds')) },
});
