import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertEntry } from '../../src/db/repositories/journal.ts';
import { latestEvidenceDate } from '../../src/domain/journal/journal.ts';
import { buildApp } from '../../src/server/app.ts';
import { submitSelfAssessment } from '../../src/services/assessments/self-assessments.ts';
import { importFramework } from '../../src/services/framework/import-framework.ts';
import { buildReadinessReport } from '../../src/services/report/readiness.ts';
import { type SignedIn, signUpAdmin } from '../helpers/auth.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases.ts';
import { buildFramework, testContext } from '../helpers/factories.ts';

/**
 * Evidence is something that has happened: a date more than one day after the server's today
 * (the tests' clock says 2026-01-05) is refused on entries, edits and imports, and entries stored
 * with such dates before are not counted as recent by the readiness report.
 */
describe.each(ENGINES)('future evidence dates on %s', (engine) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let me: SignedIn;
  const entry = (occurredOn: string) => ({ title: `Dated ${occurredOn}`, areas: ['alpha'], occurredOn });

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await importFramework(testContext(database.db), buildFramework());
    app = await buildApp({ ctx: testContext(database.db) });
    me = await signUpAdmin(app);
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  it('refuses an entry dated more than a day ahead, with words on the date field', async () => {
    for (const date of ['2030-01-01', '2026-01-07']) {
      const res = await me.call('POST', `/api/people/${me.personId}/entries`, entry(date));
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({
        error: {
          code: 'VALIDATION_FAILED',
          message: 'Evidence can’t be in the future: choose 2026-01-06 or earlier.',
          fields: { occurredOn: 'can’t be in the future: choose 2026-01-06 or earlier' },
        },
      });
    }
    // Today and tomorrow (someone east of UTC may already be there) are fine.
    for (const date of ['2026-01-05', '2026-01-06']) {
      expect((await me.call('POST', `/api/people/${me.personId}/entries`, entry(date))).statusCode).toBe(201);
    }
    const list = (await me.call('GET', `/api/people/${me.personId}/entries`)).json() as { total: number };
    expect(list.total).toBe(2);
  });

  it('refuses moving an entry into the future', async () => {
    const created = await me.call('POST', `/api/people/${me.personId}/entries`, entry('2025-12-01'));
    const id = (created.json() as { id: string }).id;
    const res = await me.call('PATCH', `/api/entries/${id}`, { occurredOn: '2030-01-01' });
    expect(res.statusCode).toBe(400);
    expect((res.json() as { error: { fields: Record<string, string> } }).error.fields).toEqual({
      occurredOn: 'can’t be in the future: choose 2026-01-06 or earlier',
    });
    expect(((await me.call('GET', `/api/entries/${id}`)).json() as { occurredOn: string }).occurredOn).toBe(
      '2025-12-01',
    );
  });

  it('reports future-dated import rows as problems with their line, in CSV and Markdown', async () => {
    const csv = 'date,title,areas\n2025-12-24,Fine,alpha\n2030-01-01,From the future,alpha\n';
    const dry = await me.call('POST', `/api/people/${me.personId}/entries/import`, {
      format: 'csv',
      files: [{ name: 'log.csv', content: csv }],
      dryRun: true,
    });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({
      valid: 1,
      problems: [{ file: 'log.csv', line: 3, message: 'date: can’t be in the future: choose 2026-01-06 or earlier' }],
    });
    const md = '---\ndate: 2031-05-01\ntitle: Later\nareas: [alpha]\n---\nNot yet.';
    const real = await me.call('POST', `/api/people/${me.personId}/entries/import`, {
      format: 'markdown',
      files: [{ name: 'later.md', content: md }],
      dryRun: false,
    });
    expect(real.statusCode).toBe(400);
    expect((real.json() as { error: { fields: Record<string, string> } }).error.fields).toEqual({
      'later.md:1': 'date: can’t be in the future: choose 2026-01-06 or earlier',
    });
  });

  it('does not count entries stored with a future date as recent evidence', async () => {
    const ctx = testContext(database.db);
    await submitSelfAssessment(ctx, me.personId, {
      ratings: ['alpha', 'beta', 'gamma'].map((areaId) => ({ areaId, level: 2 })),
    });
    const before = await buildReadinessReport(ctx, me.personId);
    // Stored before future dates were refused (written here under the service's checks).
    await insertEntry(
      database.db,
      {
        id: 'from-the-future',
        person_id: me.personId,
        occurred_on: '2030-01-01',
        title: 'Written in 2030',
        body: '',
        kind: 'delivery',
        source: 'manual',
        visibility: 'private',
        goal_id: null,
        goal_action_id: null,
        source_key: null,
        created_at: '2026-01-05T09:00:00.000Z',
        updated_at: '2026-01-05T09:00:00.000Z',
      },
      ['beta'],
      [],
    );
    const after = await buildReadinessReport(ctx, me.personId);
    expect(after.overall.evidenceLast90Days).toBe(before.overall.evidenceLast90Days);
    const beta = after.areas.find((a) => a.areaId === 'beta');
    expect(beta?.evidence).toMatchObject({ last90Days: 0, allTime: 1 });
    expect(after.overall.areasWithoutRecentEvidence).toContain(beta?.name);
  });

  it('the latest date is tomorrow in UTC, whatever the hour', () => {
    expect(latestEvidenceDate(new Date('2026-01-05T00:00:00Z'))).toBe('2026-01-06');
    expect(latestEvidenceDate(new Date('2026-01-05T23:59:59Z'))).toBe('2026-01-06');
    expect(latestEvidenceDate(new Date('2026-12-31T12:00:00Z'))).toBe('2027-01-01');
  });
});
