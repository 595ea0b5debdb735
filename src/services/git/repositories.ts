import { createHash } from 'node:crypto';
import path from 'node:path';
import { format } from 'date-fns/format';
import type { GitEvidenceOutput, GitImportOutput, RepositoryOutput } from '../../contracts/git.ts';
import {
  creditCountsByMonth,
  deleteRepository,
  emailDirectory,
  findMark,
  findRepositoryById,
  findRepositoryByPath,
  type GitCreditRow,
  type GitRepositoryRow,
  insertCredits,
  insertRepository,
  listCredits,
  listRepositories,
  markImported,
} from '../../db/repositories/git.ts';
import { findEntryBySourceKey, insertEntry, updateEntryRow } from '../../db/repositories/journal.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import { CREDIT_GROUPS, EVIDENCE_KINDS, weeklySummaries } from '../../domain/git/evidence.ts';
import { isoWeekOf } from '../../domain/journal/journal.ts';
import { checkRepository, git } from '../../git/git.ts';
import { mineRepository } from '../../git/stats.ts';
import { presentGitEvidence, presentRepository } from '../../presenters/git.ts';
import { ensureAdmin, ensureCanSee } from '../access.ts';
import { actorOf, nowIso, type ServiceContext } from '../context.ts';
import { getActiveFramework } from '../framework/active-framework.ts';
import { requirePerson } from '../people/people.ts';

/** The checks' codes for a path that cannot be mined at all (not for an unknown revision). */
const UNUSABLE_PATH_CODES = new Set([
  'REPO_NOT_FOUND',
  'REPO_UNREADABLE',
  'NOT_A_REPOSITORY',
  'SHALLOW_REPOSITORY',
  'EMPTY_REPOSITORY',
]);

/**
 * For people acting through the API, one answer for every path that cannot be used: telling a
 * missing folder from a file, a plain folder, an unreadable one or a repository that is shallow or
 * empty would let them probe the server's file system. The system actor (the CLI, run by the
 * machine's own user on their own files) keeps the precise messages.
 */
function hidingPathDetails(ctx: ServiceContext, repoPath: string, error: unknown): unknown {
  if (actorOf(ctx).kind === 'system' || !(error instanceof AppError) || !UNUSABLE_PATH_CODES.has(error.code))
    return error;
  return new AppError(
    'invalid',
    'REPO_UNUSABLE',
    `${repoPath} cannot be used: it must be a readable, non-shallow git repository with commits on this server.`,
  );
}

async function checkUsable(ctx: ServiceContext, repoPath: string, rev: string) {
  try {
    return await checkRepository(repoPath, rev);
  } catch (error) {
    throw hidingPathDetails(ctx, repoPath, error);
  }
}

/** Registers a local repository (checked to be usable) for imports; registering twice returns the first. */
export async function registerRepository(
  ctx: ServiceContext,
  input: { path: string; rev?: string | undefined; name?: string | undefined },
): Promise<RepositoryOutput> {
  ensureAdmin(ctx, 'register repositories (they are read on the server)');
  const checked = await checkUsable(ctx, input.path, input.rev ?? 'HEAD');
  const existing = await findRepositoryByPath(ctx.db, checked.path);
  if (existing) return presentRepository(existing);
  const row: GitRepositoryRow = {
    id: ctx.newId(),
    path: checked.path,
    name: input.name?.trim() || path.basename(checked.path).replace(/\.git$/, '') || checked.path,
    rev: input.rev ?? 'HEAD',
    created_at: nowIso(ctx),
    last_imported_at: null,
  };
  await insertRepository(ctx.db, row);
  return presentRepository(row);
}

/** Every registered repository, by name. */
export async function listRegisteredRepositories(ctx: ServiceContext): Promise<RepositoryOutput[]> {
  ensureAdmin(ctx, 'see the registered repositories');
  return (await listRepositories(ctx.db)).map(presentRepository);
}

/** Forgets a repository, its import marks and credits; journal entries already made stay. */
export async function removeRepository(ctx: ServiceContext, id: string): Promise<void> {
  ensureAdmin(ctx, 'remove repositories');
  if (!(await findRepositoryById(ctx.db, id))) throw notFound('repository', id);
  await deleteRepository(ctx.db, id);
}

/**
 * Imports a registered repository's history as journal evidence for the members whose emails
 * (primary or extra) match, optionally only for some people. Reads only commits after the last
 * import of the same branch; credits are stored once per person, commit and kind, so a re-run adds
 * nothing twice; weekly summaries are rebuilt from the stored credits.
 */
