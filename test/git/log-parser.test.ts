import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoggedCommit, LogParser } from '../../src/git/log-parser.ts';
import { LOG_ENV, logArgs, readLog } from '../../src/git/log-reader.ts';
import { TestRepo } from '../helpers/git-repo.ts';

const kim = { name: 'Kim Ünal', email: 'kim@example.com' };
let repo: TestRepo;
let sha: string[];

beforeAll(() => {
  repo = new TestRepo();
  const root = repo.commit(kim, 'Root with files', { 'a.c': 'a', 'dir/b.c': 'b' });
  const folded = repo.commit(
    kim,
    `Empty\n\nFixes: ${root.slice(0, 9)} ("Root")\n\nReviewed-by: Lee\n  Folded <lee@example.com>\nSigned-off-by: Kim <kim@example.com>`,
  );
  const odd = repo.commit(kim, 'Odd names', { 'line\nbreak.txt': 'x', '\x1e\x1eno-sha.txt': 'x' });
  const latin = repo.commitRawName(kim, 'Latin-1 name', Buffer.from('caf\xe9.md', 'latin1'));
  const merge = repo.rawCommit({
    author: 'Kim Ünal <kim@example.com>',
    message: `Merge\n\nFixes: ${root.slice(0, 9)}`,
    parents: [latin, folded],
  });
  const us = repo.commit(kim, `Unit\x1fseparator in the subject\n\nAcked-by: Mo <mo@example.com>\nFixes: ${odd}`, {
    'a.c': 'c',
  });
  sha = [root, folded, odd, latin, merge, us];
});
afterAll(() => repo.remove());

/** The raw bytes of the log the miner runs. */
function rawLog(withNames: boolean, withDetails = false): Buffer {
  const run = spawnSync('git', logArgs({ repo: repo.dir, rev: 'HEAD', withNames, withDetails }), {
    env: { ...process.env, ...LOG_ENV },
  });
  expect(run.status).toBe(0);
  return run.stdout;
}

/** Parses `bytes` fed in chunks of the given sizes (cycled). */
function parse(bytes: Buffer, withNames: boolean, sizes: number[]): LoggedCommit[] {
  const commits: LoggedCommit[] = [];
  const parser = new LogParser(withNames, (c) => commits.push(c));
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const size = sizes[i % sizes.length] as number;
    parser.push(bytes.subarray(at, at + size));
    at += size;
  }
  parser.end();
  return commits;
}

describe('LogParser', () => {
  it('reads commits, merges, paths, trailers and Fixes: lines exactly, whatever the chunk boundaries', () => {
    const bytes = rawLog(true);
    const whole = parse(bytes, true, [bytes.length]);
    const [root, folded, odd, latin, merge, us] = sha;
    expect(whole.map((c) => [c.sha, Boolean(c.isMerge), c.authorName, c.files, c.fixes])).toEqual([
      [us, false, 'Kim Ünal', ['a.c'], [odd]],
      [merge, true, 'Kim Ünal', [], undefined], // a merge's Fixes: are not read
      [latin, false, 'Kim Ünal', ['caf\xe9.md'], undefined],
      [odd, false, 'Kim Ünal', ['\x1e\x1eno-sha.txt', 'line\nbreak.txt'], undefined],
      [folded, false, 'Kim Ünal', [], [root?.slice(0, 9)]],
      [root, false, 'Kim Ünal', ['a.c', 'dir/b.c'], undefined],
    ]);
    // Only the credited trailers; folded lines arrive unfolded.
    expect(whole[4]?.trailers).toEqual([{ key: 'Reviewed-by', value: 'Lee Folded <lee@example.com>' }]);
    for (const sizes of [[1], [2, 3, 5, 7], [41, 1, 64]]) expect(parse(bytes, true, sizes)).toEqual(whole);
  });

  it('reads the log without names and with details', () => {
    const bytes = rawLog(false, true);
    const commits = parse(bytes, false, [bytes.length]);
    expect(parse(bytes, false, [3])).toEqual(commits);
    expect(commits[0]).toEqual({
      sha: sha[5],
      isMerge: false,
      authorName: 'Kim Ünal',
      authorEmail: 'kim@example.com',
      authorTime: Date.parse('2026-01-06T12:00:00Z') / 1000,
      subject: 'Unit\x1fseparator in the subject',
      trailers: [{ key: 'Acked-by', value: 'Mo <mo@example.com>' }],
      fixes: [sha[2]],
    });
    expect(commits.map((c) => c.files)).toEqual(commits.map(() => undefined));
  });

  it('streams from git and stops it when the consumer fails', async () => {
    const seen: string[] = [];
    await readLog({ repo: repo.dir, rev: 'HEAD', withNames: true }, (c) => seen.push(c.sha));
    expect(seen).toEqual([sha[5], sha[4], sha[3], sha[2], sha[1], sha[0]]);
    await expect(
      readLog({ repo: repo.dir, rev: 'HEAD', withNames: false }, () => {
        throw new Error('stop here');
      }),
    ).rejects.toThrow('stop here');
  });
});
