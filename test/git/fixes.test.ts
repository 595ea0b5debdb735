import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mineRepository } from '../../src/git/stats.ts';
import { TestRepo } from '../helpers/git-repo.ts';

// Fixes: lines wherever they stand in a message, resolved among every commit reachable from the
// revision read (merges included), counted once per fixing commit.

const alice = { name: 'Alice', email: 'alice@example.com' };
const bob = { name: 'Bob', email: 'bob@example.com' };
const carol = { name: 'Carol', email: 'carol@example.com' };
const dan = { name: 'Dan', email: 'dan@example.com' };

/**
 * Writes two sibling commits (children of `parent`, by Dan) whose shas share their first 7 hex
 * digits, and a merge of both: a birthday search over commit objects differing by a counter in
 * the message (about 20,000 candidates hashed here; bounded, the odds of failing are ~e^-150).
 */
function prefixTwins(repo: TestRepo, parent: string): { a: string; b: string } {
  const tree = repo.git('rev-parse', `${parent}^{tree}`).trim();
  const object = (n: number) => {
    const when = 1_767_700_000;
    return Buffer.from(
      `tree ${tree}\nparent ${parent}\nauthor Dan <dan@example.com> ${when} +0000\n` +
        `committer Committer <committer@example.com> ${when} +0000\n\nSibling ${n}\n`,
    );
  };
  const sha = (body: Buffer) =>
    createHash('sha1')
      .update(Buffer.concat([Buffer.from(`commit ${body.length}\0`), body]))
      .digest('hex');
  const seen = new Map<string, number>();
  for (let n = 0; n < 400_000; n++) {
    const prefix = sha(object(n)).slice(0, 7);
    const earlier = seen.get(prefix);
    if (earlier === undefined) {
      seen.set(prefix, n);
      continue;
    }
    const [a, b] = [earlier, n].map((i) =>
      repo.gitInput({}, object(i), 'hash-object', '-t', 'commit', '-w', '--stdin').trim(),
    ) as [string, string];
    expect(a.slice(0, 7)).toBe(b.slice(0, 7));
    repo.rawCommit({ author: 'Dan <dan@example.com>', message: 'Merge the twins', parents: [a, b] });
    return { a, b };
  }
  throw new Error('no two shas sharing 7 hex digits among 400,000 commits');
}

let repo: TestRepo;
const sha: Record<string, string> = {};

beforeAll(() => {
  repo = new TestRepo();
  sha.c1 = repo.commit(alice, 'Add the parser', { 'src/parser.c': 'p\n' });
  sha.c2 = repo.commit(bob, 'Add the cache', { 'src/cache.c': 'c\n' });
  sha.side = repo.rawCommit({ author: 'Carol <carol@example.com>', message: 'Side work', parents: [sha.c2] });
  sha.merge = repo.rawCommit({
    author: 'Carol <carol@example.com>',
    message: "Merge branch 'side'",
    parents: [sha.c2, sha.side],
  });
  const twins = prefixTwins(repo, sha.merge);
  sha.twinA = twins.a;
  // A commit that exists in the repository but is not reachable from HEAD.
  const tree = repo.git('rev-parse', 'HEAD^{tree}').trim();
  sha.unreachable = repo
    .gitInput(
      {},
      `tree ${tree}\nauthor Bob <bob@example.com> 1767700000 +0000\ncommitter C <c@example.com> 1767700000 +0000\n\nNever merged\n`,
      'hash-object',
      '-t',
      'commit',
      '-w',
      '--stdin',
    )
    .trim();
  repo.git('update-ref', 'refs/heads/never-merged', sha.unreachable);

  // DPDK: Fixes: and Cc: stable in a paragraph of their own above the sign-offs, where git's
  // trailer parser does not look.
  sha.f1 = repo.commit(
    dan,
    `parser: fix the crash\n\nThe parser crashed on empty input.\n\nFixes: ${sha.c1.slice(0, 12)} ("Add the parser")\nCc: stable@dpdk.org\n\nSigned-off-by: Dan <dan@example.com>\nReviewed-by: Bob <bob@example.com>`,
  );
  // Two targets, one her own and one Bob's: one fix of others and one of her own.
  sha.f2 = repo.commit(
    alice,
    `Fix two things\n\nFixes: ${sha.c1.slice(0, 8)} ("Add the parser")\nFixes: ${sha.c2.slice(0, 10)} ("Add the cache")\n\nSigned-off-by: Alice <alice@example.com>`,
  );
  // A merge commit resolves (it is Carol's).
  sha.f3 = repo.commit(bob, `Fix the merge\n\nFixes: ${sha.merge.slice(0, 10)} ("Merge branch 'side'")`);
  // Not commit ids: counted nowhere.
  sha.f4 = repo.commit(
    carol,
    'Fix reported issues\n\nFixes: https://github.com/example/shop/issues/1\nFixes: #123\nFixes: the login page',
  );
  // Ambiguous, not in history, not reachable: three unresolved.
  sha.f5 = repo.commit(
    dan,
    `Fix more\n\nFixes: ${sha.twinA.slice(0, 7)}\nFixes: deadbeefdeadbeef ("gone")\nFixes: ${sha.unreachable.slice(0, 12)}`,
  );
  // A longer prefix tells the twins apart: Dan's own.
  sha.f6 = repo.commit(dan, `Fix a twin\n\nFixes: ${sha.twinA}`);
  // In the subject: not counted.
  sha.f7 = repo.commit(bob, `Fixes: ${sha.c1.slice(0, 12)} in the subject only`);
});
afterAll(() => repo.remove());

