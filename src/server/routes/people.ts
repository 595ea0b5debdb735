import type { FastifyInstance } from 'fastify';
import { createPersonInput, personIdParams, personOutput, updatePersonInput } from '../../contracts/index.ts';
import type { ServiceContext } from '../../services/context.ts';
import { createPerson, getPerson, listPeople, updatePerson } from '../../services/people/people.ts';
import { BODY_ERRORS, errorResponses, PARAM_ERRORS, zodRoutes } from './types.ts';

export function registerPeopleRoutes(app: FastifyInstance, _ctx: ServiceContext) {
  const r = zodRoutes(app);
  r.get(
    '/people',
    {
      schema: {
        tags: ['people'],
        operationId: 'listPeople',
        summary: 'Everyone, oldest profile first',
        response: { 200: personOutput.array(), ...errorResponses() },
      },
    },
    async (request) => listPeople(request.ctx),
  );
  r.post(
    '/people',
    {
      schema: {
        tags: ['people'],
        operationId: 'createPerson',
        summary: 'Admins: create a profile without an account (invite people to give them one)',
        body: createPersonInput,
        response: { 201: personOutput, ...errorResponses(...BODY_ERRORS, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await createPerson(request.ctx, request.body)),
  );
  r.get(
    '/people/:personId',
    {
      schema: {
        tags: ['people'],
        operationId: 'getPerson',
        summary: 'A profile',
        params: personIdParams,
        response: { 200: personOutput, ...errorResponses(...PARAM_ERRORS) },
      },
    },
    async (request) => getPerson(request.ctx, request.params.personId),
  );
  r.patch(
    '/people/:personId',
    {
      schema: {
        tags: ['people'],
        operationId: 'updatePerson',
        summary: 'Change name, role, team, or target track and stage (admins: manager, mentors, admin rights)',
        params: personIdParams,
        body: updatePersonInput,
        response: { 200: personOutput, ...errorResponses(...PARAM_ERRORS, ...BODY_ERRORS, 409) },
      },
    },
    async (request) => updatePerson(request.ctx, request.params.personId, request.body),
  );
}
