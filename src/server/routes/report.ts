import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { personIdParams } from '../../contracts/index.ts';
import { readinessOutput } from '../../contracts/report.ts';
import { exportBackup, importBackup } from '../../services/backup/backup.ts';
import type { ServiceContext } from '../../services/context.ts';
import { buildReadinessReport } from '../../services/report/readiness.ts';
import { reportToHtml, reportToMarkdown, reportToPdf } from '../../services/report/render.ts';
import { errorResponses, zodRoutes } from './types.ts';

const targetQuery = z.object({
  track: z.string().min(1).max(60).optional(),
  stage: z.string().min(1).max(60).optional(),
});

export function registerReportRoutes(app: FastifyInstance, _ctx: ServiceContext) {
  const r = zodRoutes(app);
  r.get(
    '/people/:personId/readiness',
    {
      schema: {
        tags: ['report'],
        summary:
          'Readiness for the person’s track (or ?track=&stage=): per area level vs target, evidence, goals, next actions, and the overall verdict with its working',
        params: personIdParams,
        querystring: targetQuery,
        response: { 200: readinessOutput, ...errorResponses },
      },
    },
    async (request) => buildReadinessReport(request.ctx, request.params.personId, request.query),
  );
  r.get(
    '/people/:personId/readiness/export',
    {
      schema: {
        tags: ['report'],
        summary: 'The readiness report as a download: Markdown, HTML or PDF',
        params: personIdParams,
        querystring: targetQuery.extend({ format: z.enum(['md', 'html', 'pdf']).default('pdf') }),
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
        summary: 'Restore a backup into an empty database (as `leadway import FILE` does)',
        body: z.unknown(),
      },
    },
    async (request, reply) => reply.code(201).send({ restored: await importBackup(request.ctx, request.body) }),
  );
  r.get(
    '/backup',
    {
      schema: {
        tags: ['backup'],
        summary: 'Everything as one versioned JSON document (restore with `leadway import FILE`)',
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
