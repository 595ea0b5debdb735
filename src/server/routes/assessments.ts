import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { assessmentIdParams, assessmentOutput, personIdParams, submitAssessmentInput } from '../../contracts/index.ts';
import {
  getAssessment,
  listSelfAssessments,
  submitSelfAssessment,
} from '../../services/assessments/self-assessments.ts';
import type { ServiceContext } from '../../services/context.ts';
import { errorResponses, zodRoutes } from './types.ts';

export function registerAssessmentRoutes(app: FastifyInstance, _ctx: ServiceContext) {
  const r = zodRoutes(app);
  r.get(
    '/people/:personId/assessments',
    {
      schema: {
        tags: ['assessments'],
        summary: "A person's self-assessments, newest first",
        params: personIdParams,
        response: { 200: z.array(assessmentOutput), ...errorResponses },
      },
    },
    async (request) => listSelfAssessments(request.ctx, request.params.personId),
  );
  r.post(
    '/people/:personId/assessments',
    {
      schema: {
        tags: ['assessments'],
        summary: 'Record a self-assessment: a level (1–4) and comment for every area',
        params: personIdParams,
        body: submitAssessmentInput,
        response: { 201: assessmentOutput, ...errorResponses },
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
        params: assessmentIdParams,
        response: { 200: assessmentOutput, ...errorResponses },
      },
    },
    async (request) => getAssessment(request.ctx, request.params.assessmentId),
  );
}
