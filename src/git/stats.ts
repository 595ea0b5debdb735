import { type Credit, CreditCounter, type GitStats } from '../domain/git/credit.ts';
import { Mailmap } from '../domain/git/mailmap.ts';
import { ShaIndex } from '../domain/git/sha-index.ts';
import { checkRepository, git, NO_GIT_MAILMAP, readMailmapText, withGitConfig } from './git.ts';
import { type LoggedCommit, readAuthors, readLog, readReachable } from './log-reader.ts';

export interface StatsOptions {
  repo: string;
  rev?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  testPatterns?: string[] | undefined;
  docPatterns?: string[] | undefined;
  /** Skip the changed-path figures (tests, docs) for a faster, names-free log. */
  withoutPaths?: boolean;
  /** Read each commit's author time and subject too (the journal import needs them). */
  withDetails?: boolean;
  /** Called every so often with the number of commits read (for a progress display). */
  onProgress?: (commits: number) => void;
  /** Called per non-merge commit (the journal import groups credits by week). */
  onCommit?: (commit: LoggedCommit) => void;
  onCredit?: (credit: Credit) => void;
  /**
   * Called with what a person should know but that does not stop the mining, e.g. a mailmap.file
   * outside the repository that was ignored. Not part of the --json document or the import
   * result; nothing is said when no callback is given.
   */
  onWarning?: (message: string) => void;
}

/** The `leadway git stats --json` document. */
export interface RepoStats extends GitStats {
  repo: string;
  rev: string;
}

/**
 * Mines a repository's history for credit: one streamed `git log` (merges read but not credited),
 * figures per person, Fixes: resolved at the end.
 */
export async function mineRepository(options: StatsOptions): Promise<RepoStats & { sha: string }> {
  const repo = await checkRepository(options.repo, options.rev ?? 'HEAD');
  const mailmap = Mailmap.parse(await readMailmapText(repo, options.onWarning));
  const counter = new CreditCounter({
    mailmap,
    ...(options.testPatterns?.length ? { testPatterns: options.testPatterns } : {}),
    ...(options.docPatterns?.length ? { docPatterns: options.docPatterns } : {}),
    ...(options.onCredit ? { onCredit: options.onCredit } : {}),
  });
  let sinceReport = 0;
  // git must not read the repository's mailmap settings itself (see NO_GIT_MAILMAP): the log is
  // read raw and the vetted mailmap applied above. readLog spawns git before its first await.
  await withGitConfig(NO_GIT_MAILMAP, () =>
    readLog(
      {
        repo: repo.path,
        rev: options.rev ?? 'HEAD',
        since: options.since,
        until: options.until,
        withNames: !options.withoutPaths,
        withDetails: Boolean(options.withDetails),
      },
      (commit) => {
        if (!commit.isMerge) options.onCommit?.(commit);
        counter.add(commit);
        if (options.onProgress && ++sinceReport === 2000) {
          sinceReport = 0;
          options.onProgress(counter.commits);
        }
      },
    ),
  );
  const stats = counter.finish(await reachableIndex(counter, repo.path, options));
  options.onProgress?.(stats.commits);
  return { repo: repo.path, rev: options.rev ?? 'HEAD', sha: repo.sha, ...stats };
}

/**
 * A Fixes: target resolves among every commit reachable from the revision read, merges included.
 * The walk itself read them all unless it was cut short (a range such as a..b, --since,
 * --until); then, and only when some commit named a target, `git rev-list` lists every reachable
 * commit (shas only: cheap with a commit-graph file, about as dear as a short log without one)
 * and one `git log --no-walk` reads the authors of the commits the targets name.
 */
async function reachableIndex(
  counter: CreditCounter,
  repoPath: string,
  options: StatsOptions,
): Promise<ShaIndex | undefined> {
  const targets = counter.fixTargets;
  if (targets.length === 0) return undefined;
  // `--`: a revision, never a path; rev-parse echoes it back.
  const revs = (await git(repoPath, ['rev-parse', options.rev ?? 'HEAD', '--']))
    .split('\n')
    .filter((line) => line && line !== '--');
  const tips = revs.filter((r) => !r.startsWith('^'));
  if (!options.since && !options.until && tips.length === revs.length) return undefined;
  const index = new ShaIndex();
  await readReachable(repoPath, tips, (sha) => index.add(sha, -1));
  const named = new Map<string, number>();
  for (const found of index.resolve(targets)) if (found >= 0) named.set(index.shaOf(found), found);
  // readAuthors tells git to read no mailmap (see NO_GIT_MAILMAP); the counter applies its own.
  await readAuthors(repoPath, [...named.keys()], (commit) => {
    const found = named.get(commit.sha);
    if (found !== undefined)
      index.setOwner(found, counter.ownerOf({ name: commit.authorName, email: commit.authorEmail }));
  });
  return index;
}
