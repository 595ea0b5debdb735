import type { FastifyInstance } from 'fastify';
import { assessmentIdParams, assessmentOutput, personIdParams, submitAssessmentInput } from '../../contracts/index.ts';
import {
  getAssessment,
  listSelfAssessments,
  submitSelfAssessment,
} from '../../services/assessments/self-assessments.ts';
import type { ServiceContext } from '../../services/context.ts';
import { BODY_ERRORS, errorResponses, PARAM_ERRORS, zodRoutes } from './types.ts';

export function registerAssessmentRoutes(app: FastifyInstance, _ctx: ServiceContext) {
  const r = zodRoutes(app);
  r.get(
    '/people/:personId/assessments',
    {
      schema: {
        tags: ['assessments'],
        operationId: 'listAssessments',
        summary: "A person's self-assessments, newest first",
        params: personIdParams,
        response: { 200: assessmentOutput.array(), ...errorResponses(...PARAM_ERRORS) },
      },
    },
    async (request) => listSelfAssessments(request.ctx, request.params.personId),
  );
  r.post(
    '/people/:personId/assessments',
    {
      schema: {
        tags: ['assessments'],
        operationId: 'submitAssessment',
        summary: 'Record a self-assessment: a level (1–4) and comment for every area',
        params: personIdParams,
        body: submitAssessmentInput,
        response: { 201: assessmentOutput, ...errorResponses(...PARAM_ERRORS, ...BODY_ERRORS) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await submitSelfAssessment(request.ctx, request.params.personId, request.body)),
  );
  r.get(
    '/assessments/:assessmentId',
    {
      schema: {
        tags: ['assessments'],
        operationId: 'getAssessment',
        summary: 'One assessment with its ratings',
        params: assessmentIdParams,
        response: { 200: assessmentOutput, ...errorResponses(...PARAM_ERRORS) },
      },
    },
    async (request) => getAssessment(request.ctx, request.params.assessmentId),
  );
}
