import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { backupDocument, restoreOutput } from '../../contracts/backup.ts';
import { journalDownload, journalExportQuery, personalDataDownload } from '../../contracts/export.ts';
import { personIdParams } from '../../contracts/index.ts';
import { exportBackupText, importBackup } from '../../services/backup/backup.ts';
import type { ServiceContext } from '../../services/context.ts';
import { exportJournal } from '../../services/export/journal-files.ts';
import { exportPersonalData } from '../../services/export/personal-data.ts';
import { BODY_ERRORS, checkedByService, errorResponses, PARAM_ERRORS, zodRoutes } from './types.ts';

/** `attachment; filename="…"`: the names are made here from a fixed prefix and an ISO date only. */
const attachment = (name: string) => `attachment; filename="${name}"`;

/** The whole installation's backup (admins) and restore (a new install), and each person's own data. */
export function registerBackupRoutes(app: FastifyInstance, _ctx: ServiceContext) {
  const r = zodRoutes(app);
  r.post(
    '/backup',
    {
      // A backup of a whole installation is far larger than an ordinary request.
      bodyLimit: 256 * 1024 * 1024,
      // Restoring is how a new installation starts from an old one: allowed before any account exists.
      config: { setup: true },
      schema: {
        tags: ['backup'],
        operationId: 'restoreBackup',
        summary:
          'Before the first account only: restore a backup into the empty database (as `leadway import FILE` does)',
        // Validated by the service once restoring is allowed, as BACKUP_INVALID.
        body: checkedByService(backupDocument),
        response: { 201: restoreOutput, ...errorResponses(...BODY_ERRORS, 409) },
      },
    },
    async (request, reply) => reply.code(201).send({ restored: await importBackup(request.ctx, request.body) }),
  );
  r.get(
    '/backup',
    {
      schema: {
        tags: ['backup'],
        operationId: 'exportBackup',
        summary:
          'Admins only (403 otherwise): the whole installation as one versioned JSON document, the same one `leadway export FILE` writes and a new install restores; recorded in every member’s “who read my data”',
        response: {
          200: {
            description:
              'The backup as a file to save (Content-Disposition: attachment; filename="leadway-backup-DATE.json")',
            content: { 'application/json': { schema: backupDocument } },
          },
          ...errorResponses(),
        },
      },
    },
    async (request, reply) => {
      const backup = await exportBackupText(request.ctx);
      reply.header('content-disposition', attachment(`leadway-backup-${backup.exportedAt.slice(0, 10)}.json`));
      reply.header('cache-control', 'no-store');
      return reply.type('application/json; charset=utf-8').send(Readable.from(backup.chunks));
    },
  );
  r.get(
    '/people/:personId/export',
    {
      schema: {
        tags: ['backup'],
        operationId: 'exportPersonalData',
        summary:
          'The person themself only (404 for anyone else, as for an unknown id): everything about them they can see, as one JSON document',
        params: personIdParams,
        response: { 200: personalDataDownload, ...errorResponses(...PARAM_ERRORS) },
      },
    },
    async (request, reply) => {
      const data = await exportPersonalData(request.ctx, request.params.personId);
      reply.header('content-disposition', attachment(`leadway-my-data-${data.exportedAt.slice(0, 10)}.json`));
      reply.header('cache-control', 'no-store');
      return reply.type('application/json; charset=utf-8').send(Readable.from(data.chunks));
    },
  );
  r.get(
    '/people/:personId/journal/export',
    {
      schema: {
        tags: ['backup'],
        operationId: 'exportJournal',
        summary:
          'The person themself only (404 for anyone else): the whole journal as CSV or as a zip of Markdown files, the formats the journal import reads',
        params: personIdParams,
        querystring: journalExportQuery,
        response: { 200: journalDownload, ...errorResponses(...PARAM_ERRORS) },
      },
    },
    async (request, reply) => {
      const { format } = request.query;
      const file = await exportJournal(request.ctx, request.params.personId, format);
      const date = file.exportedAt.slice(0, 10);
      reply.header('cache-control', 'no-store');
      if (format === 'csv') {
        reply.header('content-disposition', attachment(`leadway-journal-${date}.csv`));
        reply.type('text/csv; charset=utf-8');
      } else {
        reply.header('content-disposition', attachment(`leadway-journal-${date}.zip`));
        reply.type('application/zip');
      }
      return reply.send(Readable.from(file.chunks));
    },
  );
}
