import type { FrameworkVersionOutput } from '../../contracts/framework.ts';
import { listFrameworks } from '../../db/repositories/frameworks.ts';
import { presentFrameworkVersion } from '../../presenters/framework.ts';
import type { ServiceContext } from '../context.ts';

/** Every installed framework version, newest first; the first is the active one. */
export async function listFrameworkVersions(ctx: ServiceContext): Promise<FrameworkVersionOutput[]> {
  const rows = await listFrameworks(ctx.db);
  return rows.map((row, i) => presentFrameworkVersion(row, i === 0));
}
