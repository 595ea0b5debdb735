import { type Credit, CreditCounter, type GitStats } from '../domain/git/credit.ts';
import { Mailmap } from '../domain/git/mailmap.ts';
import { checkRepository, NO_GIT_MAILMAP, readMailmapText, withGitConfig } from './git.ts';
import { type LoggedCommit, readLog } from './log-reader.ts';

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
  /** Called per commit (the journal import groups credits by week). */
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

/** Mines a repository's history for credit: one streamed `git log`, figures per person. */
export async function mineRepository(
  options: StatsOptions,
): Promise<
  RepoStats & { sha: string; unresolvedTargets: ReadonlyArray<{ fixer: string; target: string; sha: string }> }
> {
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
        options.onCommit?.(commit);
        counter.add(commit);
        if (options.onProgress && ++sinceReport === 2000) {
          sinceReport = 0;
          options.onProgress(counter.commits);
        }
      },
    ),
  );
  const stats = counter.finish();
  options.onProgress?.(stats.commits);
  return {
    repo: repo.path,
    rev: options.rev ?? 'HEAD',
    sha: repo.sha,
    ...stats,
    unresolvedTargets: counter.unresolvedFixes,
  };
}
