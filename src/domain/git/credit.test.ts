import { describe, expect, it } from 'vitest';
import { type Credit, CreditCounter, type MinedCommit } from './credit.ts';
import { ShaIndex } from './sha-index.ts';

const sha = (n: number) => n.toString(16).padStart(8, '0').padEnd(40, 'a');
const commit = (n: number, email: string, trailers: Array<[string, string]> = [], files?: string[]): MinedCommit => ({
  sha: sha(n),
  authorName: email.split('@')[0] ?? '',
  authorEmail: email,
  trailers: trailers.map(([key, value]) => ({ key, value })),
  ...(files ? { files } : {}),
});

describe('CreditCounter', () => {
  it('credits trailers once per commit and person, never to the author', () => {
    const credits: Credit[] = [];
    const counter = new CreditCounter({ onCredit: (c) => credits.push(c) });
    counter.add(
      commit(1, 'a@x', [
        ['Reviewed-by', 'B <b@x>'],
        ['REVIEWED-BY', 'B <B@X>'],
        ['Reviewed-by', 'A <a@x>'],
        ['Acked-by', 'B <b@x>'],
        ['Signed-off-by', 'C <c@x>'],
        ['Reviewed-by', 'No Email'],
        ['Reviewed-by', 'Empty Email <>'],
      ]),
    );
    const stats = counter.finish();
    const b = stats.people.find((p) => p.email === 'b@x');
    expect(b?.trailers).toMatchObject({ 'reviewed-by': 1, 'acked-by': 1 });
    expect(b?.peopleHelped).toBe(1);
    expect(stats.people.find((p) => p.email === 'a@x')?.trailers['reviewed-by']).toBe(0);
    expect(stats.people.map((p) => p.email)).toEqual(['a@x', 'b@x']);
    expect(credits.map((c) => [c.email, c.kind, c.helped])).toEqual([
      ['b@x', 'reviewed-by', 'a@x'],
      ['b@x', 'acked-by', 'a@x'],
    ]);
  });

  it('resolves Fixes: by short and long sha, own and others, counting a commit once', () => {
    const credits: Credit[] = [];
    const counter = new CreditCounter({ onCredit: (c) => credits.push(c) });
    counter.add({ ...commit(6, 'a@x'), fixes: [sha(1).slice(0, 8), sha(2).slice(0, 9), sha(3)] }); // own, others twice
    counter.add({ ...commit(5, 'b@x'), fixes: [sha(1).slice(0, 12)] });
    counter.add({ ...commit(4, 'a@x'), fixes: [sha(1), 'deadbeefdeadbeef'] });
    counter.add(commit(3, 'c@x'));
    counter.add(commit(2, 'b@x'));
    counter.add(commit(1, 'a@x'));
    const stats = counter.finish();
    expect(stats.unresolvedFixes).toBe(1);
    expect(stats.people.find((p) => p.email === 'a@x')).toMatchObject({ fixesOfOthers: 1, fixesOfOwn: 2 });
    expect(stats.people.find((p) => p.email === 'b@x')).toMatchObject({ fixesOfOthers: 1, fixesOfOwn: 0 });
    expect(credits.map((c) => [c.email, c.kind, c.sha, c.helped])).toEqual([
      ['a@x', 'fix-of-others', sha(6), 'b@x'],
      ['b@x', 'fix-of-others', sha(5), 'a@x'],
    ]);
  });

  it('resolves a Fixes: target naming a merge, which is remembered but never credited', () => {
    const counter = new CreditCounter();
    counter.add({ ...commit(3, 'b@x'), fixes: [sha(2).slice(0, 8)] });
    counter.add({ ...commit(2, 'c@x', [['Reviewed-by', 'B <b@x>']]), isMerge: true });
    counter.add(commit(1, 'a@x'));
    const stats = counter.finish();
    expect(stats.commits).toBe(2);
    expect(stats.unresolvedFixes).toBe(0);
    expect(stats.people.map((p) => [p.email, p.commits, p.fixesOfOthers, p.trailers['reviewed-by']])).toEqual([
      ['a@x', 1, 0, 0],
      ['b@x', 1, 1, 0],
    ]);
  });

  it('treats an ambiguous short sha as unresolved', () => {
    const counter = new CreditCounter();
    counter.add({ ...commit(9, 'b@x'), fixes: ['abcdef1'] });
    counter.add({ ...commit(0, 'a@x'), sha: `abcdef1${'0'.repeat(33)}` });
    counter.add({ ...commit(0, 'c@x'), sha: `abcdef1${'1'.repeat(33)}` });
    const stats = counter.finish();
    expect(stats.unresolvedFixes).toBe(1);
    expect(stats.people.find((p) => p.email === 'b@x')).toMatchObject({ fixesOfOthers: 0, fixesOfOwn: 0 });
  });

  it('resolves against the index it is given (every reachable commit, for a walk cut short)', () => {
    const counter = new CreditCounter();
    counter.add({ ...commit(9, 'b@x'), fixes: [sha(1).slice(0, 10), sha(2).slice(0, 10)] });
    const reachable = new ShaIndex();
    reachable.add(sha(9), counter.ownerOf({ name: 'b', email: 'B@x' }));
    reachable.add(sha(1), counter.ownerOf({ name: 'b', email: 'b@x' }));
    const stats = counter.finish(reachable);
    expect(stats.unresolvedFixes).toBe(1);
    expect(stats.people[0]).toMatchObject({ email: 'b@x', fixesOfOthers: 0, fixesOfOwn: 1 });
  });

  it('counts test and doc commits from paths', () => {
    const counter = new CreditCounter();
    counter.add(commit(1, 'a@x', [], ['src/cache.ts', 'src/cache.test.ts']));
    counter.add(commit(2, 'a@x', [], ['README.md']));
    counter.add(commit(3, 'a@x', [], ['pkg/server_test.go', 'docs/api.rst']));
    counter.add(commit(4, 'a@x', [], ['src/main.c']));
    expect(counter.finish().people[0]).toMatchObject({ commits: 4, testCommits: 2, docCommits: 2 });
  });

  it('resolves Fixes: among many commits', () => {
    const counter = new CreditCounter();
    const n = 50_000;
    counter.add({ ...commit(n + 1, 'b@x'), fixes: [sha(12345).slice(0, 10)] });
    for (let i = n; i >= 1; i--) counter.add(commit(i, i === 12345 ? 'c@x' : 'a@x'));
    expect(counter.finish().people.find((p) => p.email === 'b@x')?.fixesOfOthers).toBe(1);
  });
});
