import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { frameworkImportResult, frameworkOutput } from '../../contracts/index.ts';
import type { ServiceContext } from '../../services/context.ts';
import { getActiveFramework } from '../../services/framework/active-framework.ts';
import { listFrameworkVersions } from '../../services/framework/framework-versions.ts';
import { importFramework } from '../../services/framework/import-framework.ts';
import { errorResponses, zodRoutes } from './types.ts';

export function registerFrameworkRoutes(app: FastifyInstance, _ctx: ServiceContext) {
  const r = zodRoutes(app);
  r.get(
    '/framework',
    {
      schema: {
        tags: ['framework'],
        summary:
          'The active framework: areas with levels and suggested actions, tracks with targets, reflection questions',
        response: { 200: frameworkOutput },
      },
    },
    async (request) => {
      const { framework, installedId, installedAt } = await getActiveFramework(request.ctx);
      return { ...framework, installedId, installedAt };
    },
  );
  r.put(
    '/framework',
    {
      schema: {
        tags: ['framework'],
        summary: 'Install a framework document (the same JSON `leadway framework export` writes) and make it active',
        body: z.unknown(),
        response: { 200: frameworkImportResult, ...errorResponses },
      },
    },
    async (request) => importFramework(request.ctx, request.body),
  );
  r.get(
    '/framework/versions',
    {
      schema: {
        tags: ['framework'],
        summary: 'Every installed framework version, newest first',
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              frameworkId: z.string(),
              version: z.string(),
              name: z.string(),
              installedAt: z.string(),
              isActive: z.boolean(),
            }),
          ),
        },
      },
    },
    async (request) => listFrameworkVersions(request.ctx),
  );
}
