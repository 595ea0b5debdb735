import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Mailmap, parseIdentity } from '../../src/domain/git/mailmap.ts';
import { checkRepository, readMailmapText } from '../../src/git/git.ts';
import { mineRepository } from '../../src/git/stats.ts';
import { TestRepo } from '../helpers/git-repo.ts';

// Identities must be read the way git reads them (ident.c, mailmap.c): the reference is git itself,
// `git check-mailmap` for trailers and `git log --format=%aN %aE` for authors, with and without a
// .mailmap.

/** Trailer identities, each with its own email (after the .mailmap too), written as UTF-8. */
const TRAILER_IDENTITIES = [
  'Jonathan Nieder <jrnieder <at> gmail.com>', // nested angle brackets: the email is "jrnieder <at"
  'Ada Lovelace <ada@example.com> (maintainer, trailing text)',
  '<only-email@example.com>', // empty name
  'Ada  Double  Spaced <Spaced@Example.com>',
  'Grace <  grace@example.com  >', // spaces inside the brackets are part of the email
  '"Quoted, Name" <quoted@example.com>',
  'Hash # Name <hash@example.com>',
  'René Ünïcode <rene@example.com>',
  'RENÉ ÜNÏCODE <rene.upper@example.com>', // non-ASCII letters do not fold case in git
  'Empty Email <>', // no email: credited only when the .mailmap gives one
  'No Email At All', // not an identity at all (check-mailmap refuses it)
];
/** A trailer written in Latin-1, in a commit that says nothing of its encoding (bytes kept as they are). */
const LATIN1_TRAILER = Buffer.from('Andr\xe9 Latin <andre@example.com>', 'latin1');
/** The same in a commit whose `encoding ISO-8859-1` header makes git re-encode it to UTF-8. */
const LATIN1_ENCODED_TRAILER = Buffer.from('Jos\xe9 Encoded <jose@example.com>', 'latin1');

/** Author lines git would not write itself, as raw bytes in commit objects. */
const AUTHORS: Array<{ author: Buffer; encoding?: string }> = [
  { author: Buffer.from('Jonathan Nieder <jrnieder.author <at> gmail.com>') },
  { author: Buffer.from('<only-author@example.com>') },
  { author: Buffer.from('Spaced  Author <  spaced.author@example.com >') },
  { author: Buffer.from('Ünïcode Author <unicode.author@example.com>') },
  { author: Buffer.from('Andr\xe9 Author <andre.author@example.com>', 'latin1') },
  { author: Buffer.from('Jos\xe9 Author <jose.author@example.com>', 'latin1'), encoding: 'ISO-8859-1' },
];

/** Maps every identity above somewhere, exercising git's rules (written as UTF-8, Latin-1 lines as bytes). */
const MAILMAP = Buffer.concat([
  Buffer.from(
    [
      'Jonathan Nieder <jrnieder@gmail.com> <jrnieder <at> gmail.com>',
      'Ada Lovelace <ada@lovelace.example> <ADA@example.com>',
      'Only Email Person <only-email@example.com>',
      'Spaced Proper <spaced@proper.example> ada  double  spaced <spaced@example.com>',
      'Grace Hopper <grace@hopper.example> <  grace@example.com  >',
      'Quoted Proper <quoted@proper.example> "Quoted, Name" <quoted@example.com>',
      'Hash Proper <hash@proper.example> Hash # Name <hash@example.com>',
      'Proper René <rene@proper.example> rené ünïcode <rene@example.com>',
      'Proper Upper <upper@proper.example> rené ünïcode <rene.upper@example.com>',
      'Empty Mapped <empty@mapped.example> <>',
      'José Proper <jose@proper.example> José Encoded <jose@example.com>',
      'Author Nieder <jrnieder.author@example.com> <jrnieder.author <at>',
      'Only Author <only.author@proper.example> <only-author@example.com>',
      'Spaced Author Proper <  spaced.author@example.com >',
      '<unicode.author@proper.example> ÜNÏCODE AUTHOR <unicode.author@example.com>',
      'José Author Proper <jose.author@example.com>',
      '# a comment line',
      '',
    ].join('\n'),
  ),
  Buffer.from('Andr\xe9 Proper <andre@proper.example> Andr\xe9 Latin <andre@example.com>\n', 'latin1'),
  Buffer.from('<andre.author@proper.example> Andr\xe9 Author <andre.author@example.com>\n', 'latin1'),
]);

let repo: TestRepo;

