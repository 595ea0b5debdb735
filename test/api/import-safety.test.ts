import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_IMPORT_ENTRIES } from '../../src/domain/journal/import-parse.ts';
import { buildApp } from '../../src/server/app.ts';
import { importFramework } from '../../src/services/framework/import-framework.ts';
import { type SignedIn, signUpAdmin } from '../helpers/auth.ts';
import { leadway } from '../helpers/cli.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases.ts';
import { buildFramework, testContext } from '../helpers/factories.ts';

/** The review's proof of concept: a `---js` front matter that writes a file when evaluated. */
function hostileMarkdown(proof: string, fence = 'js'): string {
  return `---${fence}\n{title: 'T' + String(require('fs').writeFileSync(${JSON.stringify(proof)},'x')), date:'2026-01-01', areas:['alpha']}\n---\nbody\n`;
}

function csvOf(rows: number): string {
  const lines = ['date,title,areas'];
  // Dated before the tests' clock (2026-01-05): later dates are refused as the future.
  for (let i = 0; i < rows; i++) lines.push(`2025-12-${String((i % 28) + 1).padStart(2, '0')},Entry ${i},alpha`);
  return `${lines.join('\n')}\n`;
}

describe.each(ENGINES)('journal import safety on %s', (engine) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let me: SignedIn;
  let dir: string;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await importFramework(testContext(database.db), buildFramework());
    app = await buildApp({ ctx: testContext(database.db) });
    me = await signUpAdmin(app);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadway-import-safety-'));
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each([true, false])('never runs code in front matter (dry run %s), for every non-YAML fence', async (dryRun) => {
    for (const fence of ['js', 'javascript', 'coffee', 'custom']) {
      const proof = path.join(dir, `proof-${fence}-${dryRun}`);
      const res = await me.call('POST', `/api/people/${me.personId}/entries/import`, {
        format: 'markdown',
        dryRun,
        files: [{ name: 'a.md', content: hostileMarkdown(proof, fence) }],
      });
      expect(fs.existsSync(proof), `---${fence} was evaluated`).toBe(false);
      if (dryRun) {
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json()).toMatchObject({
          valid: 0,
          problems: [{ file: 'a.md', line: 1, message: expect.stringMatching(/only YAML/) }],
        });
      } else {
        expect(res.statusCode, res.body).toBe(400);
        expect(res.json()).toMatchObject({
          error: { code: 'IMPORT_INVALID', fields: { 'a.md:1': expect.any(String) } },
        });
      }
    }
  });

  it('refuses YAML tags that other readers turn into code', async () => {
    const res = await me.call('POST', `/api/people/${me.personId}/entries/import`, {
      format: 'markdown',
      dryRun: true,
      files: [
        { name: 'f.md', content: "---\ndate: 2026-01-01\ntitle: !!js/function 'function(){}'\nareas: [alpha]\n---\n" },
      ],
    });
    expect(res.json()).toMatchObject({ valid: 0, problems: [{ file: 'f.md', line: 3 }] });
  });

  it('the CLI refuses someone else’s hostile file the same way', async () => {
    const env: NodeJS.ProcessEnv =
      database.config.kind === 'sqlite'
        ? { LEADWAY_DATA: path.dirname(database.config.file) }
        : { DATABASE_URL: database.config.url };
    const proof = path.join(dir, 'proof-cli');
    const file = path.join(dir, 'hostile.md');
    fs.writeFileSync(file, hostileMarkdown(proof));
    for (const args of [['--dry-run'], []]) {
      const run = await leadway(env, dir, 'journal', 'import', file, ...args);
      expect(run.code).not.toBe(0);
      expect(`${run.stdout}${run.stderr}`).toMatch(/hostile\.md:1.*only YAML/);
    }
    expect(fs.existsSync(proof)).toBe(false);
  });

  it('refuses an import above the row limit with 413, even as a dry run, instead of crashing', async () => {
    const content = csvOf(130_000);
    expect(content.length).toBeGreaterThan(2_500_000);
    for (const dryRun of [true, false]) {
      const res = await me.call('POST', `/api/people/${me.personId}/entries/import`, {
        format: 'csv',
        dryRun,
        files: [{ name: 'big.csv', content }],
      });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(413);
      expect(res.json()).toEqual({
        error: { code: 'IMPORT_TOO_LARGE', message: expect.stringMatching(/at most 10,000 entries; split/) },
      });
    }
    // Two files that are each under the limit but together above it are refused too.
    const half = csvOf(MAX_IMPORT_ENTRIES / 2 + 1);
    const both = await me.call('POST', `/api/people/${me.personId}/entries/import`, {
      format: 'csv',
      dryRun: true,
      files: [
        { name: 'a.csv', content: half },
        { name: 'b.csv', content: half },
      ],
    });
    expect(both.statusCode).toBe(413);
    const count = await me.call('GET', `/api/people/${me.personId}/entries?limit=1`);
    expect((count.json() as { total: number }).total).toBe(0);
  });

  it('imports the largest allowed file in one piece while the server keeps answering', async () => {
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    let healthChecks = 0;
    let importing = true;
    const started = performance.now();
    const importing$ = me
      .call('POST', `/api/people/${me.personId}/entries/import`, {
        format: 'csv',
        files: [{ name: 'max.csv', content: csvOf(MAX_IMPORT_ENTRIES) }],
      })
      .finally(() => {
        importing = false;
      });
    // Health checks keep being answered while the import runs.
    while (importing) {
      const health = await app.inject({ method: 'GET', url: '/api/health' });
      expect(health.statusCode).toBe(200);
      healthChecks++;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const res = await importing$;
    delay.disable();
    const tookMs = performance.now() - started;
    const longestStallMs = delay.max / 1e6;
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.json()).toMatchObject({ imported: MAX_IMPORT_ENTRIES });
    console.log(
      `${engine}: imported ${MAX_IMPORT_ENTRIES} rows in ${tookMs.toFixed(0)} ms; longest event-loop stall ${longestStallMs.toFixed(0)} ms; ${healthChecks} health checks answered`,
    );
    expect(healthChecks).toBeGreaterThan(1);
    // Never blocked for long: each step (parse, a chunk of checks, one bulk statement) is short.
    expect(longestStallMs).toBeLessThan(500);
    const count = await me.call('GET', `/api/people/${me.personId}/entries?limit=1`);
    expect((count.json() as { total: number }).total).toBe(MAX_IMPORT_ENTRIES);
  });
});
