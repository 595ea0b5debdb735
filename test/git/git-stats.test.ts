import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mineRepository } from '../../src/git/stats.ts';
import { leadway } from '../helpers/cli.ts';
import { TestRepo } from '../helpers/git-repo.ts';

const alice = { name: 'alice', email: 'alice@old.example' };
const aliceNew = { name: 'Alice Smith', email: 'Alice@Example.com' };
const bob = { name: 'Bob', email: 'bob@example.com' };
const carol = { name: 'Carol', email: 'carol@example.com' };
const dan = { name: 'Dan', email: 'dan@example.com' };

let repo: TestRepo;
const sha: Record<string, string> = {};

beforeAll(() => {
  repo = new TestRepo();
  sha.c1 = repo.commit(alice, 'init', {
    'src/app.c': 'int main(){}\n',
    '.mailmap': [
      'Alice Smith <alice@example.com> <alice@old.example>',
      'Bob Jones <bob@example.com>',
      '<carol@example.com> <CAROL@Personal.example>',
      '',
    ].join('\n'),
  });
  sha.c2 = repo.commit(
    bob,
    'Add tests\n\nReviewed-by: Alice Smith <alice@old.example>\nreviewed-by: Carol <CAROL@personal.example>\nReviewed-by: Carol <carol@example.com>',
    { 'test/app_test.c': 'test\n' },
  );
  sha.c3 = repo.commit(
    carol,
    'Write the guide\n\nCo-authored-by: Dan\n  The Man <dan@example.com>\nAcked-by: Bob <bob@example.com>\nHelped-by: Carol <carol@example.com>',
    { 'docs/guide.md': '# Guide\n' },
  );
  sha.c4 = repo.commit(
    dan,
    `Fix the crash\n\nFixes: ${sha.c1.slice(0, 7)} ("init")\nTested-by: Alice <alice@example.com>`,
    {
      'src/app.c': 'int main(){return 0;}\n',
    },
  );
  sha.c5 = repo.commit(
    aliceNew,
    `Fix my own slip\n\nFixes: ${sha.c1}\nFixes: deadbeefdeadbeef\nMentored-by: Bob <bob@example.com>`,
    {
      'src/app.c': 'int main(){return 1;}\n',
    },
  );
  repo.git('checkout', '-q', '-b', 'side');
  sha.side = repo.commit(dan, 'Side work', { 'side.txt': 'side\n' });
  repo.git('checkout', '-q', 'main');
  repo.gitEnv(
    {
      GIT_AUTHOR_NAME: 'Dan',
      GIT_AUTHOR_EMAIL: 'dan@example.com',
      GIT_AUTHOR_DATE: '2026-01-07T12:00:00Z',
      GIT_COMMITTER_DATE: '2026-01-07T12:00:00Z',
    },
    'merge',
    '-q',
    '--no-ff',
    'side',
    '-m',
    'Merge side\n\nReviewed-by: Alice Smith <alice@example.com>',
  );
  repo.git('mv', 'src/app.c', 'src/main.c');
  sha.c7 = repo.commit(
    bob,
    'Rename app to main\n\nSuggested-by: Dan <dan@example.com>\nReported-by: Dan <dan@example.com>',
  );
  sha.c8 = repo.commitRawName(
    carol,
    'Add notes with a Latin-1 name',
    Buffer.from([0x74, 0xe9, 0x73, 0x74, 0x2e, 0x6d, 0x64]),
  ); // "tést.md" in Latin-1
});

afterAll(() => repo.remove());

const zero = {
  'reviewed-by': 0,
  'acked-by': 0,
  'tested-by': 0,
  'helped-by': 0,
  'mentored-by': 0,
  'suggested-by': 0,
  'reported-by': 0,
  'co-authored-by': 0,
};

