import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  getAssessment,
  listSelfAssessments,
  submitSelfAssessment,
} from '../../src/services/assessments/self-assessments.ts';
import type { ServiceContext } from '../../src/services/context.ts';
import { getActiveFramework } from '../../src/services/framework/active-framework.ts';
import { importFramework } from '../../src/services/framework/import-framework.ts';
import { listReflections, recordReflection } from '../../src/services/path/reflections.ts';
import { createPerson, listPeople, updatePerson } from '../../src/services/people/people.ts';
import { getNextActions, getStanding, setActionState } from '../../src/services/progress/standing.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases.ts';
import { buildArea, buildFramework, buildPersonInput, codeOf, testContext } from '../helpers/factories.ts';

const MANAGERISH = { 'q-people': 5, 'q-build': 2, 'q-meetings': 4, 'q-depth': 3 };

describe.each(ENGINES)('services on %s', (engine) => {
  let database: TestDatabase;
  let ctx: ServiceContext;

  beforeEach(async () => {
    database = await createTestDatabase(engine);
    ctx = testContext(database.db);
  });
  afterEach(async () => {
    await database.destroy();
  });

  it('installs the default framework exactly once, even when asked concurrently', async () => {
    const results = await Promise.all([getActiveFramework(ctx), getActiveFramework(ctx), getActiveFramework(ctx)]);
    expect(new Set(results.map((r) => r.installedId)).size).toBe(1);
    const count = await database.db
      .selectFrom('frameworks')
      .select(sql<number>`cast(count(*) as integer)`.as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
    expect(results[0]?.framework.areas).toHaveLength(10);
  });

  it('creates people with teams and refuses a second profile with the same email', async () => {
    const ada = await createPerson(ctx, buildPersonInput({ email: 'Ada@Example.com' }));
    expect(ada).toMatchObject({ email: 'ada@example.com', team: 'Payments', track: null });
    await createPerson(ctx, buildPersonInput({ name: 'Grace', email: 'grace@example.com' }));
    expect(await codeOf(createPerson(ctx, buildPersonInput({ email: 'ADA@example.com' })))).toBe('EMAIL_TAKEN');
    const people = await listPeople(ctx);
    expect(people.map((p) => p.name)).toEqual(['Ada Lovelace', 'Grace']);
    const teams = await database.db.selectFrom('teams').selectAll().execute();
    expect(teams).toHaveLength(1);
  });

  it('keeps every reflection and sets the chosen track', async () => {
    await importFramework(ctx, buildFramework());
    const ada = await createPerson(ctx, buildPersonInput());
    const first = await recordReflection(ctx, ada.id, { answers: MANAGERISH, why: 'I like growing people.' });
    expect(first).toMatchObject({ recommendedTrack: 'manager', chosenTrack: 'manager', chosenStage: 'lead' });
    expect(first.reasons[0]?.explanation).toBe('People energise you.');
    await recordReflection(ctx, ada.id, {
      answers: MANAGERISH,
      chosenTrack: 'ic',
      chosenStage: 'staff',
      why: 'On second thought, I want to build.',
    });
    const history = await listReflections(ctx, ada.id);
    expect(history.map((h) => [h.chosenTrack, h.why])).toEqual([
      ['ic', 'On second thought, I want to build.'],
      ['manager', 'I like growing people.'],
    ]);
    expect(history[1]?.answers).toEqual(MANAGERISH);
    const standing = await getStanding(ctx, ada.id);
    expect(standing.track?.id).toBe('ic');
    expect(await codeOf(recordReflection(ctx, ada.id, { answers: MANAGERISH, chosenTrack: 'pirate', why: 'x' }))).toBe(
      'TRACK_NOT_FOUND',
    );
    expect(await codeOf(recordReflection(ctx, 'nobody', { answers: MANAGERISH, why: 'x' }))).toBe('PERSON_NOT_FOUND');
  });

  it('stores dated self-assessments, keeps earlier ones and shows the previous level', async () => {
    await importFramework(ctx, buildFramework());
    const ada = await createPerson(ctx, buildPersonInput());
    await updatePerson(ctx, ada.id, { track: 'manager' });
    const missing = submitSelfAssessment(ctx, ada.id, { ratings: [{ areaId: 'alpha', level: 2 }] });
    expect(await codeOf(missing)).toBe('VALIDATION_FAILED');
    const first = await submitSelfAssessment(ctx, ada.id, {
      ratings: [
        { areaId: 'alpha', level: 1, comment: 'new to it' },
        { areaId: 'beta', level: 2 },
        { areaId: 'gamma', level: 3 },
      ],
    });
    const second = await submitSelfAssessment(ctx, ada.id, {
      ratings: [{ areaId: 'alpha', level: 2, comment: 'ran the retro' }],
      carryForward: true,
    });
    expect(second.ratings).toEqual([
      { areaId: 'alpha', level: 2, comment: 'ran the retro' },
      { areaId: 'beta', level: 2, comment: '' },
      { areaId: 'gamma', level: 3, comment: '' },
    ]);
    expect((await listSelfAssessments(ctx, ada.id)).map((a) => a.id)).toEqual([second.id, first.id]);
    expect((await getAssessment(ctx, first.id)).ratings[0]).toEqual({
      areaId: 'alpha',
      level: 1,
      comment: 'new to it',
    });

    const standing = await getStanding(ctx, ada.id);
    expect(standing.areas.map((a) => [a.areaId, a.current, a.previous, a.target, a.gap])).toEqual([
      ['alpha', 2, 1, 3, 1],
      ['beta', 2, 2, 3, 1],
      ['gamma', 3, 3, 3, 0],
    ]);
    expect(standing.assessedAt).toBe(second.createdAt);
    expect(standing.previousAssessedAt).toBe(first.createdAt);
  });

  it('proposes next actions, and forgets done and dismissed ones until reopened', async () => {
    await importFramework(ctx, buildFramework());
    const ada = await createPerson(ctx, buildPersonInput());
    expect((await getNextActions(ctx, ada.id)).needs).toBe('path');
    await updatePerson(ctx, ada.id, { track: 'manager', stage: 'lead' });
    expect((await getNextActions(ctx, ada.id)).needs).toBe('assessment');
    await submitSelfAssessment(ctx, ada.id, {
      ratings: [
        { areaId: 'alpha', level: 1 },
        { areaId: 'beta', level: 2 },
        { areaId: 'gamma', level: 3 },
      ],
    });
    const first = await getNextActions(ctx, ada.id);
    expect(first.actions.map((a) => a.id)).toEqual(['alpha-action-1', 'beta-action-2', 'alpha-action-3']);
    await setActionState(ctx, ada.id, 'alpha-action-1', { state: 'done' });
    await setActionState(ctx, ada.id, 'beta-action-2', { state: 'dismissed' });
    const second = await getNextActions(ctx, ada.id);
    expect(second.actions.map((a) => a.id)).not.toContain('alpha-action-1');
    expect(second.actions.map((a) => a.id)).not.toContain('beta-action-2');
    expect(second).toMatchObject({ done: 1, dismissed: 1 });
    await setActionState(ctx, ada.id, 'alpha-action-1', { state: 'open' });
    expect((await getNextActions(ctx, ada.id)).actions[0]?.id).toBe('alpha-action-1');
    expect(await codeOf(setActionState(ctx, ada.id, 'no-such-action', { state: 'done' }))).toBe('ACTION_NOT_FOUND');
  });

  it('imports framework versions without rewriting past assessments', async () => {
    const v1 = buildFramework();
    expect((await importFramework(ctx, v1)).status).toBe('installed');
    expect((await importFramework(ctx, v1)).status).toBe('unchanged');
    const ada = await createPerson(ctx, buildPersonInput());
    const old = await submitSelfAssessment(ctx, ada.id, {
      ratings: ['alpha', 'beta', 'gamma'].map((areaId) => ({ areaId, level: 2 })),
    });
    const v2 = buildFramework({ version: '2.0.0', areas: [buildArea('alpha'), buildArea('delta')] });
    for (const stage of v2.tracks.flatMap((t) => t.stages)) stage.targets = { alpha: 3, delta: 3 };
    expect((await importFramework(ctx, v2)).status).toBe('installed');
    expect((await getActiveFramework(ctx)).framework.version).toBe('2.0.0');
    const before = await getAssessment(ctx, old.id);
    expect(before.frameworkVersion).toBe('1.0.0');
    expect(before.ratings.map((r) => r.areaId)).toEqual(['alpha', 'beta', 'gamma']);

    const changedV1 = { ...v1, name: 'Renamed without a new version' };
    expect(await codeOf(importFramework(ctx, changedV1))).toBe('FRAMEWORK_VERSION_EXISTS');
    expect((await importFramework(ctx, v1)).status).toBe('reactivated');
    expect((await getActiveFramework(ctx)).framework.version).toBe('1.0.0');
    expect(await codeOf(importFramework(ctx, { format: 'nope' }))).toBe('FRAMEWORK_INVALID');
  });
});
