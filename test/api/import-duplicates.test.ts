import { performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  UnknownRow,
} from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { importFramework } from '../../src/services/framework/import-framework.ts';
import { type SignedIn, signUpAdmin } from '../helpers/auth.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases.ts';
import { buildFramework, testContext } from '../helpers/factories.ts';

/** Counts the statements Kysely runs through a handle. */
class StatementCounter implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs) {
    this.count++;
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/**
 * Importing the same entries again adds nothing: rows with the same date, title and areas as an
 * entry already in the journal, or as an earlier row of the import, are reported as duplicates by
 * line and skipped, in the dry run and the real import, for CSV and Markdown, in one query.
 */
describe.each(ENGINES)('duplicate imports on %s', (engine) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let me: SignedIn;
  const counter = new StatementCounter();
  const importFiles = (format: 'csv' | 'markdown', files: Array<{ name: string; content: string }>, dryRun: boolean) =>
    me.call('POST', `/api/people/${me.personId}/entries/import`, { format, files, dryRun });
  const total = async () =>
    ((await me.call('GET', `/api/people/${me.personId}/entries?limit=1`)).json() as { total: number }).total;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await importFramework(testContext(database.db), buildFramework());
    app = await buildApp({ ctx: testContext(database.db.withPlugin(counter)) });
    me = await signUpAdmin(app);
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  it('re-importing the same CSV reports every row as a duplicate and adds nothing', async () => {
    const csv = [
      'date,title,areas,body,kind',
      '2025-12-01,Gave the demo,alpha,,presentation',
      '2025-12-02,Reviewed the plan,alpha;beta,Notes,review',
      '2025-12-03,Paired on the parser,gamma,,pairing',
    ].join('\n');
    const first = await importFiles('csv', [{ name: 'log.csv', content: csv }], false);
    expect(first.json()).toMatchObject({ imported: 3, duplicates: [] });
    expect(await total()).toBe(3);

    // Body and kind do not count; areas are a set.
    const again = csv.replace('alpha;beta,Notes,review', 'beta;alpha,Other notes,document');
    const already = 'already in your journal (same date, title and areas): skipped';
    const dry = await importFiles('csv', [{ name: 'log.csv', content: again }], true);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toEqual({
      dryRun: true,
      valid: 0,
      imported: 0,
      problems: [],
      duplicates: [2, 3, 4].map((line) => ({ file: 'log.csv', line, message: already })),
    });
    const real = await importFiles('csv', [{ name: 'log.csv', content: again }], false);
    expect(real.json()).toMatchObject({ imported: 0, valid: 0, duplicates: [{ line: 2 }, { line: 3 }, { line: 4 }] });
    expect(await total()).toBe(3);
  });

  it('skips rows repeated within the import, keeping the first, and imports the new ones', async () => {
    const csv = [
      'date,title,areas',
      '2025-11-01,Ran the retro,alpha',
      '2025-11-01,Ran the retro,alpha',
      '2025-11-01,Ran the retro,beta',
      '2025-12-01,Gave the demo,alpha',
      '2025-11-02,Ran the retro,alpha',
    ].join('\n');
    const dry = await importFiles('csv', [{ name: 'more.csv', content: csv }], true);
    expect(dry.json()).toMatchObject({
      valid: 3,
      duplicates: [
        { file: 'more.csv', line: 3, message: 'same date, title and areas as line 2: skipped' },
        { file: 'more.csv', line: 5, message: 'already in your journal (same date, title and areas): skipped' },
      ],
    });
    expect((await importFiles('csv', [{ name: 'more.csv', content: csv }], false)).json()).toMatchObject({
      imported: 3,
    });
    expect(await total()).toBe(6);
  });

  it('does the same for Markdown files', async () => {
    const md = (body: string) => `---\ndate: 2025-10-01\ntitle: Wrote the design doc\nareas: [gamma]\n---\n${body}`;
    const files = [
      { name: 'a.md', content: md('First') },
      { name: 'b.md', content: md('Second copy') },
    ];
    expect((await importFiles('markdown', files, false)).json()).toMatchObject({
      imported: 1,
      duplicates: [{ file: 'b.md', line: 1, message: 'same date, title and areas as a.md:1: skipped' }],
    });
    expect((await importFiles('markdown', files, true)).json()).toMatchObject({
      valid: 0,
      duplicates: [
        { file: 'a.md', line: 1 },
        { file: 'b.md', line: 1 },
      ],
    });
    expect(await total()).toBe(7);
  });

  it('finds the duplicates of 10,000 rows in one query', async () => {
    const lines = ['date,title,areas'];
    for (let i = 0; i < 10_000; i++) lines.push(`2024-${String((i % 12) + 1).padStart(2, '0')}-10,Bulk ${i},alpha`);
    const csv = `${lines.join('\n')}\n`;
    expect((await importFiles('csv', [{ name: 'bulk.csv', content: csv }], false)).json()).toMatchObject({
      imported: 10_000,
    });
    counter.count = 0;
    const started = performance.now();
    const dry = await importFiles('csv', [{ name: 'bulk.csv', content: csv }], true);
    const tookMs = performance.now() - started;
    const result = dry.json() as { valid: number; duplicates: unknown[] };
    expect(result.valid).toBe(0);
    expect(result.duplicates).toHaveLength(10_000);
    // Sign-in, the person, the framework, access, and one read of the journal for the import's dates.
    expect(counter.count).toBeLessThanOrEqual(10);
    console.log(`${engine}: dry run of 10,000 duplicate rows in ${tookMs.toFixed(0)} ms, ${counter.count} statements`);
  });
});