describe('leadway git stats', () => {
  it('prints the documented JSON with exact figures', async () => {
    const res = await leadway({}, os.tmpdir(), 'git', 'stats', repo.dir, '--json');
    expect(res.code, res.stderr).toBe(0);
    const stats = JSON.parse(res.stdout);
    expect(stats).toEqual({
      repo: repo.dir,
      rev: 'HEAD',
      commits: 8,
      unresolvedFixes: 1,
      people: [
        {
          email: 'alice@example.com',
          name: 'Alice Smith',
          commits: 2,
          trailers: { ...zero, 'reviewed-by': 1, 'tested-by': 1 },
          fixesOfOthers: 0,
          fixesOfOwn: 1,
          testCommits: 0,
          docCommits: 0, // .mailmap is neither a test nor a doc
          peopleHelped: 2,
        },
        {
          email: 'bob@example.com',
          name: 'Bob Jones',
          commits: 2,
          trailers: { ...zero, 'acked-by': 1, 'mentored-by': 1 },
          fixesOfOthers: 0,
          fixesOfOwn: 0,
          testCommits: 1,
          docCommits: 0,
          peopleHelped: 2,
        },
        {
          email: 'carol@example.com',
          name: 'Carol',
          commits: 2,
          trailers: { ...zero, 'reviewed-by': 1 },
          fixesOfOthers: 0,
          fixesOfOwn: 0,
          testCommits: 0,
          docCommits: 2,
          peopleHelped: 1,
        },
        {
          email: 'dan@example.com',
          name: 'Dan',
          commits: 2,
          trailers: { ...zero, 'co-authored-by': 1, 'suggested-by': 1, 'reported-by': 1 },
          fixesOfOthers: 1,
          fixesOfOwn: 0,
          testCommits: 0,
          docCommits: 1, // side.txt: *.txt counts as documentation by default
          peopleHelped: 1,
        },
      ],
    });
  });

  it('reads a revision or a date range, resolving Fixes: targets outside it among all commits reachable', async () => {
    const upToC3 = await mineRepository({ repo: repo.dir, rev: sha.c3 });
    expect(upToC3.commits).toBe(3);
    const fromC4 = await mineRepository({ repo: repo.dir, since: '2026-01-04T00:00:00Z' });
    expect(fromC4.commits).toBe(5);
    expect(fromC4.unresolvedFixes).toBe(1); // deadbeefdeadbeef; c1 is before the window but reachable
    expect(fromC4.people.find((p) => p.email === 'dan@example.com')).toMatchObject({ fixesOfOthers: 1 });
    expect(fromC4.people.find((p) => p.email === 'alice@example.com')).toMatchObject({ fixesOfOwn: 1 });
    const window = await mineRepository({
      repo: repo.dir,
      since: '2026-01-02T00:00:00Z',
      until: '2026-01-03T23:00:00Z',
    });
    expect(window.commits).toBe(2);
    const range = await mineRepository({ repo: repo.dir, rev: `${sha.c5}..main` });
    expect(range.people.map((p) => [p.email, p.commits])).toEqual([
      ['bob@example.com', 1],
      ['carol@example.com', 1],
      ['dan@example.com', 1], // the side commit; the merge is not counted
    ]);
  });

  it('takes other path patterns for tests and docs', async () => {
    const stats = await mineRepository({ repo: repo.dir, testPatterns: ['src/**'], docPatterns: ['side.txt'] });
    const byEmail = Object.fromEntries(stats.people.map((p) => [p.email, p]));
    expect(byEmail['alice@example.com']).toMatchObject({ testCommits: 2, docCommits: 0 });
    expect(byEmail['dan@example.com']).toMatchObject({ testCommits: 1, docCommits: 1 });
    expect(byEmail['bob@example.com']).toMatchObject({ testCommits: 1 }); // the rename touches src/
  });

  it('prints a readable table without --json', async () => {
    const res = await leadway({}, os.tmpdir(), 'git', 'stats', repo.dir);
    expect(res.stdout).toMatch(/8 non-merge commits, 1 unresolved Fixes: targets/);
    expect(res.stdout).toMatch(/Alice Smith <alice@example.com>/);
  });
});

describe('bad repositories get a one-line error', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'leadway-badrepo-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it.each([
    ['a missing folder', () => path.join(tmp, 'nope'), [], /No such folder/],
    [
      'a folder that is not a repository',
      () => fs.mkdtempSync(path.join(tmp, 'plain-')),
      [],
      /is not a git repository/,
    ],
    [
      'an empty repository',
      () => {
        const dir = fs.mkdtempSync(path.join(tmp, 'empty-'));
        execFileSync('git', ['init', '-q', dir]);
        return dir;
      },
      [],
      /has no commits yet/,
    ],
    ['an unknown revision', () => repo.dir, ['--rev', 'no-such-branch'], /Unknown revision "no-such-branch"/],
    [
      'a shallow clone',
      () => {
        const dir = path.join(tmp, 'shallow');
        execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo.dir}`, dir]);
        return dir;
      },
      [],
      /shallow clone/,
    ],
  ])('%s', async (_name, makeRepo, extra, message) => {
    const res = await leadway({}, tmp, 'git', 'stats', makeRepo(), ...extra, '--json');
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(message);
    expect(res.stderr.trim().split('\n')[0]).toMatch(/^Error: /);
    expect(res.stderr).not.toMatch(/\n\s+at /);
    expect(res.stdout).toBe('');
  });
});
