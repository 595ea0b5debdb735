import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { personIdParams } from '../../contracts/index.ts';
import {
  createEntryInput,
  entriesOutput,
  entriesQuery,
  entryIdParams,
  entryOutput,
  importEntriesInput,
  importEntriesOutput,
  timelineOutput,
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
import { errorResponses, zodRoutes } from './types.ts';

export function registerJournalRoutes(app: FastifyInstance, _ctx: ServiceContext) {
  const r = zodRoutes(app);
  const tags = ['journal'];
  r.get(
    '/people/:personId/entries',
    {
      schema: {
        tags,
        summary: 'Evidence entries, newest first; filter by area, kind, dates, goal; q searches title and body',
        params: personIdParams,
        querystring: entriesQuery,
        response: { 200: entriesOutput, ...errorResponses },
      },
    },
    async (request) => listEntries(request.ctx, request.params.personId, request.query),
  );
  r.post(
    '/people/:personId/entries',
    {
      schema: {
        tags,
        summary: 'Record evidence',
        params: personIdParams,
        body: createEntryInput,
        response: { 201: entryOutput, ...errorResponses },
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
        summary:
          'Import entries from CSV or Markdown files; dryRun only checks. Nothing is imported while any row is bad.',
        params: personIdParams,
        body: importEntriesInput,
        response: { 200: importEntriesOutput, ...errorResponses },
      },
    },
    async (request) => importEntries(request.ctx, request.params.personId, request.body),
  );
  r.get(
    '/people/:personId/timeline',
    {
      schema: {
        tags,
        summary: 'Evidence per area per ISO week',
        params: personIdParams,
        querystring: z.object({ weeks: z.coerce.number().int().min(1).max(260).default(26) }),
        response: { 200: timelineOutput, ...errorResponses },
      },
    },
    async (request) => evidenceTimeline(request.ctx, request.params.personId, request.query.weeks),
  );
  r.get(
    '/entries/:entryId',
    { schema: { tags, params: entryIdParams, response: { 200: entryOutput, ...errorResponses } } },
    async (request) => getEntry(request.ctx, request.params.entryId),
  );
  r.patch(
    '/entries/:entryId',
    {
      schema: {
        tags,
        params: entryIdParams,
        body: updateEntryInput,
        response: { 200: entryOutput, ...errorResponses },
      },
    },
    async (request) => updateEntry(request.ctx, request.params.entryId, request.body),
  );
  r.delete(
    '/entries/:entryId',
    { schema: { tags, params: entryIdParams, response: { 204: z.null(), ...errorResponses } } },
    async (request, reply) => {
      await deleteEntry(request.ctx, request.params.entryId);
      return reply.code(204).send(null);
    },
  );
}
