import type { FastifyInstance } from 'fastify';
import { personIdParams } from '../../contracts/index.ts';
import {
  readinessExportOutput,
  readinessExportQuery,
  readinessOutput,
  readinessQuery,
} from '../../contracts/report.ts';
import type { ServiceContext } from '../../services/context.ts';
import { buildReadinessReport } from '../../services/report/readiness.ts';
import { reportToHtml, reportToMarkdown, reportToPdf } from '../../services/report/render.ts';
import { errorResponses, PARAM_ERRORS, zodRoutes } from './types.ts';

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
}
