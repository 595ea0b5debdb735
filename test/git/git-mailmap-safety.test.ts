import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mineRepository } from '../../src/git/stats.ts';
import type { ServiceContext } from '../../src/services/context.ts';
import { importRepository, registerRepository } from '../../src/services/git/repositories.ts';
import { createPerson } from '../../src/services/people/people.ts';
import { leadway } from '../helpers/cli.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases.ts';
import { testContext } from '../helpers/factories.ts';
import { TestRepo } from '../helpers/git-repo.ts';

// A registered repository's config (or work tree) is written by its developers, not by the
// server's admin: its mailmap settings must not make the server read files outside it.

const alice = { name: 'Alice', email: 'alice@example.com' };
const LEAK = 'Leaked Name <leaked@example.com> <alice@example.com>\n';
const GOOD = 'Alice Smith <alice.smith@example.com> <alice@example.com>\n';

let outside: string;
let leakFile: string;
let fifo: string;

/** Lets a process blocked opening the FIFO for reading go on (it reads end of file). */
function releaseFifo(file: string) {
  for (let i = 0; i < 5; i++) {
    try {
      fs.closeSync(fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK));
    } catch {
      return; // ENXIO: nobody is waiting
    }
  }
}

beforeAll(() => {
  outside = fs.mkdtempSync(path.join(os.tmpdir(), 'leadway-outside-'));
  leakFile = path.join(outside, 'leak.map');
  fs.writeFileSync(leakFile, LEAK);
  fifo = path.join(outside, 'fifo.map');
  execFileSync('mkfifo', [fifo]);
});
afterAll(() => {
  releaseFifo(fifo);
  fs.rmSync(outside, { recursive: true, force: true });
});

const identities = async (repo: string, warnings: string[] = []) =>
  (await mineRepository({ repo, onWarning: (w) => warnings.push(w) })).people.map((p) => `${p.name} <${p.email}>`);

