import type { FastifyInstance } from 'fastify';
import {
  personIdParams,
  recommendationInput,
  recommendationOutput,
  recordReflectionInput,
  reflectionOutput,
} from '../../contracts/index.ts';
import type { ServiceContext } from '../../services/context.ts';
import { listReflections, previewRecommendation, recordReflection } from '../../services/path/reflections.ts';
import { BODY_ERRORS, errorResponses, PARAM_ERRORS, zodRoutes } from './types.ts';

export function registerPathRoutes(app: FastifyInstance, _ctx: ServiceContext) {
  const r = zodRoutes(app);
  r.post(
    '/path/recommendation',
    {
      schema: {
        tags: ['path'],
        operationId: 'recommendTrack',
        summary: 'Recommend a track from reflection answers, without saving',
        body: recommendationInput,
        response: { 200: recommendationOutput, ...errorResponses(...BODY_ERRORS) },
      },
    },
    async (request) => previewRecommendation(request.ctx, request.body.answers),
  );
  r.get(
    '/people/:personId/reflections',
    {
      schema: {
        tags: ['path'],
        operationId: 'listReflections',
        summary: "A person's path reflections, newest first",
        params: personIdParams,
        response: { 200: reflectionOutput.array(), ...errorResponses(...PARAM_ERRORS) },
      },
    },
    async (request) => listReflections(request.ctx, request.params.personId),
  );
  r.post(
    '/people/:personId/reflections',
    {
      schema: {
        tags: ['path'],
        operationId: 'recordReflection',
        summary: 'Save a reflection with the chosen track and the person’s own why; sets their track',
        params: personIdParams,
        body: recordReflectionInput,
        response: { 201: reflectionOutput, ...errorResponses(...PARAM_ERRORS, ...BODY_ERRORS) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await recordReflection(request.ctx, request.params.personId, request.body)),
  );
}
