import { describe, expect, it } from 'vitest';
import { fixesTargets } from './fixes.ts';

describe('fixesTargets', () => {
  it.each([
    [
      'in the trailer block',
      'Fix it\n\nFixes: 1a2b3c4d5e6f ("Add the cache")\nSigned-off-by: A <a@x>\n',
      ['1a2b3c4d5e6f'],
    ],
    [
      'in a paragraph of its own above the sign-offs (DPDK)',
      'net/foo: fix the crash\n\nSome words.\n\nFixes: 1a2b3c4d5e6f ("net/foo: add")\nCc: stable@dpdk.org\n\nSigned-off-by: A <a@x>\n',
      ['1a2b3c4d5e6f'],
    ],
    [
      'two lines, one repeated',
      'Fix\n\nFixes: 1A2B3C4\nfixes: abcdef0123\nFIXES:\t1a2b3c4\n',
      ['1a2b3c4', 'abcdef0123'],
    ],
    ['a full sha', `Fix\n\nFixes: ${'ab'.repeat(20)}\n`, ['ab'.repeat(20)]],
    ['not in the subject', 'Fixes: 1a2b3c4d crash\n\nbody\n', []],
    ['a subject alone', 'Fixes: 1a2b3c4d', []],
    ['an issue number', 'Fix\n\nFixes: #123\n', []],
    ['an issue URL', 'Fix\n\nFixes: https://github.com/libuv/libuv/issues/1234\n', []],
    ['too short', 'Fix\n\nFixes: 1a2b3c\n', []],
    ['a word that is not hex all the way', 'Fix\n\nFixes: face detection\nFixes: 1a2b3c4g\n', []],
    ['more than 40 digits', `Fix\n\nFixes: ${'a'.repeat(41)}\n`, []],
    ['indented or not at the start of a line', 'Fix\n\n    Fixes: 1a2b3c4d\nThis Fixes: 1a2b3c4d\n', []],
  ])('%s', (_name, message, expected) => {
    expect(fixesTargets(message)).toEqual(expected);
  });
});
