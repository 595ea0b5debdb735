import { spawn } from 'node:child_process';
import { AppError } from '../domain/errors.ts';
import { CREDIT_TRAILERS } from '../domain/git/credit.ts';
import { type LoggedCommit, LogParser } from './log-parser.ts';

export type { LoggedCommit } from './log-parser.ts';

/**
 * The credited trailers only, parsed by git itself (its rules for what the trailer block is) and
 * unfolded; keys match case-insensitively. Asking for these keys alone keeps the many
 * Signed-off-by lines out of the pipe.
 */
const TRAILERS = `%(trailers:${CREDIT_TRAILERS.map((key) => `key=${key}`).join(',')},unfold)`;

/**
 * The `git log` formats the miner reads (and the benchmark's baseline prints), three NUL-ended
 * records a commit: a header (a record marker, sha, parents, author name and email, [author time,
 * subject,] separated by US characters), the credited trailers, and the raw message, where
 * Fixes: lines are looked for wherever they stand (see domain/git/fixes.ts). The figures need no
 * time or subject; the journal import does, and pays for the extra bytes only then.
 */
export const LOG_FORMAT = `%x1e%x1e%H%x1f%P%x1f%an%x1f%ae%x1f%x1f%x00${TRAILERS}%x00%B`;
export const LOG_FORMAT_WITH_DETAILS = `%x1e%x1e%H%x1f%P%x1f%an%x1f%ae%x1f%at%x1f%s%x00${TRAILERS}%x00%B`;
/** The same records with nothing but sha and author (for the authors of commits Fixes: name). */
const AUTHORS_FORMAT = '%x1e%x1e%H%x1f%x1f%an%x1f%ae%x1f%x1f%x00%x00';

/**
 * The log's environment: git flushes its output after every commit when stdout is not a file;
 * GIT_FLUSH=0 lets it fill the pipe in large writes (fewer system calls on both sides).
 */
export const LOG_ENV: Readonly<Record<string, string>> = { GIT_FLUSH: '0' };

export interface LogOptions {
  repo: string;
  /** A revision or range, e.g. HEAD or abc123..main, or several revisions. */
  rev: string | readonly string[];
  since?: string | undefined;
  until?: string | undefined;
  /** Also list each commit's changed paths (for test and doc figures). */
  withNames: boolean;
  /** Also read author time and subject (for journal entries). */
  withDetails?: boolean;
}

/** The exact arguments of the log the miner runs (shared with the benchmark so both run the same). */
export function logArgs(options: LogOptions): string[] {
  return [
    '-C',
    options.repo,
    '-c',
    'core.quotepath=off',
    '-c',
    'log.showSignature=false',
    // The miner applies the mailmap itself (only files inside the repository; see readMailmapText):
    // git must never open a mailmap.file a repository's config points elsewhere.
    '-c',
    'log.mailmap=false',
    '-c',
    'mailmap.file=',
    '-c',
    'mailmap.blob=',
    'log',
    // Merges are read too (a Fixes: line may name one) but never credited; no diff for them.
    '--diff-merges=off',
    '--no-color',
    // Names and messages arrive as UTF-8 whatever i18n.logOutputEncoding says.
    '--encoding=UTF-8',
    '-z',
    `--format=${options.withDetails ? LOG_FORMAT_WITH_DETAILS : LOG_FORMAT}`,
    ...(options.withNames ? ['--name-only', '--no-renames'] : []),
    ...(options.since ? [`--since=${options.since}`] : []),
    ...(options.until ? [`--until=${options.until}`] : []),
    ...(typeof options.rev === 'string' ? [options.rev] : options.rev),
    '--',
  ];
}

/**
 * Runs git, passing each chunk of its output to `onChunk` as it comes (git waits on the full pipe
 * meanwhile) and `input` to its standard input; fails with git's first error line.
 */
async function streamGit(
  command: string,
  args: string[],
  input: string | null,
  onChunk: (chunk: Buffer) => void,
): Promise<void> {
  const child = spawn('git', args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...LOG_ENV } });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d: string) => {
    if (stderr.length < 4000) stderr += d;
  });
  const exited = new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code ?? 1));
  });
  child.stdin.on('error', () => {}); // git gone early: its exit code tells why
  if (input === null) child.stdin.end();
  else child.stdin.end(input);
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) onChunk(chunk);
  } catch (error) {
    child.kill();
    throw error;
  }
  const code = await exited;
  if (code !== 0) {
    throw new AppError(
      'invalid',
      'GIT_FAILED',
      `git ${command} failed: ${stderr.trim().split('\n')[0] ?? `exit ${code}`}`,
    );
  }
}

/**
 * Streams `git log` and calls `onCommit` for each commit (merges marked isMerge), newest first,
 * without ever holding more than one chunk of output.
 */
export async function readLog(options: LogOptions, onCommit: (commit: LoggedCommit) => void): Promise<void> {
  const parser = new LogParser(options.withNames, onCommit);
  await streamGit('log', logArgs(options), null, (chunk) => parser.push(chunk));
  parser.end();
}

/**
 * Calls `onSha` with every commit reachable from `revs` (merges included), from `git rev-list`:
 * shas only, which a repository's commit-graph file makes several times cheaper than a log.
 */
export async function readReachable(
  repo: string,
  revs: readonly string[],
  onSha: (sha: string) => void,
): Promise<void> {
  let rest = '';
  await streamGit('rev-list', ['-C', repo, 'rev-list', ...revs, '--'], null, (chunk) => {
    const text = rest + chunk.toString('latin1');
    const lines = text.split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) if (line) onSha(line);
  });
  if (rest) onSha(rest);
}

/** Calls `onCommit` with the sha and raw author of each of `shas` (one `git log --no-walk`). */
export async function readAuthors(
  repo: string,
  shas: readonly string[],
  onCommit: (commit: LoggedCommit) => void,
): Promise<void> {
  if (shas.length === 0) return;
  const parser = new LogParser(false, onCommit);
  const args = [
    '-C',
    repo,
    '-c',
    'log.mailmap=false',
    '-c',
    'mailmap.file=',
    '-c',
    'mailmap.blob=',
    'log',
    '--no-walk=unsorted',
    '--stdin',
    '--encoding=UTF-8',
    '-z',
    `--format=${AUTHORS_FORMAT}`,
  ];
  await streamGit('log', args, `${shas.join('\n')}\n`, (chunk) => parser.push(chunk));
  parser.end();
}
