import type { FastifyInstance } from 'fastify';
import {
  gitEvidenceOutput,
  gitEvidenceQuery,
  gitImportOutput,
  importRepositoryInput,
  registerRepositoryInput,
  repositoryOutput,
  repositoryParams,
} from '../../contracts/git.ts';
import { noContent, personIdParams } from '../../contracts/index.ts';
import { addEmailInput, emailParams, emailsOutput } from '../../contracts/people.ts';
import type { ServiceContext } from '../../services/context.ts';
import {
  gitEvidenceByMonth,
  importRepository,
  listRegisteredRepositories,
  registerRepository,
  removeRepository,
} from '../../services/git/repositories.ts';
import { addEmail, listEmails, removeEmail } from '../../services/people/emails.ts';
import { BODY_ERRORS, errorResponses, PARAM_ERRORS, zodRoutes } from './types.ts';

export function registerGitRoutes(app: FastifyInstance, _ctx: ServiceContext) {
  const r = zodRoutes(app);
  const tags = ['git'];
  r.get(
    '/git/repositories',
    {
      schema: {
        tags,
        operationId: 'listRepositories',
        summary: 'Admins: the registered repositories, by name',
        response: { 200: repositoryOutput.array(), ...errorResponses() },
      },
    },
    async (request) => listRegisteredRepositories(request.ctx),
  );
  r.post(
    '/git/repositories',
    {
      schema: {
        tags,
        operationId: 'registerRepository',
        summary: 'Admins: register a local repository (checked: readable, not shallow, has the branch)',
        body: registerRepositoryInput,
        // 409: git itself is missing on the server (GIT_MISSING).
        response: { 201: repositoryOutput, ...errorResponses(...BODY_ERRORS, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await registerRepository(request.ctx, request.body)),
  );
  r.delete(
    '/git/repositories/:repositoryId',
    {
      schema: {
        tags,
        operationId: 'removeRepository',
        summary: 'Admins: forget a repository and its credits (journal entries already made stay)',
        params: repositoryParams,
        response: { 204: noContent, ...errorResponses(...PARAM_ERRORS) },
      },
    },
    async (request, reply) => {
      await removeRepository(request.ctx, request.params.repositoryId);
      return reply.code(204).send();
    },
  );
  r.post(
    '/git/repositories/:repositoryId/import',
    {
      schema: {
        tags,
        operationId: 'importRepository',
        summary: 'Admins: import new history as journal evidence (incremental; re-running adds nothing twice)',
        params: repositoryParams,
        body: importRepositoryInput,
        response: { 200: gitImportOutput, ...errorResponses(...PARAM_ERRORS, ...BODY_ERRORS, 409) },
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
        operationId: 'getGitEvidence',
        summary: 'Credited commits per area per month',
        params: personIdParams,
        querystring: gitEvidenceQuery,
        response: { 200: gitEvidenceOutput, ...errorResponses(...PARAM_ERRORS) },
      },
    },
    async (request) => gitEvidenceByMonth(request.ctx, request.params.personId, request.query.months),
  );
  r.get(
    '/people/:personId/emails',
    {
      schema: {
        tags: ['people'],
        operationId: 'listEmails',
        summary: 'Your (or, for admins, anyone’s) primary and extra email addresses',
        params: personIdParams,
        response: { 200: emailsOutput, ...errorResponses(...PARAM_ERRORS) },
      },
    },
    async (request) => listEmails(request.ctx, request.params.personId),
  );
  r.post(
    '/people/:personId/emails',
    {
      schema: {
        tags: ['people'],
        operationId: 'addEmail',
        summary: 'Add an email git identities are matched on',
        params: personIdParams,
        body: addEmailInput,
        response: { 200: emailsOutput, ...errorResponses(...PARAM_ERRORS, ...BODY_ERRORS, 409) },
      },
    },
    async (request) => addEmail(request.ctx, request.params.personId, request.body.email),
  );
  r.delete(
    '/people/:personId/emails/:email',
    {
      schema: {
        tags: ['people'],
        operationId: 'removeEmail',
        summary: 'Remove an extra email address (the primary one stays)',
        params: emailParams,
        response: { 200: emailsOutput, ...errorResponses(...PARAM_ERRORS) },
      },
    },
    async (request) => removeEmail(request.ctx, request.params.personId, request.params.email),
  );
}
