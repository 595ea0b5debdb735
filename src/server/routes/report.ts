import type { FastifyInstance } from 'fastify';
import { backupDocument, restoreOutput } from '../../contracts/backup.ts';
import { personIdParams } from '../../contracts/index.ts';
import {
  readinessExportOutput,
  readinessExportQuery,
  readinessOutput,
  readinessQuery,
} from '../../contracts/report.ts';
import { exportBackup, importBackup } from '../../services/backup/backup.ts';
import type { ServiceContext } from '../../services/context.ts';
import { buildReadinessReport } from '../../services/report/readiness.ts';
import { reportToHtml, reportToMarkdown, reportToPdf } from '../../services/report/render.ts';
import { BODY_ERRORS, checkedByService, errorResponses, PARAM_ERRORS, zodRoutes } from './types.ts';

export function registerReportRoutes(app: FastifyInstance, _ctx: ServiceContext) {
  const r = zodRoutes(app);
  r.get(
    '/people/:personId/readiness',
    {
      schema: {
        tags: ['report'],
        operationId: 'getReadiness',
        summary:
          'Readiness for the person’s track (or ?track=&stage=): per area level vs target, evidence, goals, next actions, and the overall verdict with its working',
        params: personIdParams,
        querystring: readinessQuery,
        response: { 200: readinessOutput, ...errorResponses(...PARAM_ERRORS) },
      },
    },
    async (request) => buildReadinessReport(request.ctx, request.params.personId, request.query),
  );
  r.get(
    '/people/:personId/readiness/export',
    {
      schema: {
        tags: ['report'],
        operationId: 'exportReadiness',
        summary: 'The readiness report as a download: Markdown, HTML or PDF',
        params: personIdParams,
        querystring: readinessExportQuery,
        response: { 200: readinessExportOutput, ...errorResponses(...PARAM_ERRORS) },
      },
    },
    async (request, reply) => {
      const report = await buildReadinessReport(request.ctx, request.params.personId, request.query);
      const base = `leadway-readiness-${report.generatedOn}`;
      const { format } = request.query;
      reply.header('content-disposition', `attachment; filename="${base}.${format}"`);
      if (format === 'md') return reply.type('text/markdown; charset=utf-8').send(reportToMarkdown(report));
      if (format === 'html') return reply.type('text/html; charset=utf-8').send(reportToHtml(report));
      return reply.type('application/pdf').send(await reportToPdf(report));
    },
  );
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
          'Everything as one versioned JSON document; refused through the API (403): made on the server with `leadway export FILE`',
        response: { 200: backupDocument, ...errorResponses() },
      },
    },
    async (request, reply) => {
      const backup = await exportBackup(request.ctx);
      reply.header(
        'content-disposition',
        `attachment; filename="leadway-backup-${backup.exportedAt.slice(0, 10)}.json"`,
      );
      return backup;
    },
  );
}
