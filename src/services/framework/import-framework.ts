import type { FrameworkImportResult } from '../../contracts/index.ts';
import {
  findActiveFramework,
  findFrameworkByKeyVersion,
  insertFramework,
  reactivateFramework,
} from '../../db/repositories/frameworks.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../domain/errors.ts';
import { validateFramework } from '../../domain/framework/framework.ts';
import { ensureAdmin } from '../access.ts';
import { nowIso, type ServiceContext } from '../context.ts';

/**
 * Installs a framework document and makes it the active one. Past assessments keep pointing at
 * the framework they were made against. Re-importing an installed version with the same content
 * re-activates it; the same version with different content is refused (bump the version).
 */
export async function importFramework(ctx: ServiceContext, document: unknown): Promise<FrameworkImportResult> {
  ensureAdmin(ctx, 'install a framework');
  const framework = validateFramework(document);
  const content = JSON.stringify(framework);
  return inTransaction(ctx.db, async (trx) => {
    const active = await findActiveFramework(trx);
    const existing = await findFrameworkByKeyVersion(trx, framework.id, framework.version);
    const base = { version: framework.version, name: framework.name };
    if (existing) {
      if (existing.content !== content) {
        throw new AppError(
          'conflict',
          'FRAMEWORK_VERSION_EXISTS',
          `Version ${framework.version} of framework "${framework.id}" is already installed with different content. ` +
            'Give the changed file a new "version" (e.g. 1.0.1) and import it again.',
          { version: 'already installed with different content' },
        );
      }
      if (existing.id === active?.id) {
        return {
          status: 'unchanged',
          id: existing.id,
          ...base,
          message: `${framework.name} ${framework.version} is already the active framework.`,
        } as const;
      }
      await reactivateFramework(trx, existing.id);
      return {
        status: 'reactivated',
        id: existing.id,
        ...base,
        message: `${framework.name} ${framework.version} is active again.`,
      } as const;
    }
    const id = ctx.newId();
    await insertFramework(trx, {
      id,
      framework_key: framework.id,
      version: framework.version,
      name: framework.name,
      content,
      installed_at: nowIso(ctx),
    });
    return {
      status: 'installed',
      id,
      ...base,
      message: `Installed ${framework.name} ${framework.version}; it is now the active framework.`,
    } as const;
  });
}