const figures = (stats: Awaited<ReturnType<typeof mineRepository>>) =>
  stats.people.map((p) => [p.email, p.commits, p.fixesOfOthers, p.fixesOfOwn]);

describe('Fixes: lines', () => {
  it('are read wherever they stand, resolved among reachable commits, and counted once per commit', async () => {
    for (const withoutPaths of [false, true]) {
      const stats = await mineRepository({ repo: repo.dir, withoutPaths });
      expect(stats.commits).toBe(12);
      expect(stats.unresolvedFixes).toBe(3);
      expect(figures(stats)).toEqual([
        ['alice@example.com', 2, 1, 1],
        ['bob@example.com', 3, 1, 0],
        ['carol@example.com', 2, 0, 0],
        ['dan@example.com', 5, 1, 1],
      ]);
      expect(stats.people.find((p) => p.email === 'bob@example.com')?.trailers['reviewed-by']).toBe(1);
    }
  });

  it('resolve targets before a range or a date window among every commit reachable from it', async () => {
    const range = await mineRepository({ repo: repo.dir, rev: `${sha.f2}..HEAD` });
    expect(range.commits).toBe(5);
    expect(range.unresolvedFixes).toBe(3);
    expect(figures(range)).toEqual([
      ['bob@example.com', 2, 1, 0],
      ['carol@example.com', 1, 0, 0],
      ['dan@example.com', 2, 0, 1],
    ]);
    // f1 and f2 only (the twins are a few minutes older than f1).
    const window = await mineRepository({
      repo: repo.dir,
      since: '2026-01-06T11:50:00Z',
      until: '2026-01-07T23:00:00Z',
    });
    expect(figures(window)).toEqual([
      ['alice@example.com', 1, 1, 1],
      ['bob@example.com', 0, 0, 0], // the reviewer of f1
      ['dan@example.com', 1, 1, 0],
    ]);
    expect(window.unresolvedFixes).toBe(0);
  });

  it('reports credits for fixes of others once per fixing commit', async () => {
    const credits: Array<[string, string, string | null]> = [];
    await mineRepository({
      repo: repo.dir,
      onCredit: (c) => {
        if (c.kind === 'fix-of-others') credits.push([c.email, c.sha, c.helped]);
      },
    });
    expect(credits).toEqual([
      ['bob@example.com', sha.f3, 'carol@example.com'],
      ['alice@example.com', sha.f2, 'bob@example.com'],
      ['dan@example.com', sha.f1, 'alice@example.com'],
    ]);
  });
});
