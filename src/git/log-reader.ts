import { spawn } from 'node:child_process';
import { AppError } from '../domain/errors.ts';
import type { MinedCommit } from '../domain/git/credit.ts';

/** A commit as read from the log, with what the journal import needs besides the credit figures. */
export interface LoggedCommit extends MinedCommit {
  /** Author time, seconds since the epoch. */
  authorTime: number;
  subject: string;
}

/**
 * The `git log` formats the miner reads (and the benchmark's baseline prints): a record marker,
 * then sha, author name, author email, [author time, subject,] and the trailers (git parses them,
 * unfolding continuation lines), separated by US characters. The figures need no time or
 * subject; the journal import does, and pays for the extra bytes only then.
 */
export const LOG_FORMAT = '%x1e%x1e%H%x1f%an%x1f%ae%x1f%x1f%x1f%(trailers:only,unfold)';
export const LOG_FORMAT_WITH_DETAILS = '%x1e%x1e%H%x1f%an%x1f%ae%x1f%at%x1f%s%x1f%(trailers:only,unfold)';

export interface LogOptions {
  repo: string;
  /** A revision or range, e.g. HEAD or abc123..main. */
  rev: string;
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
    '--no-merges',
    '--no-color',
    '-z',
    `--format=${options.withDetails ? LOG_FORMAT_WITH_DETAILS : LOG_FORMAT}`,
    ...(options.withNames ? ['--name-only', '--no-renames'] : []),
    ...(options.since ? [`--since=${options.since}`] : []),
    ...(options.until ? [`--until=${options.until}`] : []),
    options.rev,
    '--',
  ];
}

function parseHeader(text: string): LoggedCommit {
  const [sha = '', authorName = '', authorEmail = '', time = '0', subject = '', trailerText = ''] = text.split('\x1f');
  const trailers: Array<{ key: string; value: string }> = [];
  for (const line of trailerText.split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) trailers.push({ key: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
  }
  return { sha, authorName, authorEmail, authorTime: Number(time), subject, trailers };
}

/**
 * Streams `git log` and calls `onCommit` for each non-merge commit, newest first, without ever
 * holding more than one chunk of output. Paths are read as raw bytes (latin1), so names that are
 * not UTF-8 reach the path patterns unchanged.
 */
export async function readLog(options: LogOptions, onCommit: (commit: LoggedCommit) => void): Promise<void> {
  const child = spawn('git', logArgs(options), { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d: string) => {
    if (stderr.length < 4000) stderr += d;
  });
  const exited = new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code ?? 1));
  });

  let pending: LoggedCommit | null = null;
  let expectFirstFile = false;
  let rest: Buffer = Buffer.alloc(0);
  const flush = () => {
    if (pending) onCommit(pending);
    pending = null;
  };
  for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
    const buf = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
    let start = 0;
    for (let nul = buf.indexOf(0, start); nul !== -1; nul = buf.indexOf(0, start)) {
      if (buf[start] === 0x1e && buf[start + 1] === 0x1e) {
        flush();
        pending = parseHeader(buf.toString('utf8', start + 2, nul));
        if (options.withNames) pending.files = [];
        expectFirstFile = true;
      } else if (pending?.files) {
        // The first path after a header starts with a newline.
        const from = expectFirstFile && buf[start] === 0x0a ? start + 1 : start;
        if (nul > from) pending.files.push(buf.toString('latin1', from, nul));
        expectFirstFile = false;
      }
      start = nul + 1;
    }
    rest = start < buf.length ? Buffer.from(buf.subarray(start)) : Buffer.alloc(0);
  }
  // Without --name-only the last record is not followed by a NUL.
  if (rest.length > 2 && rest[0] === 0x1e && rest[1] === 0x1e) {
    flush();
    pending = parseHeader(rest.toString('utf8', 2).replace(/\n$/, ''));
  }
  flush();
  const code = await exited;
  if (code !== 0) {
    throw new AppError('invalid', 'GIT_FAILED', `git log failed: ${stderr.trim().split('\n')[0] ?? `exit ${code}`}`);
  }
}
