import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { personIdParams } from '../../contracts/index.ts';
import { myAuditLog } from '../../services/access-log.ts';
import type { ServiceContext } from '../../services/context.ts';
import { listRounds, myRatingRequests, openRound, submitRating } from '../../services/rounds/rounds.ts';
import { zodRoutes } from './types.ts';

/** 360 rounds and the audit log. */
export function registerRoundRoutes(app: FastifyInstance, _ctx: ServiceContext) {
  const r = zodRoutes(app);
  const tags = ['360'];
  r.post(
    '/people/:personId/rounds',
    {
      schema: {
        tags,
        summary: 'Open a 360 round and invite raters (your manager, mentors, peers)',
        params: personIdParams,
        body: z.unknown(),
      },
    },
    async (request, reply) => reply.code(201).send(await openRound(request.ctx, request.params.personId, request.body)),
  );
  r.get(
    '/people/:personId/rounds',
    {
      schema: {
        tags,
        summary: 'Your rounds with results by rater kind, peers as an average of 3+, and blind spots',
        params: personIdParams,
      },
    },
    async (request) => listRounds(request.ctx, request.params.personId),
  );
  r.get(
    '/me/rating-requests',
    { schema: { tags, summary: 'Rounds you have been asked to rate in' } },
    async (request) => myRatingRequests(request.ctx),
  );
  r.post(
    '/rounds/:roundId/ratings',
    {
      schema: {
        tags,
        summary: 'Answer a round: a level (1–4) and a comment for every area',
        params: z.object({ roundId: z.string().min(1).max(100) }),
        body: z.unknown(),
      },
    },
    async (request, reply) =>
      reply.code(201).send(await submitRating(request.ctx, request.params.roundId, request.body)),
  );
  r.get('/me/audit', { schema: { tags: ['privacy'], summary: 'Who read or changed your data' } }, async (request) =>
    myAuditLog(request.ctx),
  );
}
