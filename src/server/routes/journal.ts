import type { FastifyInstance } from 'fastify';
import { noContent, personIdParams } from '../../contracts/index.ts';
import {
  createEntryInput,
  entriesOutput,
  entriesQuery,
  entryIdParams,
  entryOutput,
  importEntriesInput,
  importEntriesOutput,
  timelineOutput,
  timelineQuery,
  updateEntryInput,
} from '../../contracts/journal.ts';
import type { ServiceContext } from '../../services/context.ts';
import {
  createEntry,
  deleteEntry,
  evidenceTimeline,
  getEntry,
  importEntries,
  listEntries,
  updateEntry,
} from '../../services/journal/journal.ts';
import { BODY_ERRORS, errorResponses, PARAM_ERRORS, zodRoutes } from './types.ts';

export function registerJournalRoutes(app: FastifyInstance, _ctx: ServiceContext) {
  const r = zodRoutes(app);
  const tags = ['journal'];
  r.get(
    '/people/:personId/entries',
    {
      schema: {
        tags,
        operationId: 'listEntries',
        summary: 'Evidence entries, newest first; filter by area, kind, dates, goal; q searches title and body',
        params: personIdParams,
        querystring: entriesQuery,
        response: { 200: entriesOutput, ...errorResponses(...PARAM_ERRORS) },
      },
    },
    async (request) => listEntries(request.ctx, request.params.personId, request.query),
  );
  r.post(
    '/people/:personId/entries',
    {
      schema: {
        tags,
        operationId: 'createEntry',
        summary: 'Record evidence',
        params: personIdParams,
        body: createEntryInput,
        response: { 201: entryOutput, ...errorResponses(...PARAM_ERRORS, ...BODY_ERRORS) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createEntry(request.ctx, request.params.personId, request.body)),
  );
  r.post(
    '/people/:personId/entries/import',
    {
      // Import files may hold thousands of entries.
      bodyLimit: 20 * 1024 * 1024,
      schema: {
        tags,
        operationId: 'importEntries',
        summary:
          'Import entries from CSV or Markdown files; dryRun only checks. Nothing is imported while any row is bad.',
        params: personIdParams,
        body: importEntriesInput,
        response: { 200: importEntriesOutput, ...errorResponses(...PARAM_ERRORS, ...BODY_ERRORS) },
      },
    },
    async (request) => importEntries(request.ctx, request.params.personId, request.body),
  );
  r.get(
    '/people/:personId/timeline',
    {
      schema: {
        tags,
        operationId: 'getTimeline',
        summary: 'Evidence per area per ISO week',
        params: personIdParams,
        querystring: timelineQuery,
        response: { 200: timelineOutput, ...errorResponses(...PARAM_ERRORS) },
      },
    },
    async (request) => evidenceTimeline(request.ctx, request.params.personId, request.query.weeks, request.query.today),
  );
  r.get(
    '/entries/:entryId',
    {
      schema: {
        tags,
        operationId: 'getEntry',
        summary: 'One evidence entry',
        params: entryIdParams,
        response: { 200: entryOutput, ...errorResponses(...PARAM_ERRORS) },
      },
    },
    async (request) => getEntry(request.ctx, request.params.entryId),
  );
  r.patch(
    '/entries/:entryId',
    {
      schema: {
        tags,
        operationId: 'updateEntry',
        summary: 'Change an entry: only the fields given change',
        params: entryIdParams,
        body: updateEntryInput,
        response: { 200: entryOutput, ...errorResponses(...PARAM_ERRORS, ...BODY_ERRORS) },
      },
    },
    async (request) => updateEntry(request.ctx, request.params.entryId, request.body),
  );
  r.delete(
    '/entries/:entryId',
    {
      schema: {
        tags,
        operationId: 'deleteEntry',
        summary: 'Delete an entry',
        params: entryIdParams,
        response: { 204: noContent, ...errorResponses(...PARAM_ERRORS) },
      },
    },
    async (request, reply) => {
      await deleteEntry(request.ctx, request.params.entryId);
      return reply.code(204).send();
    },
  );
}
