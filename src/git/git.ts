import { execFile } from 'node:child_process';
import fs from 'node:fs';
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
  if (rev.startsWith('-')) throw new AppError('invalid', 'UNKNOWN_REVISION', `"${rev}" is not a revision.`);
  // A range (a..b or a...b) is checked end by end; the commit it names is its right-hand end.
  const ends = (rev.includes('..') ? rev.split(/\.\.\.?/) : [rev]).map((e) => e || 'HEAD');
  const shas = await Promise.all(
    ends.map(async (end) => {
      try {
        return (await git(abs, ['rev-parse', '--verify', '--quiet', `${end}^{commit}`])).trim();
      } catch {
        if (end === 'HEAD' && !(await succeeds(abs, ['rev-parse', '--verify', '--quiet', 'HEAD']))) {
          throw new AppError('invalid', 'EMPTY_REPOSITORY', `${abs} has no commits yet.`);
        }
        throw new AppError('invalid', 'UNKNOWN_REVISION', `Unknown revision "${end}" in ${abs}.`);
      }
    }),
  );
  return { path: abs, rev, sha: shas[shas.length - 1] ?? '', isBare: flags[1] === 'true' };
}

/**
 * The .mailmap text git would use: the work tree's .mailmap (or HEAD:.mailmap in a bare
 * repository), then the files named by mailmap.file and mailmap.blob.
 */
export async function readMailmapText(repo: CheckedRepository): Promise<string> {
  const [top, config] = await Promise.all([
    repo.isBare ? Promise.resolve('') : git(repo.path, ['rev-parse', '--show-toplevel']).then((t) => t.trim()),
    git(repo.path, ['config', '--get-regexp', '^mailmap\\.']).catch(() => ''),
  ]);
  const settings = new Map(
    config
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf(' ')).toLowerCase(), line.slice(line.indexOf(' ') + 1)] as const),
  );
  const parts: string[] = [];
  const workTreeFile = top ? path.join(top, '.mailmap') : '';
  if (workTreeFile && fs.existsSync(workTreeFile)) parts.push(fs.readFileSync(workTreeFile, 'utf8'));
  // In a bare repository git reads HEAD:.mailmap unless mailmap.blob says otherwise.
  const blob = settings.get('mailmap.blob') ?? (repo.isBare ? 'HEAD:.mailmap' : '');
  if (blob) parts.push(await git(repo.path, ['cat-file', 'blob', blob]).catch(() => ''));
  const file = settings.get('mailmap.file');
  if (file) {
    const resolved = file.startsWith('~/')
      ? path.join(process.env.HOME ?? '', file.slice(2))
      : path.resolve(top || repo.path, file);
    if (fs.existsSync(resolved)) parts.push(fs.readFileSync(resolved, 'utf8'));
  }
  return parts.join('\n');
}
