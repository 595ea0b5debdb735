import type { FastifyInstance } from 'fastify';
import type {
  Kysely,
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  UnknownRow,
} from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as migration0006 from '../../src/db/migrations/0006-unique-answers-and-accent-search.ts';
import { buildApp } from '../../src/server/app.ts';
import { asActor } from '../../src/services/context.ts';
import { importFramework } from '../../src/services/framework/import-framework.ts';
import { submitRating } from '../../src/services/rounds/rounds.ts';
import { inviteAndJoin, type SignedIn, signUpAdmin } from '../helpers/auth.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases.ts';
import { buildFramework, testContext } from '../helpers/factories.ts';

const AREAS = ['alpha', 'beta', 'gamma'];

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
 * A 360 answer is stored once per rater and round: a second submit, even at the same moment, gets
 * 409 ALREADY_RATED and changes nothing; the database refuses a second answer row; and the results
 * page costs the same number of statements however many rounds and answers there are.
 */
describe.each(ENGINES)('360 answers on %s', (engine) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  const counter = new StatementCounter();
  let member: SignedIn;
  let raters: SignedIn[];

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await importFramework(testContext(database.db), buildFramework());
    app = await buildApp({ ctx: testContext(database.db.withPlugin(counter)) });
    const admin = await signUpAdmin(app, { email: 'admin@example.com', name: 'Admin' });
    member = await inviteAndJoin(app, admin, { email: 'member@example.com', name: 'Member', team: 'core' });
    raters = [];
    for (const n of [1, 2, 3, 4]) {
      raters.push(await inviteAndJoin(app, admin, { email: `peer${n}@example.com`, name: `Peer ${n}`, team: 'core' }));
    }
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  const openRound = async (who: SignedIn[] = raters) => {
    const res = await member.call('POST', `/api/people/${member.personId}/rounds`, {
      raters: who.map((r) => ({ personId: r.personId, relation: 'peer' })),
    });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { id: string }).id;
  };
  const answer = (rater: SignedIn, roundId: string, level: number) =>
    rater.call('POST', `/api/rounds/${roundId}/ratings`, {
      ratings: AREAS.map((areaId) => ({ areaId, level, comment: `level ${level}` })),
    });
  const storedAnswers = async (roundId: string, raterId: string) =>
    database.db
      .selectFrom('assessments')
      .select(['id', 'created_at'])
      .where('round_id', '=', roundId)
      .where('rater_id', '=', raterId)
      .execute();

  it('refuses a second answer with 409 ALREADY_RATED and keeps the first', async () => {
    const roundId = await openRound();
    const [rater] = raters as [SignedIn];
    const first = await answer(rater, roundId, 2);
    expect(first.statusCode, first.body).toBe(201);
    const second = await answer(rater, roundId, 4);
    expect(second.statusCode).toBe(409);
    expect(second.json()).toEqual({
      error: { code: 'ALREADY_RATED', message: 'You have answered this round already; your first answer is kept.' },
    });
    const stored = await storedAnswers(roundId, rater.personId);
    expect(stored.map((a) => a.id)).toEqual([(first.json() as { assessmentId: string }).assessmentId]);
  });

  it('stores one answer when the same rater submits several times at the same moment', async () => {
    const roundId = await openRound();
    const [rater] = raters as [SignedIn];
    const results = await Promise.all([1, 2, 3, 4, 3].map((level) => answer(rater, roundId, level)));
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409]);
    for (const refused of results.filter((r) => r.statusCode === 409)) {
      expect((refused.json() as { error: { code: string } }).error.code).toBe('ALREADY_RATED');
    }
    const stored = await storedAnswers(roundId, rater.personId);
    expect(stored).toHaveLength(1);
    const kept = results.find((r) => r.statusCode === 201)?.json() as { assessmentId: string };
    expect(stored[0]?.id).toBe(kept.assessmentId);
    // The invitation points at the answer stored, and the round shows it once.
    const invite = await database.db
      .selectFrom('round_raters')
      .select('assessment_id')
      .where('round_id', '=', roundId)
      .where('rater_id', '=', rater.personId)
      .executeTakeFirstOrThrow();
    expect(invite.assessment_id).toBe(kept.assessmentId);
  });

  it('stores one answer when two submits both find the invitation unanswered', async () => {
    const roundId = await openRound();
    const [rater] = raters as [SignedIn];
    // Hold both reads of the invitation until both have been made: each submit then believes it is
    // the first, as two requests racing on two connections can.
    let waiting: Array<() => void> = [];
    const barrier: KyselyPlugin = {
      transformQuery: (args) => args.node,
      async transformResult(args) {
        if (args.result.rows.length === 1 && 'invited_at' in (args.result.rows[0] ?? {})) {
          await new Promise<void>((resolve) => {
            waiting.push(resolve);
            if (waiting.length === 2) {
              for (const release of waiting) release();
              waiting = [];
            }
          });
        }
        return args.result;
      },
    };
    const ctx = asActor(testContext(database.db.withPlugin(barrier)), {
      kind: 'person',
      id: rater.personId,
      isAdmin: false,
    });
    const ratings = { ratings: AREAS.map((areaId) => ({ areaId, level: 2 })) };
    const outcomes = await Promise.allSettled([
      submitRating(ctx, roundId, ratings),
      submitRating(ctx, roundId, ratings),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'ALREADY_RATED', kind: 'conflict' });
    expect(await storedAnswers(roundId, rater.personId)).toHaveLength(1);
  });

  it('the database refuses a second answer row for the same round and rater', async () => {
    const roundId = await openRound();
    const [rater] = raters as [SignedIn];
    expect((await answer(rater, roundId, 2)).statusCode).toBe(201);
    const framework = await database.db.selectFrom('frameworks').select('id').executeTakeFirstOrThrow();
    await expect(
      database.db
        .insertInto('assessments')
        .values({
          id: 'duplicate-answer',
          person_id: member.personId,
          framework_id: framework.id,
          kind: 'peer',
          visibility: 'private',
          round_id: roundId,
          rater_id: rater.personId,
          track: null,
          stage: null,
          created_at: '2026-01-05T10:00:00.000Z',
        })
        .execute(),
    ).rejects.toThrow();
  });

  it('lists rounds in a fixed number of statements, however many rounds and answers', async () => {
    const statementsForList = async () => {
      await member.call('GET', `/api/people/${member.personId}/rounds`);
      counter.count = 0;
      const res = await member.call('GET', `/api/people/${member.personId}/rounds`);
      expect(res.statusCode).toBe(200);
      return { statements: counter.count, rounds: (res.json() as unknown[]).length };
    };
    const before = await statementsForList();
    for (let i = 0; i < 3; i++) {
      const roundId = await openRound();
      for (const rater of raters) expect((await answer(rater, roundId, 3)).statusCode).toBe(201);
    }
    const after = await statementsForList();
    expect(after.rounds).toBe(before.rounds + 3);
    expect(after.statements).toBe(before.statements);
    // Sign-in (4), the person, the rounds, their raters, the answers' ratings, the self-assessments (2).
    expect(after.statements).toBeLessThanOrEqual(12);
    // Three peers or more: their average is shown.
    const latest = (await member.call('GET', `/api/people/${member.personId}/rounds`)).json() as Array<{
      peers: { answered: number; shown: boolean; average: Record<string, number> | null };
    }>;
    expect(latest[0]?.peers).toEqual({ answered: 4, shown: true, average: { alpha: 3, beta: 3, gamma: 3 } });
  });

  it('migration 0006 removes answers stored twice before it, keeping the first', async () => {
    await migration0006.down(database.db as unknown as Kysely<unknown>);
    const roundId = await openRound();
    const [rater] = raters as [SignedIn];
    const first = await answer(rater, roundId, 1);
    expect(first.statusCode).toBe(201);
    const firstId = (first.json() as { assessmentId: string }).assessmentId;
    // What the old code let through: a second answer row, and the invitation pointing at it.
    const framework = await database.db.selectFrom('frameworks').select('id').executeTakeFirstOrThrow();
    await database.db
      .insertInto('assessments')
      .values({
        id: 'zz-second-answer',
        person_id: member.personId,
        framework_id: framework.id,
        kind: 'peer',
        visibility: 'private',
        round_id: roundId,
        rater_id: rater.personId,
        track: null,
        stage: null,
        created_at: '2099-01-01T00:00:00.000Z',
      })
      .execute();
    await database.db
      .insertInto('assessment_ratings')
      .values(AREAS.map((area_id) => ({ assessment_id: 'zz-second-answer', area_id, level: 4, comment: '' })))
      .execute();
    await database.db
      .updateTable('round_raters')
      .set({ assessment_id: 'zz-second-answer' })
      .where('round_id', '=', roundId)
      .where('rater_id', '=', rater.personId)
      .execute();
    await migration0006.up(database.db as unknown as Kysely<unknown>);
    expect((await storedAnswers(roundId, rater.personId)).map((a) => a.id)).toEqual([firstId]);
    const leftovers = await database.db
      .selectFrom('assessment_ratings')
      .select('area_id')
      .where('assessment_id', '=', 'zz-second-answer')
      .execute();
    expect(leftovers).toEqual([]);
    const invite = await database.db
      .selectFrom('round_raters')
      .select('assessment_id')
      .where('round_id', '=', roundId)
      .where('rater_id', '=', rater.personId)
      .executeTakeFirstOrThrow();
    expect(invite.assessment_id).toBe(firstId);
  });
});
