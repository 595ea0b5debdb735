import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { AppError } from '../domain/errors.ts';

const exec = promisify(execFile);

/** Runs a short git command in a repository and returns its stdout; throws with git's first error line. */
export async function git(repo: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await exec('git', ['-C', repo, ...args], { maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' });
    return stdout;
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT')
      throw new AppError('precondition', 'GIT_MISSING', 'The git command was not found; install git.');
    throw new AppError('invalid', 'GIT_FAILED', (e.stderr ?? e.message).trim().split('\n')[0] ?? 'git failed');
  }
}

async function succeeds(repo: string, args: string[]): Promise<boolean> {
  try {
    await exec('git', ['-C', repo, ...args]);
    return true;
  } catch {
    return false;
  }
}

/** A repository checked to be readable, complete and to have the revision asked for. */
export interface CheckedRepository {
  /** Absolute path as given. */
  path: string;
  /** The revision to read (as given, default HEAD) and the commit it names. */
  rev: string;
  sha: string;
  isBare: boolean;
}

/**
 * Checks a repository before mining it and explains each way it can be unusable: missing or
 * unreadable folder, not a repository, shallow clone, no commits, unknown revision.
 */
export async function checkRepository(repoPath: string, rev = 'HEAD'): Promise<CheckedRepository> {
  const abs = path.resolve(repoPath);
  // Checked first: the answer must not depend on what is at the path.
  if (rev.startsWith('-')) throw new AppError('invalid', 'UNKNOWN_REVISION', `"${rev}" is not a revision.`);
  try {
    fs.accessSync(abs, fs.constants.R_OK | fs.constants.X_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new AppError(
      'invalid',
      code === 'ENOENT' ? 'REPO_NOT_FOUND' : 'REPO_UNREADABLE',
      code === 'ENOENT' ? `No such folder: ${abs}.` : `Cannot read ${abs}: permission denied.`,
    );
  }
  if (!fs.statSync(abs).isDirectory())
    throw new AppError('invalid', 'NOT_A_REPOSITORY', `${abs} is a file, not a git repository.`);
  // One rev-parse answers "is it a repository, is it shallow, is it bare" (each spawn costs ~10 ms).
  let flags: string[];
  try {
    flags = (await git(abs, ['rev-parse', '--is-shallow-repository', '--is-bare-repository'])).trim().split('\n');
  } catch {
    throw new AppError('invalid', 'NOT_A_REPOSITORY', `${abs} is not a git repository.`);
  }
  if (flags[0] === 'true') {
    throw new AppError(
      'invalid',
      'SHALLOW_REPOSITORY',
      `${abs} is a shallow clone: its history is cut short, so the figures would be wrong. Run \`git fetch --unshallow\` there first.`,
    );
  }
  // A range (a..b or a...b) is checked end by end; the commit it names is its right-hand end.
  const ends = (rev.includes('..') ? rev.split(/\.\.\.?/) : [rev]).map((e) => e || 'HEAD');
  const shas = await Promise.all(
    ends.map(async (end) => {
      try {
        return (await git(abs, ['rev-parse', '--verify', '--quiet', `${end}^{commit}`])).trim();
      } catch {
        // Whatever revision was asked for: an unknown one is told apart only in a repository with
        // commits (one that could be registered anyway).
        if (!(await succeeds(abs, ['rev-parse', '--verify', '--quiet', 'HEAD']))) {
          throw new AppError('invalid', 'EMPTY_REPOSITORY', `${abs} has no commits yet.`);
        }
        throw new AppError('invalid', 'UNKNOWN_REVISION', `Unknown revision "${end}" in ${abs}.`);
      }
    }),
  );
  return { path: abs, rev, sha: shas[shas.length - 1] ?? '', isBare: flags[1] === 'true' };
}

/**
 * Git config that keeps git from reading any mailmap by itself. The miner reads raw identities
 * (%an/%ae, never %aN/%aE) and applies the mailmap it vetted (readMailmapText) in its own code;
 * but `git log` loads the mailmap anyway while log.mailmap is on (its default since git 2.23), so
 * a repository whose config names an outside mailmap.file would still make git open that file
 * (a FIFO there hangs the import). Given with the command's scope, these beat the repository's
 * config.
 */
export const NO_GIT_MAILMAP: Readonly<Record<string, string>> = {
  'log.mailmap': 'false',
  'mailmap.file': '',
  'mailmap.blob': '',
};

/**
 * Runs `start` with extra git config in the environment (GIT_CONFIG_COUNT, git 2.31+: command
 * scope, like `-c`), then puts the environment back. Only git processes spawned synchronously by
 * `start` (before its first await) get the config; spawn copies the environment at once and no
 * other code runs in between, so nothing else sees it. For spawns whose arguments are built
 * elsewhere (readLog's logArgs); where the arguments are at hand, pass `-c` instead.
 */
export function withGitConfig<T>(config: Readonly<Record<string, string>>, start: () => T): T {
  const env = process.env;
  const before = new Map<string, string | undefined>();
  const set = (key: string, value: string) => {
    if (!before.has(key)) before.set(key, env[key]);
    env[key] = value;
  };
  let count = Number.parseInt(env.GIT_CONFIG_COUNT ?? '0', 10) || 0;
  for (const [key, value] of Object.entries(config)) {
    set(`GIT_CONFIG_KEY_${count}`, key);
    set(`GIT_CONFIG_VALUE_${count}`, value);
    count++;
  }
  set('GIT_CONFIG_COUNT', String(count));
  try {
    return start();
  } finally {
    for (const [key, value] of before) {
      if (value === undefined) delete env[key];
      else env[key] = value;
    }
  }
}

/** Is `file` (a real path) inside one of the real folders `roots`? */
function isInside(file: string, roots: string[]): boolean {
  return roots.some((root) => file.startsWith(root.endsWith(path.sep) ? root : root + path.sep));
}

/**
 * Reads a regular file without following a symlink at its last component and without blocking
 * on a FIFO or device; null when it is missing or anything but a regular file.
 */
function readRegularFile(file: string): string | null {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
  } catch {
    return null; // missing, a symlink (ELOOP), unreadable
  }
  try {
    return fs.fstatSync(fd).isFile() ? fs.readFileSync(fd, 'utf8') : null;
  } catch {
    return null;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The .mailmap text to apply, read only from inside the repository: the work tree's .mailmap (or
 * HEAD:.mailmap in a bare repository), then the blob named by mailmap.blob, then the file named by
 * mailmap.file. Whoever can write a repository's config (or its work tree) must not make the
 * server read other files, so:
 * - the work tree's .mailmap is not followed when it is a symlink (as git does since 2.32);
 * - mailmap.file counts only when its real path (symlinks resolved, a relative path taken from
 *   the work tree, or the git dir of a bare repository, as git does) is a regular file inside the
 *   work tree or the git dir; anything else is ignored and `onWarning` says so (the same words
 *   whatever the reason, so the warning tells nothing about files outside);
 * - mailmap.blob names an object of the repository itself, read with `git cat-file`.
 * Git itself must not read these settings either: run git log under NO_GIT_MAILMAP.
 */
export async function readMailmapText(
  repo: CheckedRepository,
  onWarning: (message: string) => void = () => {},
): Promise<string> {
  const [top, dirs, config] = await Promise.all([
    repo.isBare ? Promise.resolve('') : git(repo.path, ['rev-parse', '--show-toplevel']).then((t) => t.trim()),
    git(repo.path, ['rev-parse', '--absolute-git-dir', '--git-common-dir']).then((out) =>
      out
        .trim()
        .split('\n')
        .map((dir) => path.resolve(repo.path, dir)),
    ),
    // -z: "key\nvalue\0" per setting, so a value may hold any character.
    git(repo.path, ['config', '-z', '--get-regexp', '^mailmap\\.']).catch(() => ''),
  ]);
  const settings = new Map(
    config
      .split('\0')
      .filter(Boolean)
      .map((entry) => {
        const newline = entry.indexOf('\n');
        return newline === -1
          ? ([entry.toLowerCase(), ''] as const)
          : ([entry.slice(0, newline).toLowerCase(), entry.slice(newline + 1)] as const);
      }),
  );
  const roots = [...new Set([top, ...dirs].filter(Boolean))].flatMap((dir) => {
    try {
      return [fs.realpathSync(dir)];
    } catch {
      return [];
    }
  });

  const parts: string[] = [];
  if (top) {
    const text = readRegularFile(path.join(top, '.mailmap'));
    if (text !== null) parts.push(text);
    else if (fs.lstatSync(path.join(top, '.mailmap'), { throwIfNoEntry: false })?.isSymbolicLink()) {
      onWarning('.mailmap is a symlink; it is ignored (as git does).');
    }
  }
  // In a bare repository git reads HEAD:.mailmap unless mailmap.blob says otherwise.
  const blob = settings.get('mailmap.blob') ?? (repo.isBare ? 'HEAD:.mailmap' : '');
  if (blob && !blob.startsWith('-')) parts.push(await git(repo.path, ['cat-file', 'blob', blob]).catch(() => ''));
  const file = settings.get('mailmap.file');
  if (file) {
    // "~/" is the user's home, as git reads it (os.homedir() honours HOME like git does).
    const resolved = file.startsWith('~/')
      ? path.join(os.homedir(), file.slice(2))
      : path.resolve(top || repo.path, file);
    let real = '';
    try {
      real = fs.realpathSync(resolved);
    } catch {
      // missing: ignored, as git does
    }
    const text = real && isInside(real, roots) ? readRegularFile(real) : null;
    if (text !== null) parts.push(text);
    else {
      onWarning(
        `mailmap.file "${file}" is ignored: only a regular file inside the repository (its work tree or git folder) is read.`,
      );
    }
  }
  return parts.join('\n');
}
