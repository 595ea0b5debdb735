import fs from 'node:fs';
import path from 'node:path';
import {
  type FrameworkRow,
  findActiveFramework,
  findActiveFrameworkHead,
  findFrameworkById,
  insertFramework,
} from '../../db/repositories/frameworks.ts';
import { inTransaction } from '../../db/transaction.ts';
import { validateFramework } from '../../domain/framework/framework.ts';
import type { Framework } from '../../domain/framework/schema.ts';
import { packageRoot } from '../../package-root.ts';
import { nowIso, type ServiceContext } from '../context.ts';

/** The framework file that ships with Leadway and is installed on first start. */
export const DEFAULT_FRAMEWORK_FILE = path.join(packageRoot(), 'framework/leadway-framework.json');

/** An installed framework: its row id and install time plus the parsed document. */
export interface InstalledFramework {
  installedId: string;
  installedAt: string;
  framework: Framework;
}

// Installed framework rows never change (a new version is a new row), so parsed documents can be
// cached by row id, per database handle.
const parsedByDb = new WeakMap<object, Map<string, InstalledFramework>>();

function cacheOf(ctx: ServiceContext): Map<string, InstalledFramework> {
  let cache = parsedByDb.get(ctx.db);
  if (!cache) {
    cache = new Map();
    parsedByDb.set(ctx.db, cache);
  }
  return cache;
}

function parseRow(ctx: ServiceContext, row: FrameworkRow): InstalledFramework {
  const cache = cacheOf(ctx);
  let installed = cache.get(row.id);
  if (!installed) {
    installed = { installedId: row.id, installedAt: row.installed_at, framework: JSON.parse(row.content) as Framework };
    cache.set(row.id, installed);
  }
  return installed;
}

// Within one request the active framework is looked up once (a readiness report asks four times).
const activeByRequest = new WeakMap<object, InstalledFramework>();

/** Reads and validates the framework file shipped with Leadway. */
export function readDefaultFramework(): Framework {
  return validateFramework(JSON.parse(fs.readFileSync(DEFAULT_FRAMEWORK_FILE, 'utf8')));
}

/**
 * The framework in force: the last one installed. On a new database it installs the default
 * framework first, so every entry point sees one.
 */
export async function getActiveFramework(ctx: ServiceContext): Promise<InstalledFramework> {
  const request = ctx.requestCache;
  const known = request ? activeByRequest.get(request) : undefined;
  if (known) return known;
  const active = await findActiveInstalled(ctx);
  if (request) activeByRequest.set(request, active);
  return active;
}

async function findActiveInstalled(ctx: ServiceContext): Promise<InstalledFramework> {
  // Which framework is active is read once per request (another process — the CLI — may install
  // one), but only its id: the document itself is read and parsed once per installed row.
  const head = await findActiveFrameworkHead(ctx.db);
  const cached = head ? cacheOf(ctx).get(head.id) : undefined;
  if (cached) return cached;
  const row = head ? await findFrameworkById(ctx.db, head.id) : undefined;
  if (row) return parseRow(ctx, row);
  const framework = readDefaultFramework();
  try {
    await inTransaction(ctx.db, async (trx) => {
      if (await findActiveFramework(trx)) return;
      await insertFramework(trx, {
        id: ctx.newId(),
        framework_key: framework.id,
        version: framework.version,
        name: framework.name,
        content: JSON.stringify(framework),
        installed_at: nowIso(ctx),
      });
    });
  } catch (error) {
    // Another process or request installed it at the same moment (a unique key refused the
    // second copy); theirs is as good as ours.
    if (!(await findActiveFramework(ctx.db))) throw error;
  }
  const installed = await findActiveFramework(ctx.db);
  if (!installed) throw new Error('the default framework could not be installed');
  return parseRow(ctx, installed);
}

/** A framework by its installed row id: past assessments are read against the version they used. */
export async function getFrameworkById(ctx: ServiceContext, id: string): Promise<InstalledFramework | undefined> {
  // Read once per installed row: listing assessments asked for the whole document once per assessment.
  const cached = cacheOf(ctx).get(id);
  if (cached) return cached;
  const row = await findFrameworkById(ctx.db, id);
  return row ? parseRow(ctx, row) : undefined;
}
