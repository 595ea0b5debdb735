import { describe, expect, it } from 'vitest';
import { Mailmap, parseIdentity } from './mailmap.ts';

describe('Mailmap', () => {
  const map = Mailmap.parse(
    [
      '# comment line',
      'Proper Name <commit@example.com>',
      '<proper@example.com> <Old@Example.com>',
      'Both Fixed <both@example.com> <both-old@example.com>  # trailing comment',
      'Only Alice <alice@work.example> alice <shared@example.com>',
      'Only Bob <bob@work.example> Bob <shared@example.com>',
    ].join('\n'),
  );
  it.each([
    ['name only', { name: 'x', email: 'commit@example.com' }, { name: 'Proper Name', email: 'commit@example.com' }],
    [
      'email only, case-insensitive',
      { name: 'Old', email: 'old@EXAMPLE.com' },
      { name: 'Old', email: 'proper@example.com' },
    ],
    ['both', { name: 'old', email: 'both-old@example.com' }, { name: 'Both Fixed', email: 'both@example.com' }],
    [
      'by commit name',
      { name: 'ALICE', email: 'shared@example.com' },
      { name: 'Only Alice', email: 'alice@work.example' },
    ],
    [
      'by the other commit name',
      { name: 'Bob', email: 'shared@example.com' },
      { name: 'Only Bob', email: 'bob@work.example' },
    ],
    [
      'no matching name',
      { name: 'Carol', email: 'shared@example.com' },
      { name: 'Carol', email: 'shared@example.com' },
    ],
    ['unknown', { name: 'Z', email: 'z@example.com' }, { name: 'Z', email: 'z@example.com' }],
  ])('%s', (_name, input, expected) => {
    expect(map.resolve(input)).toEqual(expected);
  });
});

describe('parseIdentity', () => {
  it.each([
    ['Ada Lovelace <ada@example.com>', { name: 'Ada Lovelace', email: 'ada@example.com' }],
    ['"Quoted, Name" <q@example.com>', { name: 'Quoted, Name', email: 'q@example.com' }],
    ['<only@example.com>', { name: '', email: 'only@example.com' }],
    ['Ada Lovelace', null],
    ['', null],
  ])('%s', (value, expected) => {
    expect(parseIdentity(value)).toEqual(expected);
  });
});
