import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Someone who commits: name and email as git records them. */
export interface Author {
  name: string;
  email: string;
}

/** A scratch git repository in a temp folder with a scripted history. */
export class TestRepo {
  readonly dir: string;
  private day = 0;

  constructor() {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadway-git-'));
    this.git('init', '-q', '-b', 'main');
  }

  /** Runs git in the repository with a fixed committer and the given environment. */
  git(...args: string[]): string {
    return this.gitEnv({}, ...args);
  }

  gitEnv(env: Record<string, string>, ...args: string[]): string {
    return this.gitInput(env, undefined, ...args);
  }

  /** Runs git with `input` on its standard input. */
  gitInput(env: Record<string, string>, input: string | Buffer | undefined, ...args: string[]): string {
    return execFileSync('git', args, {
      cwd: this.dir,
      encoding: 'utf8',
      ...(input === undefined ? {} : { input }),
      env: {
        ...process.env,
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_CONFIG_GLOBAL: '/dev/null',
        GIT_COMMITTER_NAME: 'Committer',
        GIT_COMMITTER_EMAIL: 'committer@example.com',
        ...env,
      },
    });
  }

  /** Writes files (path → content; a Buffer path name allowed via raw bytes) and commits them as `author`, one day after the last commit. */
  commit(author: Author, message: string, files: Record<string, string> = {}): string {
    for (const [name, content] of Object.entries(files)) {
      const file = path.join(this.dir, name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
    }
    this.git('add', '-A');
    this.day++;
    const date = new Date(Date.UTC(2026, 0, this.day, 12)).toISOString().replace('.000', '');
    this.gitEnv(
      { GIT_AUTHOR_NAME: author.name, GIT_AUTHOR_EMAIL: author.email, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
      'commit',
      '-q',
      '--allow-empty',
      '-m',
      message,
    );
    return this.git('rev-parse', 'HEAD').trim();
  }

  /**
   * Writes a commit object exactly as given, for what `git commit` would refuse or tidy: an author
   * line such as `Jonathan Nieder <jrnieder <at> gmail.com>` (raw bytes allowed), several parents,
   * an `encoding` header. Tree of HEAD, parents default to HEAD; the current branch moves to it.
   */
  rawCommit(options: {
    author: string | Buffer;
    message: string | Buffer;
    parents?: string[];
    encoding?: string;
  }): string {
    this.day++;
    const when = Date.UTC(2026, 0, this.day, 12) / 1000;
    const parents = options.parents ?? [this.git('rev-parse', 'HEAD').trim()];
    const tree = parents[0]
      ? this.git('rev-parse', `${parents[0]}^{tree}`).trim()
      : this.gitInput({}, '', 'mktree').trim();
    const object = Buffer.concat([
      Buffer.from(`tree ${tree}\n`),
      ...parents.map((p) => Buffer.from(`parent ${p}\n`)),
      Buffer.from('author '),
      Buffer.from(options.author),
      Buffer.from(` ${when} +0000\ncommitter Committer <committer@example.com> ${when} +0000\n`),
      Buffer.from(options.encoding ? `encoding ${options.encoding}\n` : ''),
      Buffer.from('\n'),
      Buffer.from(options.message),
      Buffer.from('\n'),
    ]);
    const sha = this.gitInput({}, object, 'hash-object', '-t', 'commit', '-w', '--literally', '--stdin').trim();
    this.git('update-ref', 'HEAD', sha);
    return sha;
  }

  /** Adds a file whose name is raw bytes (not UTF-8) and commits it. */
  commitRawName(author: Author, message: string, nameBytes: Buffer): string {
    fs.writeFileSync(Buffer.concat([Buffer.from(`${this.dir}/`), nameBytes]), 'x');
    return this.commit(author, message);
  }

  remove() {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