describe('mailmap files are read only from inside the repository', () => {
  let repo: TestRepo;
  beforeEach(() => {
    repo = new TestRepo();
    repo.commit(alice, 'Work', { 'src/a.c': 'a\n', 'maps/team.map': GOOD });
  });
  afterEach(() => repo.remove());

  it.each([
    ['an absolute path outside', () => leakFile],
    ['a relative path leading outside', () => path.relative(repo.dir, leakFile)],
    [
      'a symlink inside the repository to a file outside',
      () => {
        fs.symlinkSync(leakFile, path.join(repo.dir, 'maps', 'link.map'));
        return 'maps/link.map';
      },
    ],
  ])('ignores a mailmap.file given as %s, and says so', async (_name, target) => {
    repo.git('config', 'mailmap.file', target());
    const warnings: string[] = [];
    expect(await identities(repo.dir, warnings)).toEqual(['Alice <alice@example.com>']);
    expect(warnings).toEqual([expect.stringMatching(/^mailmap\.file ".*" is ignored: only a regular file inside/)]);

    const res = await leadway({}, os.tmpdir(), 'git', 'stats', repo.dir, '--json');
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).not.toMatch(/leaked/i);
  });

  it('ignores a work-tree .mailmap that is a symlink, as git does', async () => {
    fs.symlinkSync(leakFile, path.join(repo.dir, '.mailmap'));
    const warnings: string[] = [];
    expect(await identities(repo.dir, warnings)).toEqual(['Alice <alice@example.com>']);
    expect(warnings).toEqual(['.mailmap is a symlink; it is ignored (as git does).']);
  });

  it('ignores mailmap.file in a bare repository when it points outside', async () => {
    const bare = `${fs.mkdtempSync(path.join(os.tmpdir(), 'leadway-bare-'))}/shop.git`;
    try {
      execFileSync('git', ['clone', '-q', '--bare', repo.dir, bare]);
      execFileSync('git', ['-C', bare, 'config', 'mailmap.file', leakFile]);
      expect(await identities(bare)).toEqual(['Alice <alice@example.com>']);
    } finally {
      fs.rmSync(path.dirname(bare), { recursive: true, force: true });
    }
  });

  it('still applies a mailmap.file inside the work tree or the git folder, and mailmap.blob', async () => {
    repo.git('config', 'mailmap.file', 'maps/team.map');
    expect(await identities(repo.dir)).toEqual(['Alice Smith <alice.smith@example.com>']);

    fs.writeFileSync(
      path.join(repo.dir, '.git', 'team.map'),
      'Alice Git <alice.git@example.com> <alice@example.com>\n',
    );
    repo.git('config', 'mailmap.file', path.join(repo.dir, '.git', 'team.map'));
    expect(await identities(repo.dir)).toEqual(['Alice Git <alice.git@example.com>']);

    repo.git('config', '--unset', 'mailmap.file');
    repo.git('config', 'mailmap.blob', 'HEAD:maps/team.map');
    expect(await identities(repo.dir)).toEqual(['Alice Smith <alice.smith@example.com>']);
  });

  // A FIFO blocks whoever opens it for reading: if git (or our code) read the file, mining would
  // hang. git log loads mailmap.file by itself while log.mailmap is on, even for %an/%ae.
  it('does not let git read an outside mailmap.file either', { timeout: 15_000 }, async () => {
    repo.git('config', 'mailmap.file', fifo);
    try {
      expect(await identities(repo.dir)).toEqual(['Alice <alice@example.com>']);
    } finally {
      releaseFifo(fifo);
    }
  });

  it('does not block on a FIFO inside the repository', { timeout: 15_000 }, async () => {
    const inside = path.join(repo.dir, 'maps', 'fifo.map');
    execFileSync('mkfifo', [inside]);
    repo.git('config', 'mailmap.file', 'maps/fifo.map');
    try {
      expect(await identities(repo.dir)).toEqual(['Alice <alice@example.com>']);
    } finally {
      releaseFifo(inside);
    }
  });
});

describe.each(ENGINES)('git import with an outside mailmap on %s', (engine) => {
  let database: TestDatabase;
  let ctx: ServiceContext;
  let repo: TestRepo;
  beforeEach(async () => {
    database = await createTestDatabase(engine);
    ctx = testContext(database.db);
    repo = new TestRepo();
  });
  afterEach(async () => {
    releaseFifo(fifo);
    await database.destroy();
    repo.remove();
  });

  it('credits the raw identity, never the leaked one', async () => {
    const c1 = repo.commit({ name: 'Carol', email: 'carol@example.com' }, 'Add the feature', { 'src/a.c': 'a\n' });
    repo.commit(alice, 'Test the feature', { 'tests/a_test.py': 't\n' });
    repo.git('config', 'mailmap.file', leakFile);
    const aliceId = (await createPerson(ctx, { name: 'Alice', email: 'alice@example.com', roleTitle: 'Dev' })).id;
    await createPerson(ctx, { name: 'Leaked', email: 'leaked@example.com', roleTitle: 'Dev' });
    const registered = await registerRepository(ctx, { path: repo.dir });
    const first = await importRepository(ctx, registered.id);
    expect(first.people).toEqual([{ personId: aliceId, email: 'alice@example.com', credits: 1 }]);

    // The next import finds the author of a Fixes: target before its range with a `git log` of
    // its own; git would hang there if it read the FIFO.
    repo.commit(alice, `Fix the feature\n\nFixes: ${c1.slice(0, 10)}`);
    repo.git('config', 'mailmap.file', fifo);
    const second = await importRepository(ctx, registered.id);
    expect(second).toMatchObject({ commitsRead: 1, creditsAdded: 1 });
    expect(second.people).toEqual([{ personId: aliceId, email: 'alice@example.com', credits: 1 }]);
  }, 15_000);
});
