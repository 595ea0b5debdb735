import type { FastifyInstance } from 'fastify';
import { frameworkDocumentInput, frameworkVersionOutput } from '../../contracts/framework.ts';
import { frameworkImportResult, frameworkOutput } from '../../contracts/index.ts';
import type { ServiceContext } from '../../services/context.ts';
import { getActiveFramework } from '../../services/framework/active-framework.ts';
import { listFrameworkVersions } from '../../services/framework/framework-versions.ts';
import { importFramework } from '../../services/framework/import-framework.ts';
import { BODY_ERRORS, checkedByService, errorResponses, zodRoutes } from './types.ts';

export function registerFrameworkRoutes(app: FastifyInstance, _ctx: ServiceContext) {
  const r = zodRoutes(app);
  r.get(
    '/framework',
    {
      schema: {
        tags: ['framework'],
        operationId: 'getFramework',
        summary:
          'The active framework: areas with levels and suggested actions, tracks with targets, reflection questions',
        response: { 200: frameworkOutput, ...errorResponses() },
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
        operationId: 'importFramework',
        summary:
          'Admins: install a framework document (the same JSON `leadway framework export` writes) and make it active',
        // Validated by the service after the admin check, as FRAMEWORK_INVALID with every problem.
        body: checkedByService(frameworkDocumentInput),
        response: { 200: frameworkImportResult, ...errorResponses(...BODY_ERRORS, 409) },
      },
    },
    async (request) => importFramework(request.ctx, request.body),
  );
  r.get(
    '/framework/versions',
    {
      schema: {
        tags: ['framework'],
        operationId: 'listFrameworkVersions',
        summary: 'Every installed framework version, newest first',
        response: { 200: frameworkVersionOutput.array(), ...errorResponses() },
      },
    },
    async (request) => listFrameworkVersions(request.ctx),
  );
}
