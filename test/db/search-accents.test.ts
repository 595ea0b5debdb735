import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as migration0006 from '../../src/db/migrations/0006-unique-answers-and-accent-search.ts';
import { insertEntries } from '../../src/db/repositories/journal.ts';
import { ftsWords, LETTER_FOLDS } from '../../src/domain/journal/search-text.ts';
import { getActiveFramework } from '../../src/services/framework/active-framework.ts';
import { listEntries } from '../../src/services/journal/journal.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases.ts';
import { buildEntry, buildPerson, systemContext } from '../helpers/records.ts';

/**
 * Journal search ignores accents both ways, on both engines: "emoji" finds "émoji", "émoji" finds
 * "emoji", "Zolc" finds "Żółć". On SQLite, plain ASCII journals are searched by their whole words
 * (read in JavaScript, the search words' accents removed as FTS5 removes them) and others by FTS5's
 * prefix query: both must find the same.
 */
describe.each(ENGINES)('accent-insensitive journal search on %s', (engine) => {
  let database: TestDatabase;
  /** Accented Latin text. */
  let latin: string;
  /** Has an emoji and Greek too. */
  let mixed: string;
  /** Plain ASCII: on SQLite, searched by whole words. */
  let ascii: string;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    latin = (await buildPerson(database.db)).id;
    mixed = (await buildPerson(database.db)).id;
    ascii = (await buildPerson(database.db)).id;
    for (const title of ['Plain emoji support', 'Cafe with Zolc', 'Lodz office, strasse names']) {
      await buildEntry(database.db, { personId: ascii, title });
    }
    for (const personId of [latin, mixed]) {
      for (const [title, body] of [
        ['Fixed the émoji picker', 'Crème brûlée for the team'],
        ['Plain emoji support', 'No accents here'],
        ['Lunch with Żółć', 'Spotkanie w Łodzi, naïve plan'],
        ['Straße names', 'Søren and Æsa reviewed it'],
      ] as const) {
        await buildEntry(database.db, { personId, title, body });
      }
    }
    await buildEntry(database.db, { personId: mixed, title: 'Καλημέρα 🤝 squad', body: 'ά' });
  });
  afterAll(async () => {
    await database.destroy();
  });

  const titles = async (personId: string, q: string) =>
    (await listEntries(systemContext(database.db), personId, { limit: 50, offset: 0, q })).entries
      .map((e) => e.title)
      .sort();

  for (const who of ['latin', 'mixed'] as const) {
    const person = () => (who === 'latin' ? latin : mixed);

    it(`finds words with and without their accents (${who} journal)`, async () => {
      const both = ['Fixed the émoji picker', 'Plain emoji support'];
      expect(await titles(person(), 'emoji')).toEqual(both);
      expect(await titles(person(), 'émoji')).toEqual(both);
      expect(await titles(person(), 'EMOJ')).toEqual(both);
      // Decomposed input (an e followed by a combining acute accent) is the same word.
      expect(await titles(person(), 'e\u0301moji')).toEqual(both);
      expect(await titles(person(), 'creme brulee')).toEqual(['Fixed the émoji picker']);
      expect(await titles(person(), 'naive')).toEqual(['Lunch with Żółć']);
    });

    it(`folds letters that carry their mark inside them (${who} journal)`, async () => {
      expect(await titles(person(), 'Zolc')).toEqual(['Lunch with Żółć']);
      expect(await titles(person(), 'żółć')).toEqual(['Lunch with Żółć']);
      expect(await titles(person(), 'lodzi')).toEqual(['Lunch with Żółć']);
      expect(await titles(person(), 'strasse')).toEqual(['Straße names']);
      expect(await titles(person(), 'soren aesa')).toEqual(['Straße names']);
      expect(await titles(person(), 'zolcx')).toEqual([]);
    });
  }

  it('finds plain words with accented search words (ascii journal)', async () => {
    expect(await titles(ascii, 'émoji')).toEqual(['Plain emoji support']);
    expect(await titles(ascii, 'e\u0301MOJ')).toEqual(['Plain emoji support']);
    expect(await titles(ascii, 'café żółć')).toEqual(['Cafe with Zolc']);
    expect(await titles(ascii, 'Łódź straße')).toEqual(['Lodz office, strasse names']);
    expect(await titles(ascii, 'émojis')).toEqual([]);
  });

  it('still finds words of other scripts as they are written', async () => {
    expect(await titles(mixed, 'καλημέρα')).toEqual(['Καλημέρα 🤝 squad']);
    expect(await titles(mixed, 'squad')).toEqual(['Καλημέρα 🤝 squad']);
  });

  it('re-indexes entries written before migration 0006', async () => {
    const ctx = systemContext(database.db);
    await migration0006.down(database.db as unknown as Kysely<unknown>);
    const person = (await buildPerson(database.db)).id;
    await buildEntry(database.db, { personId: person, title: 'Written before: émoji Żółć' });
    expect(await titles(person, 'emoji')).toEqual([]);
    await migration0006.up(database.db as unknown as Kysely<unknown>);
    expect(await titles(person, 'emoji zolc')).toEqual(['Written before: émoji Żółć']);
    // Edits and deletions keep the new index right.
    const [entry] = (await listEntries(ctx, person, { limit: 1, offset: 0 })).entries;
    const { updateEntry, deleteEntry } = await import('../../src/services/journal/journal.ts');
    await updateEntry(ctx, entry?.id as string, { title: 'Now about café' });
    expect(await titles(person, 'emoji')).toEqual([]);
    expect(await titles(person, 'cafe')).toEqual(['Now about café']);
    await deleteEntry(ctx, entry?.id as string);
    expect(await titles(person, 'cafe')).toEqual([]);
  });

  it.runIf(engine === 'sqlite')(
    'reads every character it accepts exactly as FTS5 does (whole-word search equals FTS5)',
    async () => {
      const person = (await buildPerson(database.db)).id;
      const { framework } = await getActiveFramework(systemContext(database.db));
      const now = new Date().toISOString();
      const samples = new Map<string, string[]>();
      const ranges = [
        [0x80, 0x24f],
        [0x1e00, 0x1eff],
        [0x2000, 0x206f],
        [0x2190, 0x21ff],
        [0x1f300, 0x1f9ff],
      ] as const;
      for (const [from, to] of ranges) {
        for (let cp = from; cp <= to; cp++) {
          const text = `a${String.fromCodePoint(cp)}b`;
          const words = ftsWords(text);
          if (words) samples.set(`cp-${cp}`, words);
        }
      }
      expect(samples.size).toBeGreaterThan(600);
      await database.db.transaction().execute((trx) =>
        insertEntries(
          trx,
          [...samples.keys()].map((id) => ({
            row: {
              id,
              person_id: person,
              occurred_on: '2026-01-05',
              title: `a${String.fromCodePoint(Number(id.slice(3)))}b`,
              body: '',
              kind: 'other',
              source: 'manual',
              visibility: 'private',
              goal_id: null,
              goal_action_id: null,
              source_key: null,
              created_at: now,
              updated_at: now,
            },
            areas: [framework.areas[0]?.id as string],
            links: [],
          })),
        ),
      );
      await sql`create virtual table temp.fts_terms using fts5vocab(main, journal_fts, instance)`.execute(database.db);
      const rows = await sql<{ id: string; term: string }>`
        select e.id, v.term from temp.fts_terms v join journal_entries e on e.rowid = v.doc
        where v.col = 'title' and e.person_id = ${person} order by e.id, v.offset`.execute(database.db);
      const indexed = new Map<string, string[]>();
      for (const row of rows.rows) indexed.set(row.id, [...(indexed.get(row.id) ?? []), row.term]);
      const disagreements = [...samples].filter(([id, words]) => (indexed.get(id) ?? []).join(' ') !== words.join(' '));
      expect(disagreements).toEqual([]);
    },
  );

  it('the migration folds the same letters as the search words', () => {
    expect(migration0006.LETTER_FOLDS_0006).toEqual(LETTER_FOLDS);
  });
});
