import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createPersonInput, personIdParams, personOutput, updatePersonInput } from '../../contracts/index.ts';
import type { ServiceContext } from '../../services/context.ts';
import { createPerson, getPerson, listPeople, updatePerson } from '../../services/people/people.ts';
import { errorResponses, zodRoutes } from './types.ts';

export function registerPeopleRoutes(app: FastifyInstance, _ctx: ServiceContext) {
  const r = zodRoutes(app);
  r.get(
    '/people',
    {
      schema: { tags: ['people'], summary: 'Everyone, oldest profile first', response: { 200: z.array(personOutput) } },
    },
    async (request) => listPeople(request.ctx),
  );
  r.post(
    '/people',
    {
      schema: {
        tags: ['people'],
        summary: 'Create a profile (the first run does this)',
        body: createPersonInput,
        response: { 201: personOutput, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await createPerson(request.ctx, request.body)),
  );
  r.get(
    '/people/:personId',
    { schema: { tags: ['people'], params: personIdParams, response: { 200: personOutput, ...errorResponses } } },
    async (request) => getPerson(request.ctx, request.params.personId),
  );
  r.patch(
    '/people/:personId',
    {
      schema: {
        tags: ['people'],
        summary: 'Change name, role, team, or target track and stage',
        params: personIdParams,
        body: updatePersonInput,
        response: { 200: personOutput, ...errorResponses },
      },
    },
    async (request) => updatePerson(request.ctx, request.params.personId, request.body),
  );
}
