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
  if (!(await succeeds(abs, ['rev-parse', '--git-dir']))) {
    throw new AppError('invalid', 'NOT_A_REPOSITORY', `${abs} is not a git repository.`);
  }
  if ((await git(abs, ['rev-parse', '--is-shallow-repository'])).trim() === 'true') {
    throw new AppError(
      'invalid',
      'SHALLOW_REPOSITORY',
      `${abs} is a shallow clone: its history is cut short, so the figures would be wrong. Run \`git fetch --unshallow\` there first.`,
    );
  }
  if (rev.startsWith('-')) throw new AppError('invalid', 'UNKNOWN_REVISION', `"${rev}" is not a revision.`);
  // A range (a..b or a...b) is checked end by end; the commit it names is its right-hand end.
  const ends = rev.includes('..') ? rev.split(/\.\.\.?/) : [rev];
  let sha = '';
  for (const end of ends.map((e) => e || 'HEAD')) {
    try {
      sha = (await git(abs, ['rev-parse', '--verify', '--quiet', `${end}^{commit}`])).trim();
    } catch {
      if (end === 'HEAD' && !(await succeeds(abs, ['rev-parse', '--verify', '--quiet', 'HEAD']))) {
        throw new AppError('invalid', 'EMPTY_REPOSITORY', `${abs} has no commits yet.`);
      }
      throw new AppError('invalid', 'UNKNOWN_REVISION', `Unknown revision "${end}" in ${abs}.`);
    }
  }
  const isBare = (await git(abs, ['rev-parse', '--is-bare-repository'])).trim() === 'true';
  return { path: abs, rev, sha, isBare };
}

/**
 * The .mailmap text git would use: the work tree's .mailmap (or HEAD:.mailmap in a bare
 * repository), then the files named by mailmap.file and mailmap.blob.
 */
export async function readMailmapText(repo: CheckedRepository): Promise<string> {
  const parts: string[] = [];
  if (!repo.isBare) {
    const top = (await git(repo.path, ['rev-parse', '--show-toplevel'])).trim();
    const file = path.join(top, '.mailmap');
    if (fs.existsSync(file)) parts.push(fs.readFileSync(file, 'utf8'));
  }
  const blob = (
    await git(repo.path, ['config', '--default', repo.isBare ? 'HEAD:.mailmap' : '', 'mailmap.blob'])
  ).trim();
  if (blob && (await succeeds(repo.path, ['cat-file', '-e', blob])))
    parts.push(await git(repo.path, ['cat-file', 'blob', blob]));
  const configured = (await git(repo.path, ['config', '--default', '', '--path', 'mailmap.file'])).trim();
  if (configured && fs.existsSync(configured)) parts.push(fs.readFileSync(configured, 'utf8'));
  return parts.join('\n');
}
