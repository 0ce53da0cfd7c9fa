import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { checkDraft, checkDraftShape, publishDraft } from '../../../actions/grid-drafts.ts';
import { notFound, unprocessable } from '../../../http-errors.ts';
import { ErrorResponse, IdParams, Query } from '../../../schemas/common.ts';
import { DraftReport, GridDraftBody, GridDraftResponse, PublishBody, PublishResult } from '../../../schemas/grid-drafts.ts';

/**
 * /api/communities/{id}/grid-draft: a planner's draft of the community's grids (one per planner and community),
 * its checks, and publishing it. Planners and admins only, inside their communities (others: 403; a community
 * outside their scope: 404).
 */
const gridDraftRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.requireRole('planner'));
  const repository = app.repositories.gridDrafts;

  /** The community of the URL, if it is one the user may edit; else 404. */
  const communityOf = (request: FastifyRequest) => {
    const { id } = request.params as { id: number };
    if (!request.user.communityIds.includes(id)) throw notFound(`Community ${id}`);
    return id;
  };
  const response = (communityId: number, draft: Awaited<ReturnType<typeof repository.get>>, current: Awaited<ReturnType<typeof repository.currentGrids>>) => ({
    communityId,
    draft: draft && { baseVersions: draft.baseVersions, grids: draft.grids, updatedAt: draft.updatedAt },
    current,
  });

  app.get(
    '/',
    {
      schema: {
        summary: 'Your draft of this community’s grids (null if none) and the grids as published now, with their versions',
        tags: ['grid editing'],
        params: IdParams,
        querystring: Query({}),
        response: { 200: GridDraftResponse, '4xx': ErrorResponse },
      },
    },
    async (request) => {
      const communityId = communityOf(request);
      const [draft, current] = await Promise.all([repository.get(communityId, request.user.id), repository.currentGrids(communityId)]);
      return response(communityId, draft, current);
    },
  );

  app.put(
    '/',
    {
      schema: {
        summary: 'Save your draft: every grid of the community as you would have it, and the versions you started from. Saved as it is, problems and all; validate or publish to check it',
        tags: ['grid editing'],
        params: IdParams,
        body: GridDraftBody,
        response: { 200: GridDraftResponse, '4xx': ErrorResponse },
      },
    },
    async (request) => {
      const communityId = communityOf(request);
      const body = request.body;
      checkDraftShape(body);
      const current = await repository.currentGrids(communityId);
      const known = new Set(current.map((grid) => grid.id));
      const foreign = Object.keys(body.baseVersions).filter((id) => !known.has(Number(id)));
      if (foreign.length > 0) {
        throw unprocessable(`body.baseVersions: grid ${foreign.join(', ')} is not a grid of community ${communityId} (it may have been merged away since: reload the current grids)`, [
          { field: 'body.baseVersions', reason: `unknown grid ${foreign.join(', ')}` },
        ]);
      }
      const draft = await repository.save({ communityId, baseVersions: body.baseVersions, grids: body.grids }, request.user.id, app.now());
      request.log.info({ communityId, grids: body.grids.length, by: request.user.username }, 'grid draft saved');
      return response(communityId, draft, current);
    },
  );

  app.delete(
    '/',
    {
      schema: {
        summary: 'Discard your draft',
        tags: ['grid editing'],
        params: IdParams,
        querystring: Query({}),
        response: { 204: Type.Null({ description: 'discarded' }), '4xx': ErrorResponse },
      },
    },
    async (request, reply) => {
      const communityId = communityOf(request);
      if (!(await repository.remove(communityId, request.user.id))) throw notFound(`A grid draft of yours for community ${communityId}`);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/validate',
    {
      config: { heavy: true },
      schema: {
        summary: 'Run every partition check on your saved draft: gaps, overlaps, parts outside, pieces, holes, slivers, cut and unassigned buildings; with each grid’s households, balance and staff load',
        tags: ['grid editing'],
        params: IdParams,
        querystring: Query({}),
        response: { 200: DraftReport, '4xx': ErrorResponse },
      },
    },
    async (request) => {
      const communityId = communityOf(request);
      const draft = await repository.get(communityId, request.user.id);
      if (!draft) throw notFound(`A grid draft of yours for community ${communityId}`);
      return checkDraft(app, communityId, draft.grids);
    },
  );

  app.post(
    '/publish',
    {
      config: { heavy: true },
      schema: {
        summary: 'Publish your draft: checked again (422 with the problems), refused if the grids changed since it was started (409 naming them and who changed them), else written in one transaction with revisions',
        tags: ['grid editing'],
        params: IdParams,
        body: PublishBody,
        response: { 200: PublishResult, '4xx': ErrorResponse },
      },
    },
    async (request) => {
      const communityId = communityOf(request);
      const grids = await publishDraft(app, { communityId, userId: request.user.id, author: request.user.displayName, reason: request.body.reason });
      request.log.info({ communityId, changed: grids.filter((grid) => grid.change !== 'unchanged').map((grid) => `${grid.id}:${grid.change}`), by: request.user.username }, 'grids published');
      return { communityId, grids, publishedAt: app.now().toISOString().replace(/\.\d{3}Z$/, 'Z') };
    },
  );
};

export default gridDraftRoutes;
