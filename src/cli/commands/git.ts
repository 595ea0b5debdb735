import type { Command } from 'commander';
import type { RepoStats } from '../../git/stats.ts';
import { type CliIo, collect, printJson, printTable, withServices } from '../io.ts';

// The miner, the progress bar and the services load inside the actions, when a command runs:
// listing the commands (`leadway --help`) then costs only these definitions.

interface StatsOptions {
  /** False with --no-paths: skip the test and doc figures (a log without file names). */
  paths: boolean;
  rev?: string;
  since?: string;
  until?: string;
  json?: boolean;
  testPattern?: string[];
  docPattern?: string[];
}

/** A progress bar on a terminal (stderr), nothing otherwise; the total comes from rev-list. */
async function progressFor(io: CliIo, repo: string, rev: string, since?: string, until?: string) {
  if (!io.isInteractive || !process.stderr.isTTY) return { update: (_n: number) => {}, stop: () => {} };
  const [{ SingleBar }, { git }] = await Promise.all([import('cli-progress'), import('../../git/git.ts')]);
  let total = 0;
  try {
    const args = [
      'rev-list',
      '--count',
      '--no-merges',
      ...(since ? [`--since=${since}`] : []),
      ...(until ? [`--until=${until}`] : []),
      rev,
    ];
    total = Number((await git(repo, args)).trim()) || 0;
  } catch {
    // The miner reports a bad repository or revision itself, with a better message.
  }
  const bar = new SingleBar({
    format: 'Reading history [{bar}] {value}/{total} commits',
    stream: process.stderr,
    hideCursor: true,
  });
  bar.start(Math.max(total, 1), 0);
  return { update: (n: number) => bar.update(Math.min(n, Math.max(total, 1))), stop: () => bar.stop() };
}

function printStats(io: CliIo, stats: RepoStats) {
  io.stdout(
    `${stats.repo} @ ${stats.rev}: ${stats.commits} non-merge commits, ${stats.unresolvedFixes} unresolved Fixes: targets\n`,
  );
  const rows = [...stats.people]
    .sort((a, b) => b.commits - a.commits || a.email.localeCompare(b.email))
    .map((p) => [
      `${p.name} <${p.email}>`,
      p.commits,
      p.trailers['reviewed-by'] + p.trailers['acked-by'] + p.trailers['tested-by'],
      p.trailers['helped-by'] + p.trailers['mentored-by'],
      p.trailers['co-authored-by'],
      `${p.fixesOfOthers}/${p.fixesOfOwn}`,
      p.testCommits,
      p.docCommits,
      p.peopleHelped,
    ]);
  printTable(
    io,
    [
      'Person',
      'Commits',
      'Reviews*',
      'Helped/mentored',
      'Co-authored',
      'Fixes others/own',
      'Tests',
      'Docs',
      'People helped',
    ],
    rows,
  );
  io.stdout('* reviewed-by + acked-by + tested-by. Figures are evidence for the person, not a score.\n');
}

/** `leadway git stats`: mining figures for a repository; needs no database. */
export function registerGitCommand(program: Command, io: CliIo): Command {
  const gitCommand = program
    .command('git')
    .description('Evidence from git history: reviews, mentoring, pairing, fixes, tests and docs');
  gitCommand
    .command('stats')
    .description('Figures per person from a repository’s history (no database needed)')
    .argument('<repo>', 'path to a local repository (bare or with a work tree)')
    .option('--rev <rev>', 'revision or range to read', 'HEAD')
    .option('--since <date>', 'only commits after this date (anything git accepts, e.g. 2026-01-01)')
    .option('--until <date>', 'only commits before this date')
    .option('--test-pattern <glob>', 'paths that count as tests (repeatable; replaces the defaults)', collect)
    .option('--doc-pattern <glob>', 'paths that count as documentation (repeatable; replaces the defaults)', collect)
    .option('--no-paths', 'skip the test and doc figures (reads no file names; faster)')
    .option('--json', 'print one JSON document')
    .action(async (repo: string, opts: StatsOptions) => {
      const rev = opts.rev ?? 'HEAD';
      const { mineRepository } = await import('../../git/stats.ts');
      const progress = await progressFor(io, repo, rev, opts.since, opts.until);
      let stats: RepoStats;
      try {
        const { sha: _sha, ...mined } = await mineRepository({
          repo,
          rev,
          since: opts.since,
          until: opts.until,
          testPatterns: opts.testPattern,
          docPatterns: opts.docPattern,
          withoutPaths: !opts.paths,
          onProgress: progress.update,
          onWarning: (message) => io.stderr(`Warning: ${message}\n`),
        });
        stats = mined;
      } finally {
        progress.stop();
      }
      if (opts.json) {
        return printJson(io, {
          repo: stats.repo,
          rev: stats.rev,
          commits: stats.commits,
          unresolvedFixes: stats.unresolvedFixes,
          people: stats.people,
        });
      }
      printStats(io, stats);
    });
  gitCommand
    .command('import')
    .description('Turn a repository’s history into journal evidence for the members whose emails match (incremental)')
    .argument('<repo>', 'path to a local repository; it is registered on first import')
    .option('--rev <rev>', 'branch or revision to import when registering (default HEAD)')
    .option('--name <name>', 'a name for the repository when registering (default: its folder name)')
    .option('--person <email>', 'only credit this member (repeatable; default: everyone)', collect)
    .option('--json', 'print the result as JSON')
    .action(async (repo: string, opts: { rev?: string; name?: string; person?: string[]; json?: boolean }) => {
      const { registerRepository, importRepository } = await import('../../services/git/repositories.ts');
      const { resolvePerson } = await import('../../services/people/people.ts');
      const result = await withServices(io, async (ctx) => {
        const personIds = opts.person
          ? await Promise.all(opts.person.map(async (e) => (await resolvePerson(ctx, e)).id))
          : undefined;
        const registered = await registerRepository(ctx, { path: repo, rev: opts.rev, name: opts.name });
        const progress = await progressFor(io, registered.path, registered.rev);
        try {
          return await importRepository(ctx, registered.id, {
            ...(personIds ? { personIds } : {}),
            onProgress: progress.update,
          });
        } finally {
          progress.stop();
        }
      });
      if (opts.json) return printJson(io, result);
      io.stdout(
        `Read ${result.commitsRead} new commits of ${result.repository.name} (${result.repository.rev}): ${result.creditsAdded} new credits, ` +
          `${result.entriesCreated} journal entries created, ${result.entriesUpdated} updated.\n`,
      );
      for (const p of result.people) io.stdout(`  ${p.email}: ${p.credits} credits\n`);
      if (result.people.length === 0) {
        io.stdout('Nobody matched. Add the emails people commit with: `leadway emails add you@work.example`.\n');
      }
    });
  gitCommand
    .command('repos')
    .description('List the registered repositories')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }) => {
      const { listRegisteredRepositories } = await import('../../services/git/repositories.ts');
      const repos = await withServices(io, (ctx) => listRegisteredRepositories(ctx));
      if (opts.json) return printJson(io, repos);
      if (repos.length === 0) return io.stdout('No repositories yet: `leadway git import PATH` registers one.\n');
      printTable(
        io,
        ['Id', 'Name', 'Path', 'Branch', 'Last import'],
        repos.map((r) => [r.id, r.name, r.path, r.rev, r.lastImportedAt ?? 'never']),
      );
    });
  return gitCommand;
}
