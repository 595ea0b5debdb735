import type { FastifyInstance } from 'fastify';
import {
  actionParams,
  actionStateOutput,
  nextActionsOutput,
  nextActionsQuery,
  personIdParams,
  setActionStateInput,
  standingOutput,
} from '../../contracts/index.ts';
import type { ServiceContext } from '../../services/context.ts';
import { getNextActions, getStanding, setActionState } from '../../services/progress/standing.ts';
import { BODY_ERRORS, errorResponses, PARAM_ERRORS, zodRoutes } from './types.ts';

export function registerProgressRoutes(app: FastifyInstance, _ctx: ServiceContext) {
  const r = zodRoutes(app);
  r.get(
    '/people/:personId/standing',
    {
      schema: {
        tags: ['progress'],
        operationId: 'getStanding',
        summary: 'Current and previous level per area against the targets of the chosen track',
        params: personIdParams,
        response: { 200: standingOutput, ...errorResponses(...PARAM_ERRORS) },
      },
    },
    async (request) => getStanding(request.ctx, request.params.personId),
  );
  r.get(
    '/people/:personId/next-actions',
    {
      schema: {
        tags: ['progress'],
        operationId: 'getNextActions',
        summary: '"Start today": the most useful next actions for the largest gaps',
        params: personIdParams,
        querystring: nextActionsQuery,
        response: { 200: nextActionsOutput, ...errorResponses(...PARAM_ERRORS) },
      },
    },
    async (request) => getNextActions(request.ctx, request.params.personId, request.query.limit),
  );
  r.put(
    '/people/:personId/actions/:actionId',
    {
      schema: {
        tags: ['progress'],
        operationId: 'setActionState',
        summary: 'Mark a suggested action done or dismissed (or open again)',
        params: actionParams,
        body: setActionStateInput,
        response: { 200: actionStateOutput, ...errorResponses(...PARAM_ERRORS, ...BODY_ERRORS) },
      },
    },
    async (request) => setActionState(request.ctx, request.params.personId, request.params.actionId, request.body),
  );
}
