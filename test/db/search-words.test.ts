import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listEntries } from '../../src/services/journal/journal.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases.ts';
import { buildEntry, buildPerson, systemContext } from '../helpers/records.ts';

/**
 * Journal search: every word must be the start of a word of the title or body. On SQLite plain
 * ASCII journals are searched by the whole words they contain (instead of FTS5's slower prefix
 * query over everyone's journal); other text keeps the prefix query. Both must find the same.
 */
describe.each(ENGINES)('journal search by word prefixes on %s', (engine) => {
  let database: TestDatabase;
  let ascii: string;
  let accented: string;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    ascii = (await buildPerson(database.db)).id;
    accented = (await buildPerson(database.db)).id;
    const other = (await buildPerson(database.db)).id;
    for (const [personId, title, body] of [
      [ascii, 'Reviewed 4 changes', 'Mostly tests; re-view of the retry logic.'],
      [ascii, 'Review of the design doc', "Devon's design, 2nd pass"],
      [ascii, 'Pairing on the cache', 'Reviews were quick. AND OR NOT "quoted"'],
      [ascii, 'Incident: payments down', 'On-call_week handled — the team’s “first” → fine…'],
      [accented, 'Revue du café', 'Résumé of the review'],
      [accented, 'Plain title', 'nothing to see'],
      [other, 'Reviewed everything', 'review reviews reviewer'],
    ] as const) {
      await buildEntry(database.db, { personId, title, body });
    }
  });
  afterAll(async () => {
    await database.destroy();
  });

  const titles = async (personId: string, q: string) =>
    (await listEntries(systemContext(database.db), personId, { limit: 50, offset: 0, q })).entries
      .map((e) => e.title)
      .sort();

  it('matches word starts in the title or body, whatever the case, every word', async () => {
    expect(await titles(ascii, 'review')).toEqual([
      'Pairing on the cache',
      'Review of the design doc',
      'Reviewed 4 changes',
    ]);
    expect(await titles(ascii, 'REV')).toEqual([
      'Pairing on the cache',
      'Review of the design doc',
      'Reviewed 4 changes',
    ]);
    expect(await titles(ascii, 'view')).toEqual(['Reviewed 4 changes']);
    expect(await titles(ascii, 'review design')).toEqual(['Review of the design doc']);
    expect(await titles(ascii, 'review 2nd')).toEqual(['Review of the design doc']);
    expect(await titles(ascii, 'and or not')).toEqual(['Pairing on the cache']);
    expect(await titles(ascii, 'review zebra')).toEqual([]);
    expect(await titles(ascii, 'everything')).toEqual([]);
    expect(await titles(ascii, 'team first fine')).toEqual(['Incident: payments down']);
  });

  it('finds the same in journals with other characters', async () => {
    expect(await titles(accented, 'rev')).toEqual(['Revue du café']);
    expect(await titles(accented, 'café')).toEqual(['Revue du café']);
    expect(await titles(accented, 'résumé review')).toEqual(['Revue du café']);
    expect(await titles(accented, 'plain')).toEqual(['Plain title']);
  });
});
