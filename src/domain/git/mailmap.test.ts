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

  it('follows git where a simpler reading would not', () => {
    const git = Mailmap.parse(
      [
        'Merged Name <merged@example.com>',
        '<merged.new@example.com> <merged@example.com>', // merges with the line above, as git does
        'Hash # In Name <hash@example.com>', // only a line starting with # is a comment
        '#Commented <commented@example.com>',
        'Proper René <rene@work.example> René <rene@example.com>', // names compare ASCII-only
        'Nested <nested@example.com> <jrnieder <at> gmail.com>', // the email is "jrnieder <at"
        'Empty Mapped <empty@example.com> Nobody <>', // an empty commit email can be mapped
      ].join('\n'),
    );
    expect(git.resolve({ name: 'x', email: 'MERGED@example.com' })).toEqual({
      name: 'Merged Name',
      email: 'merged.new@example.com',
    });
    expect(git.resolve({ name: 'x', email: 'hash@example.com' }).name).toBe('Hash # In Name');
    expect(git.resolve({ name: 'x', email: 'commented@example.com' }).name).toBe('x');
    expect(git.resolve({ name: 'rené', email: 'rene@example.com' }).email).toBe('rene@work.example');
    expect(git.resolve({ name: 'RENÉ', email: 'rene@example.com' }).email).toBe('rene@example.com');
    expect(git.resolve({ name: 'J', email: 'jrnieder <at' }).email).toBe('nested@example.com');
    expect(git.resolve({ name: 'Nobody', email: '' }).email).toBe('empty@example.com');
  });
});

describe('parseIdentity', () => {
  it.each([
    ['Ada Lovelace <ada@example.com>', { name: 'Ada Lovelace', email: 'ada@example.com' }],
    ['"Quoted, Name" <q@example.com>', { name: '"Quoted, Name"', email: 'q@example.com' }], // as git keeps it
    ['<only@example.com>', { name: '', email: 'only@example.com' }],
    ['Jonathan Nieder <jrnieder <at> gmail.com>', { name: 'Jonathan Nieder', email: 'jrnieder <at' }],
    ['Ada  Lovelace \t<ADA@example.com> (maintainer)', { name: 'Ada  Lovelace', email: 'ADA@example.com' }],
    ['Grace < grace@example.com >', { name: 'Grace', email: ' grace@example.com ' }],
    ['Empty <>', { name: 'Empty', email: '' }],
    ['Ada Lovelace', null],
    ['Ada <unclosed', null],
    ['', null],
  ])('%s', (value, expected) => {
    expect(parseIdentity(value)).toEqual(expected);
  });
});
