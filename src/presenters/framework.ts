import type { FrameworkVersionOutput } from '../contracts/framework.ts';
import type { FrameworkRow } from '../db/repositories/frameworks.ts';

/** An installed framework version, without its content. */
export function presentFrameworkVersion(
  row: Pick<FrameworkRow, 'id' | 'framework_key' | 'version' | 'name' | 'installed_at'>,
  isActive: boolean,
): FrameworkVersionOutput {
  return {
    id: row.id,
    frameworkId: row.framework_key,
    version: row.version,
    name: row.name,
    installedAt: row.installed_at,
    isActive,
  };
}
