import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { personIdParams } from '../../contracts/index.ts';
import type { ServiceContext } from '../../services/context.ts';
import {
  gitEvidenceByMonth,
  importRepository,
  listRegisteredRepositories,
  registerRepository,
  removeRepository,
} from '../../services/git/repositories.ts';
import { addEmail, listEmails, removeEmail } from '../../services/people/emails.ts';
import { errorResponses, zodRoutes } from './types.ts';

const repositoryOutput = z.object({
  id: z.string(),
  path: z.string(),
  name: z.string(),
  rev: z.string(),
  createdAt: z.string(),
  lastImportedAt: z.string().nullable(),
});
const repositoryParams = z.object({ repositoryId: z.string().min(1).max(100) });
const emailsOutput = z.object({ primary: z.string(), extra: z.array(z.string()) });

export function registerGitRoutes(app: FastifyInstance, _ctx: ServiceContext) {
  const r = zodRoutes(app);
  const tags = ['git'];
  r.get(
    '/git/repositories',
    { schema: { tags, summary: 'Registered repositories', response: { 200: z.array(repositoryOutput) } } },
    async (request) => listRegisteredRepositories(request.ctx),
  );
  r.post(
    '/git/repositories',
    {
      schema: {
        tags,
        summary: 'Register a local repository (checked: readable, not shallow, has the branch)',
        body: z.strictObject({
          path: z.string().trim().min(1, 'required').max(4096),
          rev: z.string().trim().min(1).max(255).optional(),
          name: z.string().trim().max(120).optional(),
        }),
        response: { 201: repositoryOutput, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await registerRepository(request.ctx, request.body)),
  );
  r.delete(
    '/git/repositories/:repositoryId',
    { schema: { tags, params: repositoryParams, response: { 204: z.null(), ...errorResponses } } },
    async (request, reply) => {
      await removeRepository(request.ctx, request.params.repositoryId);
      return reply.code(204).send(null);
    },
  );
  r.post(
    '/git/repositories/:repositoryId/import',
    {
      schema: {
        tags,
        summary: 'Import new history as journal evidence (incremental; re-running adds nothing twice)',
        params: repositoryParams,
        body: z.strictObject({ personIds: z.array(z.string().min(1).max(100)).max(1000).optional() }).default({}),
      },
    },
    async (request) =>
      importRepository(
        request.ctx,
        request.params.repositoryId,
        request.body?.personIds ? { personIds: request.body.personIds } : {},
      ),
  );
  r.get(
    '/people/:personId/git-evidence',
    {
      schema: {
        tags,
        summary: 'Credited commits per area per month',
        params: personIdParams,
        querystring: z.object({ months: z.coerce.number().int().min(1).max(60).default(12) }),
      },
    },
    async (request) => gitEvidenceByMonth(request.ctx, request.params.personId, request.query.months),
  );
  r.get(
    '/people/:personId/emails',
    { schema: { tags: ['people'], params: personIdParams, response: { 200: emailsOutput, ...errorResponses } } },
    async (request) => listEmails(request.ctx, request.params.personId),
  );
  r.post(
    '/people/:personId/emails',
    {
      schema: {
        tags: ['people'],
        summary: 'Add an email git identities are matched on',
        params: personIdParams,
        body: z.strictObject({ email: z.string().max(254) }),
        response: { 200: emailsOutput, ...errorResponses },
      },
    },
    async (request) => addEmail(request.ctx, request.params.personId, request.body.email),
  );
  r.delete(
    '/people/:personId/emails/:email',
    {
      schema: {
        tags: ['people'],
        params: personIdParams.extend({ email: z.string().max(254) }),
        response: { 200: emailsOutput, ...errorResponses },
      },
    },
    async (request) => removeEmail(request.ctx, request.params.personId, request.params.email),
  );
}
