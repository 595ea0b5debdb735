import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { submitSelfAssessment } from '../../src/services/assessments/self-assessments.ts';
import { exportBackup, importBackup } from '../../src/services/backup/backup.ts';
import type { ServiceContext } from '../../src/services/context.ts';
import { importFramework } from '../../src/services/framework/import-framework.ts';
import {
  addCheckin,
  addGoalAction,
  createGoal,
  listGoals,
  updateGoal,
  updateGoalAction,
} from '../../src/services/goals/goals.ts';
import {
  createEntry,
  deleteEntry,
  evidenceTimeline,
  importEntries,
  listEntries,
  updateEntry,
} from '../../src/services/journal/journal.ts';
import { createPerson, updatePerson } from '../../src/services/people/people.ts';
import { buildReadinessReport } from '../../src/services/report/readiness.ts';
import { reportToHtml, reportToMarkdown, reportToPdf } from '../../src/services/report/render.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases.ts';
import { buildFramework, buildPersonInput, codeOf, testContext } from '../helpers/factories.ts';

describe.each(ENGINES)('growth plan, journal and report on %s', (engine) => {
  let database: TestDatabase;
  let ctx: ServiceContext;
  let personId: string;

  beforeEach(async () => {
    database = await createTestDatabase(engine);
    ctx = testContext(database.db); // clock: 2026-01-05
    await importFramework(ctx, buildFramework());
    personId = (await createPerson(ctx, buildPersonInput())).id;
  });
  afterEach(async () => {
    await database.destroy();
  });

  it('tracks goals, actions, check-ins, progress and overdue items', async () => {
    const goal = await createGoal(ctx, personId, {
      areaId: 'alpha',
      title: 'Lead the retro',
      why: 'Practice facilitation',
      successCriteria: 'Two retros run',
      dueOn: '2026-01-01',
      actions: [{ frameworkActionId: 'alpha-action-1' }, { title: 'Ask for feedback', dueOn: '2026-01-02' }],
    });
    expect(goal.actions.map((a) => a.title)).toEqual(['Do alpha thing 1', 'Ask for feedback']);
    expect(goal.progress).toEqual({ percent: 0, actionsDone: 0, actionsTotal: 2, isOverdue: true, overdueActions: 1 });
    const first = goal.actions[0]?.id as string;
    const done = await updateGoalAction(ctx, goal.id, first, { done: true });
    expect(done.progress.percent).toBe(50);
    expect(done.actions[0]?.doneOn).toBe('2026-01-05');
    const more = await addGoalAction(ctx, goal.id, { title: 'Write it up' });
    expect(more.actions).toHaveLength(3);
    const checked = await addCheckin(ctx, goal.id, { note: 'Going well', confidence: 4 });
    expect(checked.checkins[0]).toMatchObject({ note: 'Going well', confidence: 4 });
    const closed = await updateGoal(ctx, goal.id, { status: 'done' });
    expect(closed.progress).toMatchObject({ percent: 100, isOverdue: false, overdueActions: 0 });
    const list = await listGoals(ctx, personId, { status: 'open' });
    expect(list.goals).toEqual([]);
    expect(list.byArea.find((a) => a.areaId === 'alpha')).toMatchObject({ open: 0, done: 1, percent: 100 });
    expect(await codeOf(createGoal(ctx, personId, { areaId: 'omega', title: 'x' }))).toBe('AREA_NOT_FOUND');
    expect(await codeOf(addGoalAction(ctx, goal.id, { frameworkActionId: 'nope' }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(updateGoalAction(ctx, goal.id, 'nope', { done: true }))).toBe('GOAL_ACTION_NOT_FOUND');
  });

  it('records, filters, searches and links journal entries, rendering Markdown safely', async () => {
    const goal = await createGoal(ctx, personId, {
      areaId: 'beta',
      title: 'Mentor someone',
      actions: [{ title: 'Pair weekly' }],
    });
    const a = await createEntry(ctx, personId, {
      occurredOn: '2025-12-01',
      title: 'Walked a new teammate through the cache design',
      body: 'We covered **eviction**.<script>alert(1)</script> [x](javascript:alert(2))',
      areas: ['beta'],
      kind: 'pairing',
      links: ['https://example.com/pr/1'],
      goalActionId: goal.actions[0]?.id,
    });
    expect(a.goalId).toBe(goal.id);
    expect(a.visibility).toBe('private');
    expect(a.bodyHtml).toContain('<strong>eviction</strong>');
    expect(a.bodyHtml).not.toMatch(/script|javascript|alert\(2\)/);
    await createEntry(ctx, personId, {
      occurredOn: '2025-12-20',
      title: 'Reviewed caching proposal',
      areas: ['alpha', 'beta'],
      kind: 'review',
    });
    await createEntry(ctx, personId, {
      occurredOn: '2025-12-22',
      title: 'Ran the incident review',
      body: 'Calm, blameless.',
      areas: ['gamma'],
      kind: 'incident',
    });

    const titles = async (q: Parameters<typeof listEntries>[2]) =>
      (await listEntries(ctx, personId, q)).entries.map((e) => e.title);
    const page = { limit: 50, offset: 0 };
    expect(await titles({ ...page, areaId: 'beta' })).toEqual([
      'Reviewed caching proposal',
      'Walked a new teammate through the cache design',
    ]);
    expect(await titles({ ...page, kind: 'incident' })).toEqual(['Ran the incident review']);
    expect(await titles({ ...page, from: '2025-12-15', to: '2025-12-21' })).toEqual(['Reviewed caching proposal']);
    expect(await titles({ ...page, goalId: goal.id })).toEqual(['Walked a new teammate through the cache design']);
    // Full-text search: prefix match, all words, title and body, punctuation ignored.
    expect(await titles({ ...page, q: 'cach' })).toEqual([
      'Reviewed caching proposal',
      'Walked a new teammate through the cache design',
    ]);
    expect(await titles({ ...page, q: 'cache teammate' })).toEqual(['Walked a new teammate through the cache design']);
    expect(await titles({ ...page, q: 'blameless' })).toEqual(['Ran the incident review']);
    expect(await titles({ ...page, q: '"*:) AND' })).toEqual([]);
    expect(await titles({ ...page, q: '!!!' })).toEqual([]);
    const paged = await listEntries(ctx, personId, { limit: 2, offset: 2 });
    expect(paged).toMatchObject({ total: 3 });
    expect(paged.entries).toHaveLength(1);

    await updateEntry(ctx, a.id, { title: 'Explained eviction policies', areas: ['alpha'] });
    expect(await titles({ ...page, q: 'eviction policies' })).toEqual(['Explained eviction policies']);
    expect(await titles({ ...page, q: 'teammate' })).toEqual([]);
    await deleteEntry(ctx, a.id);
    expect(await titles({ ...page, q: 'eviction' })).toEqual([]);

    expect(await codeOf(createEntry(ctx, personId, { title: 'x', areas: ['omega'] }))).toBe('VALIDATION_FAILED');
    const other = await createPerson(ctx, buildPersonInput({ email: 'bo@example.com' }));
    expect(await codeOf(createEntry(ctx, other.id, { title: 'x', areas: ['alpha'], goalId: goal.id }))).toBe(
      'VALIDATION_FAILED',
    );
    expect((await listEntries(ctx, other.id, page)).total).toBe(0);
  });

  it('counts evidence per area per ISO week', async () => {
    await createEntry(ctx, personId, { occurredOn: '2026-01-05', title: 'a', areas: ['alpha', 'beta'] });
    await createEntry(ctx, personId, { occurredOn: '2026-01-04', title: 'b', areas: ['alpha'] });
    await createEntry(ctx, personId, { occurredOn: '2025-01-01', title: 'old', areas: ['alpha'] });
    const { weeks } = await evidenceTimeline(ctx, personId, 2);
    expect(weeks).toEqual([
      { week: '2026-W01', startsOn: '2025-12-29', counts: { alpha: 1 } },
      { week: '2026-W02', startsOn: '2026-01-05', counts: { alpha: 1, beta: 1 } },
    ]);
  });

  it('imports CSV and Markdown only when every row is clean, reporting bad rows by line', async () => {
    const csv = [
      'date,title,areas,kind,links',
      '2025-11-02,Gave the team demo,alpha,presentation,https://example.com/demo',
      '2025-13-40,Bad date,alpha,other,',
      '2025-11-03,,beta,review,',
      '2025-11-04,Unknown area,omega,review,',
      '2025-11-05,"Reviewed, with a comma",alpha;beta,review,',
    ].join('\n');
    const dry = await importEntries(ctx, personId, {
      format: 'csv',
      files: [{ name: 'log.csv', content: csv }],
      dryRun: true,
    });
    expect(dry.valid).toBe(2);
    expect(dry.problems.map((p) => [p.line, p.message.split(':')[0]])).toEqual([
      [3, 'date'],
      [4, 'title'],
      [5, 'areas.0'],
    ]);
    expect(
      await codeOf(
        importEntries(ctx, personId, { format: 'csv', files: [{ name: 'log.csv', content: csv }], dryRun: false }),
      ),
    ).toBe('IMPORT_INVALID');
    expect((await listEntries(ctx, personId, { limit: 10, offset: 0 })).total).toBe(0);

    const clean = csv
      .split('\n')
      .filter((_, i) => i === 0 || i === 1 || i === 5)
      .join('\n');
    const done = await importEntries(ctx, personId, {
      format: 'csv',
      files: [{ name: 'log.csv', content: clean }],
      dryRun: false,
    });
    expect(done).toMatchObject({ imported: 2, problems: [] });
    const md =
      '---\ndate: 2025-10-01\ntitle: Wrote the design doc\nareas: [gamma]\nkind: document\n---\nThe **why** and the plan.';
    const mdDone = await importEntries(ctx, personId, {
      format: 'markdown',
      files: [{ name: 'doc.md', content: md }],
      dryRun: false,
    });
    expect(mdDone.imported).toBe(1);
    const all = await listEntries(ctx, personId, { limit: 10, offset: 0 });
    expect(all.entries.map((e) => [e.occurredOn, e.title, e.areas, e.source])).toEqual([
      ['2025-11-05', 'Reviewed, with a comma', ['alpha', 'beta'], 'import'],
      ['2025-11-02', 'Gave the team demo', ['alpha'], 'import'],
      ['2025-10-01', 'Wrote the design doc', ['gamma'], 'import'],
    ]);
    const broken = await importEntries(ctx, personId, {
      format: 'markdown',
      files: [{ name: 'x.md', content: 'no front matter' }],
      dryRun: true,
    });
    expect(broken.problems[0]?.message).toMatch(/no front matter/);
  });

  it('builds a readiness report that shows its working, in every format', async () => {
    await updatePerson(ctx, personId, { track: 'manager', stage: 'lead' }); // targets 3 everywhere
    await submitSelfAssessment(ctx, personId, {
      ratings: [
        { areaId: 'alpha', level: 3 },
        { areaId: 'beta', level: 2 },
        { areaId: 'gamma', level: 3 },
      ],
    });
    const goal = await createGoal(ctx, personId, { areaId: 'beta', title: 'Grow in beta' });
    await createEntry(ctx, personId, {
      occurredOn: '2025-12-30',
      title: 'Small note',
      areas: ['alpha'],
      kind: 'other',
    });
    await createEntry(ctx, personId, {
      occurredOn: '2025-12-29',
      title: 'Shipped the migration',
      areas: ['alpha'],
      kind: 'delivery',
      goalId: goal.id,
    });
    await createEntry(ctx, personId, {
      occurredOn: '2025-06-01',
      title: 'Old talk',
      areas: ['beta'],
      kind: 'presentation',
    });

    const report = await buildReadinessReport(ctx, personId);
    expect(report.overall).toMatchObject({
      verdict: 'nearly',
      areasMeetingTarget: 2,
      totalGap: 1,
      evidenceLast90Days: 2,
      areasWithoutRecentEvidence: ['Beta', 'Gamma'],
    });
    expect(report.overall.working.join(' ')).toMatch(/2 of 3 areas are at or above target/);
    const alpha = report.areas.find((a) => a.areaId === 'alpha');
    expect(alpha?.evidence).toMatchObject({ last90Days: 2, allTime: 2 });
    expect(alpha?.evidence.strongest.map((e) => e.title)).toEqual(['Shipped the migration', 'Small note']);
    const beta = report.areas.find((a) => a.areaId === 'beta');
    expect(beta).toMatchObject({ verdict: 'below', gap: 1, evidence: { last90Days: 0, allTime: 1 } });
    expect(beta?.openGoals.map((g) => g.title)).toEqual(['Grow in beta']);
    expect(beta?.nextActions.length).toBeGreaterThan(0);

    const other = await buildReadinessReport(ctx, personId, { track: 'manager', stage: 'head' });
    expect(other.overall.verdict).toBe('not-yet');
    expect(await codeOf(buildReadinessReport(ctx, personId, { track: 'wizard' }))).toBe('TRACK_NOT_FOUND');

    const md = reportToMarkdown(report);
    expect(md).toContain('# Readiness report: Ada Lovelace');
    expect(md).toContain('| Beta | 2 | 3 | 1 | 0 / 1 | 1 |');
    const html = reportToHtml(report);
    expect(html).toContain('<h2>Overall: Nearly ready</h2>');
    const pdf = await reportToPdf(report);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(1500);
  });

  it('round-trips everything through a backup into the other engine without loss', async () => {
    await updatePerson(ctx, personId, { track: 'ic', team: 'Core' });
    await submitSelfAssessment(ctx, personId, {
      ratings: ['alpha', 'beta', 'gamma'].map((areaId) => ({ areaId, level: 2, comment: 'ok' })),
    });
    const goal = await createGoal(ctx, personId, { areaId: 'gamma', title: 'G', actions: [{ title: 'A1' }] });
    await addCheckin(ctx, goal.id, { note: 'fine', confidence: 3 });
    await createEntry(ctx, personId, {
      occurredOn: '2025-12-01',
      title: 'Ünïcode ✓ entry',
      body: 'x',
      areas: ['gamma'],
      links: ['https://e.x/1', 'https://e.x/2'],
      goalId: goal.id,
    });
    const backup = await exportBackup(ctx);
    expect(backup.tables.journal_entries[0]).not.toHaveProperty('search');

    const otherEngine = engine === 'sqlite' ? 'postgres' : 'sqlite';
    const target = await createTestDatabase(otherEngine);
    try {
      const targetCtx = testContext(target.db);
      const counts = await importBackup(targetCtx, JSON.parse(JSON.stringify(backup)));
      expect(counts).toMatchObject({
        people: 1,
        goals: 1,
        journal_entries: 1,
        journal_entry_links: 2,
        assessment_ratings: 3,
      });
      const again = await exportBackup(targetCtx);
      expect({ ...again, exportedAt: '' }).toEqual({ ...backup, exportedAt: '' });
      expect((await listEntries(targetCtx, personId, { limit: 5, offset: 0, q: 'ÜNÏCODE' })).total).toBe(1);
      expect(await codeOf(importBackup(targetCtx, backup))).toBe('DATABASE_NOT_EMPTY');
    } finally {
      await target.destroy();
    }
    expect(await codeOf(importBackup(ctx, { format: 'other' }))).toBe('BACKUP_INVALID');
  });
});
