import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TimelineOutput } from '../../src/contracts/journal.ts';
import { buildApp } from '../../src/server/app.ts';
import { importFramework } from '../../src/services/framework/import-framework.ts';
import { type SignedIn, signUpAdmin } from '../helpers/auth.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases.ts';
import { buildFramework } from '../helpers/factories.ts';

// Sunday 4 January 2026, 20:00 UTC: already Monday 5 January east of UTC+4. ISO week 2026-W01
// runs from Monday 29 December 2025; 2026-W02 from Monday 5 January.
const NOW = new Date(Date.UTC(2026, 0, 4, 20, 0));

describe.each(ENGINES)('evidence timeline on %s', (engine) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let me: SignedIn;
  const timeline = async (query: string) => {
    const res = await me.call('GET', `/api/people/${me.personId}/timeline?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as TimelineOutput;
  };
  const total = (t: TimelineOutput) => t.weeks.reduce((n, w) => n + (w.counts.alpha ?? 0), 0);

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    let id = 0;
    const ctx = { db: database.db, clock: () => NOW, newId: () => `id-${String(++id).padStart(4, '0')}` };
    await importFramework(ctx, buildFramework());
    app = await buildApp({ ctx });
    me = await signUpAdmin(app);
    for (const occurredOn of ['2025-10-12', '2025-10-13', '2026-01-04', '2026-01-05']) {
      const res = await me.call('POST', `/api/people/${me.personId}/entries`, {
        title: `Evidence of ${occurredOn}`,
        areas: ['alpha'],
        occurredOn,
      });
      expect(res.statusCode, res.body).toBe(201);
    }
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  it('gives exactly the weeks asked for, consecutive, the last holding the server’s today', async () => {
    const t = await timeline('weeks=12');
    expect(t.weeks).toHaveLength(12);
    expect(t.weeks[0]).toMatchObject({ week: '2025-W42', startsOn: '2025-10-13' });
    expect(t.weeks.at(-1)).toMatchObject({ week: '2026-W01', startsOn: '2025-12-29' });
    const days = t.weeks.map((w) => Date.parse(w.startsOn) / 86_400_000);
    expect(days.slice(1).map((d, i) => d - (days[i] as number))).toEqual(Array(11).fill(7));
    // 12 October is a week too early; 5 January is next week on the server.
    expect(total(t)).toBe(2);
  });

  it('ends with the reader’s week when their date is later than the server’s', async () => {
    const east = await timeline('weeks=12&today=2026-01-05');
    expect(east.weeks).toHaveLength(12);
    expect(east.weeks.at(-1)).toMatchObject({ week: '2026-W02', startsOn: '2026-01-05' });
    expect(east.weeks[0]?.startsOn).toBe('2025-10-20');
    expect(east.weeks.at(-1)?.counts.alpha).toBe(1);
    // West of UTC it is an earlier day: the server's week still ends the timeline.
    const west = await timeline('weeks=12&today=2026-01-03');
    expect(west.weeks.at(-1)?.week).toBe('2026-W01');
  });

  it('refuses a reader’s date more than a day ahead, or not a date', async () => {
    for (const today of ['2026-01-06', '2026-13-01', 'tomorrow']) {
      const res = await me.call('GET', `/api/people/${me.personId}/timeline?weeks=12&today=${today}`);
      expect(res.statusCode, today).toBe(400);
      const body = res.json() as { error: { code: string; fields?: Record<string, string> } };
      expect(body.error.code).toBe('VALIDATION_FAILED');
      expect(Object.keys(body.error.fields ?? {})).toEqual(['today']);
    }
  });
});