beforeAll(() => {
  repo = new TestRepo();
  const base = { name: 'Base', email: 'base@example.com' };
  repo.commit(
    base,
    `Credit everyone\n\nSome words.\n\n${TRAILER_IDENTITIES.map((id) => `Reviewed-by: ${id}`).join('\n')}\nSigned-off-by: Base <base@example.com>`,
    { 'a.txt': 'a\n' },
  );
  repo.rawCommit({
    author: 'Base <base@example.com>',
    message: Buffer.concat([Buffer.from('Latin-1 trailer\n\nReviewed-by: '), LATIN1_TRAILER]),
  });
  repo.rawCommit({
    author: 'Base <base@example.com>',
    message: Buffer.concat([Buffer.from('Latin-1 trailer, declared\n\nReviewed-by: '), LATIN1_ENCODED_TRAILER]),
    encoding: 'ISO-8859-1',
  });
  for (const { author, encoding } of AUTHORS) {
    repo.rawCommit({ author, message: 'Odd author', ...(encoding ? { encoding } : {}) });
  }
});
afterAll(() => repo.remove());

const withMailmap = (on: boolean) => {
  const file = path.join(repo.dir, '.mailmap');
  if (on) fs.writeFileSync(file, MAILMAP);
  else fs.rmSync(file, { force: true });
};

/** What `git check-mailmap` makes of one contact given as bytes (null when it refuses it). */
function checkMailmap(contact: Buffer): string | null {
  try {
    // Through the shell, so a Latin-1 contact reaches git as the same bytes.
    const out = execFileSync('sh', ['-c', 'exec git check-mailmap "$(cat)"'], {
      cwd: repo.dir,
      input: contact,
      stdio: ['pipe', 'pipe', 'ignore'],
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
    });
    return out.toString('utf8').replace(/\n$/, '');
  } catch {
    return null;
  }
}

/** Splits what git prints ("Name <email>" or "<email>"; a name holds no "<") back into name and email. */
function splitPrinted(printed: string): { name: string; email: string } {
  const left = printed.indexOf('<');
  return { name: left > 0 ? printed.slice(0, left - 1) : '', email: printed.slice(left + 1, -1) };
}

const ALL_TRAILERS = [...TRAILER_IDENTITIES.map((id) => Buffer.from(id)), LATIN1_TRAILER];

describe.each([
  ['without a .mailmap', false],
  ['with a .mailmap', true],
])('identities %s, as git reads them', (_name, mapped) => {
  beforeAll(() => withMailmap(mapped));

  it('parses and maps trailer identities as `git check-mailmap` does', async () => {
    const mailmap = Mailmap.parse(await readMailmapText(await checkRepository(repo.dir)));
    for (const contact of ALL_TRAILERS) {
      const parsed = parseIdentity(contact.toString('utf8'));
      const printed = checkMailmap(contact);
      expect(parsed && mailmap.resolve(parsed), contact.toString('utf8')).toEqual(printed && splitPrinted(printed));
    }
  });

  it('credits trailer identities and authors under the identity git gives them', async () => {
    const stats = await mineRepository({ repo: repo.dir });
    const people = new Map(stats.people.map((p) => [p.email, p]));

    const expectedReviewers = [
      ...ALL_TRAILERS,
      // git log re-encodes a commit that declares its encoding, so git sees this one as UTF-8.
      Buffer.from(LATIN1_ENCODED_TRAILER.toString('latin1'), 'utf8'),
    ].flatMap((contact) => {
      const printed = checkMailmap(contact);
      if (printed === null) return [];
      const { name, email } = splitPrinted(printed);
      return email ? [{ name, email: email.toLowerCase() }] : []; // an empty email names nobody
    });
    expect(expectedReviewers.length).toBe(mapped ? 12 : 11);
    for (const { name, email } of expectedReviewers) {
      expect(people.get(email), email).toMatchObject({ name, trailers: expect.objectContaining({ 'reviewed-by': 1 }) });
    }

    const log = execFileSync(
      'git',
      ['-c', 'log.mailmap=true', 'log', '--encoding=UTF-8', '-z', '--format=%aN%x1f%aE'],
      { cwd: repo.dir, env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' } },
    )
      .toString('utf8')
      .split('\0')
      .filter(Boolean)
      .map((line) => line.split('\x1f') as [string, string]);
    const authors = new Map<string, { name: string; commits: number }>();
    for (const [name, email] of log) {
      const key = email.toLowerCase();
      authors.set(key, { name: authors.get(key)?.name ?? name, commits: (authors.get(key)?.commits ?? 0) + 1 });
    }
    expect(authors.size).toBe(AUTHORS.length + 1);
    for (const [email, { name, commits }] of authors) {
      expect(people.get(email), email).toMatchObject({ name, commits });
    }
    // Everyone credited is one of those: nobody called "at", no empty email.
    expect(stats.people.length).toBe(expectedReviewers.length + authors.size);
  });
});