export async function importRepository(
  ctx: ServiceContext,
  repositoryId: string,
  options: { personIds?: string[]; onProgress?: (commits: number) => void } = {},
): Promise<GitImportOutput> {
  ensureAdmin(ctx, 'import repositories');
  const repo = await findRepositoryById(ctx.db, repositoryId);
  if (!repo) throw notFound('repository', repositoryId);
  for (const id of options.personIds ?? []) await requirePerson(ctx, id);
  const directory = await emailDirectory(ctx.db);
  const wanted = options.personIds ? new Set(options.personIds) : null;
  const personFor = (email: string) => {
    const id = directory.get(email);
    return id && (!wanted || wanted.has(id)) ? id : undefined;
  };

  const checked = await checkUsable(ctx, repo.path, repo.rev);
  const mark = await findMark(ctx.db, repo.id, repo.rev);
  // The emails matched (and who is asked for) decide which commits count; when they change, the
  // whole history is read again so nobody's older work is missed.
  const identities = createHash('sha256')
    .update(
      [...directory.entries()]
        .filter(([, id]) => !wanted || wanted.has(id))
        .map(([email, id]) => `${email}=${id}`)
        .sort()
        .join('\n'),
    )
    .digest('hex');
  // Incremental: after the last import, unless history was rewritten (the mark is no longer an
  // ancestor) or the identities changed.
  const markUsable =
    mark !== undefined &&
    mark.identities === identities &&
    (await git(repo.path, ['merge-base', '--is-ancestor', mark.last_sha, checked.sha]).then(
      () => true,
      () => false,
    ));
  const range = markUsable && mark ? `${mark.last_sha}..${checked.sha}` : checked.sha;

  const details = new Map<string, { occurredOn: string; subject: string }>();
  const credits: GitCreditRow[] = [];
  let current: { sha: string; occurredOn: string; subject: string } | null = null;
  const mined = await mineRepository({
    repo: repo.path,
    rev: range,
    withDetails: true,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    onCommit: (commit) => {
      current = {
        sha: commit.sha,
        occurredOn: format(new Date(commit.authorTime * 1000), 'yyyy-MM-dd'),
        subject: commit.subject,
      };
      // Fixes are resolved after the walk (among all commits reachable from the branch, also
      // those before the range read; see mineRepository), so keep the few commits that name one.
      if (commit.fixes?.length) details.set(commit.sha, current);
    },
    onCredit: (credit) => {
      if (!EVIDENCE_KINDS.has(credit.kind)) return;
      const personId = personFor(credit.email);
      const at = current?.sha === credit.sha ? current : details.get(credit.sha);
      if (!personId || !at) return;
      credits.push({
        person_id: personId,
        repository_id: repo.id,
        sha: credit.sha,
        kind: credit.kind,
        helped_email: credit.helped,
        occurred_on: at.occurredOn,
        subject: at.subject.slice(0, 300),
      });
    },
  }).catch((error: unknown) => {
    // mineRepository checks the repository again; it may have changed since.
    throw hidingPathDetails(ctx, repo.path, error);
  });

  const { framework } = await getActiveFramework(ctx);
  const knownAreas = new Set(framework.areas.map((a) => a.id));
  const now = nowIso(ctx);
  let creditsAdded = 0;
  let entriesCreated = 0;
  let entriesUpdated = 0;
  const byPerson = new Map<string, number>();
  for (const c of credits) byPerson.set(c.person_id, (byPerson.get(c.person_id) ?? 0) + 1);

  await inTransaction(ctx.db, async (trx) => {
    creditsAdded = await insertCredits(trx, credits);
    for (const personId of byPerson.keys()) {
      // Rebuild only the weeks this import touched, from everything stored for them.
      const weeks = credits.filter((c) => c.person_id === personId).map((c) => isoWeekOf(c.occurred_on).startsOn);
      const from = weeks.sort()[0];
      const stored = await listCredits(trx, personId, repo.id, from);
      const summaries = weeklySummaries(
        repo.id,
        repo.name,
        stored.map((c) => ({
          sha: c.sha,
          kind: c.kind,
          helpedEmail: c.helped_email,
          occurredOn: c.occurred_on,
          subject: c.subject,
        })),
      );
      for (const s of summaries) {
        const areas = s.group.areas.filter((a) => knownAreas.has(a));
        if (areas.length === 0) continue;
        const existing = await findEntryBySourceKey(trx, personId, s.key);
        if (!existing) {
          await insertEntry(
            trx,
            {
              id: ctx.newId(),
              person_id: personId,
              occurred_on: s.occurredOn,
              title: s.title,
              body: s.body,
              kind: s.group.entryKind,
              source: 'git',
              visibility: 'private',
              goal_id: null,
              goal_action_id: null,
              source_key: s.key,
              created_at: now,
              updated_at: now,
            },
            areas,
            [],
          );
          entriesCreated++;
        } else if (existing.title !== s.title || existing.body !== s.body || existing.occurred_on !== s.occurredOn) {
          await updateEntryRow(trx, existing.id, {
            title: s.title,
            body: s.body,
            occurred_on: s.occurredOn,
            updated_at: now,
          });
          entriesUpdated++;
        }
      }
    }
    await markImported(trx, repo.id, repo.rev, checked.sha, identities, now);
  });
  const emailOf = new Map([...directory.entries()].map(([email, id]) => [id, email]));
  return {
    repository: presentRepository({ ...repo, last_imported_at: now }),
    range,
    commitsRead: mined.commits,
    creditsAdded,
    entriesCreated,
    entriesUpdated,
    people: [...byPerson.entries()].map(([personId, n]) => ({
      personId,
      email: emailOf.get(personId) ?? '',
      credits: n,
    })),
  };
}

/** Git evidence per area and month for a person: how many credited commits, over `months` months. */
export async function gitEvidenceByMonth(
  ctx: ServiceContext,
  personId: string,
  months = 12,
): Promise<GitEvidenceOutput> {
  await requirePerson(ctx, personId);
  await ensureCanSee(ctx, personId, 'private', 'git evidence');
  const today = new Date(`${nowIso(ctx).slice(0, 10)}T00:00:00Z`);
  const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - (months - 1), 1));
  const rows = await creditCountsByMonth(ctx.db, personId, start.toISOString().slice(0, 10));
  const { framework } = await getActiveFramework(ctx);
  const list = Array.from({ length: months }, (_, i) => {
    const d = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + i, 1));
    return { month: d.toISOString().slice(0, 7), counts: {} as Record<string, number> };
  });
  const byMonth = new Map(list.map((m) => [m.month, m]));
  for (const row of rows) {
    const bucket = byMonth.get(row.occurred_on.slice(0, 7));
    const group = CREDIT_GROUPS.find((g) => g.kinds.includes(row.kind));
    if (!bucket || !group) continue;
    for (const area of group.areas) bucket.counts[area] = (bucket.counts[area] ?? 0) + 1;
  }
  return presentGitEvidence(framework, list);
}
