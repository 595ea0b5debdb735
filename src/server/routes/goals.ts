import type { FastifyInstance } from 'fastify';
import {
  checkinInput,
  createGoalInput,
  goalActionInput,
  goalActionParams,
  goalIdParams,
  goalOutput,
  goalsOutput,
  goalsQuery,
  updateGoalActionInput,
  updateGoalInput,
} from '../../contracts/goals.ts';
import { personIdParams } from '../../contracts/index.ts';
import type { ServiceContext } from '../../services/context.ts';
import {
  addCheckin,
  addGoalAction,
  createGoal,
  getGoal,
  listGoals,
  updateGoal,
  updateGoalAction,
} from '../../services/goals/goals.ts';
import { BODY_ERRORS, errorResponses, PARAM_ERRORS, zodRoutes } from './types.ts';

export function registerGoalRoutes(app: FastifyInstance, _ctx: ServiceContext) {
  const r = zodRoutes(app);
  const tags = ['growth plan'];
  r.get(
    '/people/:personId/goals',
    {
      schema: {
        tags,
        operationId: 'listGoals',
        summary: 'Goals with actions, check-ins and progress, and a roll-up per area',
        params: personIdParams,
        querystring: goalsQuery,
        response: { 200: goalsOutput, ...errorResponses(...PARAM_ERRORS) },
      },
    },
    async (request) => listGoals(request.ctx, request.params.personId, request.query),
  );
  r.post(
    '/people/:personId/goals',
    {
      schema: {
        tags,
        operationId: 'createGoal',
        summary: 'Create a goal in an area, with success criteria, a due date and first actions',
        params: personIdParams,
        body: createGoalInput,
        response: { 201: goalOutput, ...errorResponses(...PARAM_ERRORS, ...BODY_ERRORS) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createGoal(request.ctx, request.params.personId, request.body)),
  );
  r.get(
    '/goals/:goalId',
    {
      schema: {
        tags,
        operationId: 'getGoal',
        summary: 'One goal with its actions, check-ins and progress',
        params: goalIdParams,
        response: { 200: goalOutput, ...errorResponses(...PARAM_ERRORS) },
      },
    },
    async (request) => getGoal(request.ctx, request.params.goalId),
  );
  r.patch(
    '/goals/:goalId',
    {
      schema: {
        tags,
        operationId: 'updateGoal',
        summary: 'Change a goal (including its status)',
        params: goalIdParams,
        body: updateGoalInput,
        response: { 200: goalOutput, ...errorResponses(...PARAM_ERRORS, ...BODY_ERRORS) },
      },
    },
    async (request) => updateGoal(request.ctx, request.params.goalId, request.body),
  );
  r.post(
    '/goals/:goalId/actions',
    {
      schema: {
        tags,
        operationId: 'addGoalAction',
        summary: 'Add an action (written, or picked from the framework)',
        params: goalIdParams,
        body: goalActionInput,
        response: { 201: goalOutput, ...errorResponses(...PARAM_ERRORS, ...BODY_ERRORS) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addGoalAction(request.ctx, request.params.goalId, request.body)),
  );
  r.patch(
    '/goals/:goalId/actions/:actionId',
    {
      schema: {
        tags,
        operationId: 'updateGoalAction',
        summary: 'Mark an action done, or change it',
        params: goalActionParams,
        body: updateGoalActionInput,
        response: { 200: goalOutput, ...errorResponses(...PARAM_ERRORS, ...BODY_ERRORS) },
      },
    },
    async (request) => updateGoalAction(request.ctx, request.params.goalId, request.params.actionId, request.body),
  );
  r.post(
    '/goals/:goalId/checkins',
    {
      schema: {
        tags,
        operationId: 'addCheckin',
        summary: 'Record a check-in: a note and a confidence from 1 to 5',
        params: goalIdParams,
        body: checkinInput,
        response: { 201: goalOutput, ...errorResponses(...PARAM_ERRORS, ...BODY_ERRORS) },
      },
    },
    async (request, reply) => reply.code(201).send(await addCheckin(request.ctx, request.params.goalId, request.body)),
  );
}
