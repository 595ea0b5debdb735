import { describe, expect, it } from 'vitest';
import { AMBIGUOUS, NOT_FOUND, ShaIndex } from './sha-index.ts';

/** A deterministic 40-digit sha for `n`. */
const sha = (n: number) => (Math.imul(n + 1, 2654435761) >>> 0).toString(16).padStart(8, '0').repeat(5);

describe('ShaIndex', () => {
  it('stores shas and owners compactly and finds them by prefix', () => {
    const index = new ShaIndex();
    for (let i = 0; i < 10_000; i++) index.add(sha(i), i % 7); // grows past its first buffer
    expect(index.count).toBe(10_000);
    expect(index.ownerOf(9_999)).toBe(9_999 % 7);
    expect(index.shaOf(42)).toBe(sha(42));
    const found = index.resolve([sha(5).slice(0, 7), sha(9_000), sha(42).slice(0, 12), 'ffffff0', 'abc', 'xyzxyzx']);
    expect([...found]).toEqual([5, 9_000, 42, NOT_FOUND, NOT_FOUND, NOT_FOUND]);
  });

  it('reports a prefix shared by several commits as ambiguous, and a longer one that tells them apart as found', () => {
    const index = new ShaIndex();
    index.add(`abcdef1${'0'.repeat(33)}`, 0);
    index.add(`abcdef1${'1'.repeat(33)}`, 1);
    index.add(`abcdef2${'0'.repeat(33)}`, 2);
    expect([...index.resolve(['abcdef1', 'abcdef10', 'abcdef2', `abcdef1${'1'.repeat(32)}2`])]).toEqual([
      AMBIGUOUS,
      0,
      2,
      NOT_FOUND, // the first 39 digits match, the last does not
    ]);
  });

  it('resolves nothing when empty', () => {
    expect([...new ShaIndex().resolve(['abcdef1'])]).toEqual([NOT_FOUND]);
  });
});
