import type { FastifyInstance } from 'fastify';
import { auditLineOutput } from '../../contracts/audit.ts';
import { personIdParams } from '../../contracts/index.ts';
import {
  openedRoundOutput,
  openRoundInput,
  rateInput,
  ratingRequestOutput,
  ratingSubmittedOutput,
  roundIdParams,
  roundOutput,
} from '../../contracts/rounds.ts';
import { myAuditLog } from '../../services/access-log.ts';
import type { ServiceContext } from '../../services/context.ts';
import { listRounds, myRatingRequests, openRound, submitRating } from '../../services/rounds/rounds.ts';
import { BODY_ERRORS, checkedByService, errorResponses, PARAM_ERRORS, zodRoutes } from './types.ts';

/** 360 rounds and the audit log. The two bodies are validated by the services (`checkedByService`). */
export function registerRoundRoutes(app: FastifyInstance, _ctx: ServiceContext) {
  const r = zodRoutes(app);
  const tags = ['360'];
  r.post(
    '/people/:personId/rounds',
    {
      schema: {
        tags,
        operationId: 'openRound',
        summary: 'Open a 360 round and invite raters (your manager, mentors, peers)',
        params: personIdParams,
        body: checkedByService(openRoundInput),
        response: { 201: openedRoundOutput, ...errorResponses(...PARAM_ERRORS, ...BODY_ERRORS) },
      },
    },
    async (request, reply) => reply.code(201).send(await openRound(request.ctx, request.params.personId, request.body)),
  );
  r.get(
    '/people/:personId/rounds',
    {
      schema: {
        tags,
        operationId: 'listRounds',
        summary: 'Your rounds with results by rater kind, peers as an average of 3+, and blind spots',
        params: personIdParams,
        response: { 200: roundOutput.array(), ...errorResponses(...PARAM_ERRORS) },
      },
    },
    async (request) => listRounds(request.ctx, request.params.personId),
  );
  r.get(
    '/me/rating-requests',
    {
      schema: {
        tags,
        operationId: 'listRatingRequests',
        summary: 'Rounds you have been asked to rate in and not yet answered',
        response: { 200: ratingRequestOutput.array(), ...errorResponses() },
      },
    },
    async (request) => myRatingRequests(request.ctx),
  );
  r.post(
    '/rounds/:roundId/ratings',
    {
      schema: {
        tags,
        operationId: 'submitRating',
        summary: 'Answer a round: a level (1–4) and a comment for every area',
        params: roundIdParams,
        body: checkedByService(rateInput),
        response: { 201: ratingSubmittedOutput, ...errorResponses(...PARAM_ERRORS, ...BODY_ERRORS, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await submitRating(request.ctx, request.params.roundId, request.body)),
  );
  r.get(
    '/me/audit',
    {
      schema: {
        tags: ['privacy'],
        operationId: 'listMyAuditLog',
        summary: 'Who read or changed your data, newest first',
        response: { 200: auditLineOutput.array(), ...errorResponses() },
      },
    },
    async (request) => myAuditLog(request.ctx),
  );
}
