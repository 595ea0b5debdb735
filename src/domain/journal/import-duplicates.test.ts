import { describe, expect, it } from 'vitest';
import { entryIdentity, splitDuplicates } from './import-duplicates.ts';

const row = (line: number, title: string, areas: string[], occurredOn = '2026-01-02', file = 'log.csv') => ({
  file,
  line,
  occurredOn,
  title,
  areas,
});

describe('import duplicates', () => {
  it('are the same date, title and set of areas; body and kind do not count', () => {
    expect(entryIdentity('2026-01-02', ' Demo ', ['b', 'a', 'a'])).toBe(
      entryIdentity('2026-01-02', 'Demo', ['a', 'b']),
    );
    expect(entryIdentity('2026-01-02', 'Demo', ['a'])).not.toBe(entryIdentity('2026-01-03', 'Demo', ['a']));
    expect(entryIdentity('2026-01-02', 'Demo', ['a'])).not.toBe(entryIdentity('2026-01-02', 'demo', ['a']));
    expect(entryIdentity('2026-01-02', 'Demo', ['a'])).not.toBe(entryIdentity('2026-01-02', 'Demo', ['a', 'b']));
  });

  it('keeps the first of repeated rows and skips stored ones, saying where', () => {
    const stored = new Set([entryIdentity('2026-01-02', 'Stored', ['a'])]);
    const { fresh, duplicates } = splitDuplicates(
      [
        row(2, 'New', ['a', 'b']),
        row(3, 'Stored', ['a']),
        row(4, 'New', ['b', 'a']),
        row(5, 'New', ['a']),
        row(1, 'New', ['a', 'b'], '2026-01-02', 'other.csv'),
      ],
      stored,
    );
    expect(fresh.map((r) => r.line)).toEqual([2, 5]);
    expect(duplicates).toEqual([
      { file: 'log.csv', line: 3, message: 'already in your journal (same date, title and areas): skipped' },
      { file: 'log.csv', line: 4, message: 'same date, title and areas as line 2: skipped' },
      { file: 'other.csv', line: 1, message: 'same date, title and areas as log.csv:2: skipped' },
    ]);
  });
});
