import { createHash, randomBytes } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { z } from 'zod';
import { findNonEmptyTable, insertManyRows, type PlainRow, refreshStatistics } from '../../db/repositories/demo.ts';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { type DemoWorld, emptyPersonRows, PERSON_TABLES, personYear } from '../../domain/demo/activity.ts';
import { MAX_DEMO_PEOPLE, planOrganisation, showcase } from '../../domain/demo/organisation.ts';
import { DemoIds, Random } from '../../domain/demo/random.ts';
import { AppError, parseInput } from '../../domain/errors.ts';
import { hashPassword } from '../auth/passwords.ts';
import type { ServiceContext } from '../context.ts';
import { getActiveFramework } from '../framework/active-framework.ts';

/** What `leadway demo` asks for. */
export const demoInput = z.strictObject({
  people: z
    .number()
    .int('must be a whole number')
    .min(1, 'at least 1')
    .max(MAX_DEMO_PEOPLE, `at most ${MAX_DEMO_PEOPLE.toLocaleString('en')}`),
  seed: z.string().trim().min(1, 'must not be empty').max(100).default('1'),
  password: z.string().min(10, 'use at least 10 characters').max(200).optional(),
});
export type DemoInput = z.input<typeof demoInput>;

/** Whom to sign in as: everyone shares one password. */
export interface DemoSummary {
  people: number;
  password: string;
  /** The head of engineering, the admin. */
  admin: string;
  /** A manager with at least five reports (null in an organisation too small for one). */
  manager: string | null;
  /** One of that manager's reports who shares entries and their latest self-assessment with them. */
  member: string | null;
}

/** The summary, plus what the command tells a person at the terminal. */
export interface DemoResult {
  summary: DemoSummary;
  seed: string;
  teams: number;
  rows: Partial<Record<keyof Database, number>>;
  names: { admin: string; manager: string | null; member: string | null; reports: number };
}

/** Every table but the installed frameworks must be empty before the demo fills it. */
const MUST_BE_EMPTY: ReadonlyArray<keyof Database> = [
  'people',
  'teams',
  'credentials',
  'journal_entries',
  'assessments',
  'goals',
  'git_repositories',
  'git_credits',
  'invitations',
  'path_reflections',
  'action_states',
  'mentorships',
  'person_emails',
  'sessions',
  'api_tokens',
  'audit_log',
  'assessment_rounds',
];

/** People whose year is generated and written together (bounded memory at any size). */
const PEOPLE_PER_BATCH = 250;

/** A password for the demo when none is given: random, never derived from the seed. */
function generatedPassword(): string {
  return `demo-${randomBytes(9).toString('base64url')}`;
}

/**
 * Fills an empty database with a demo organisation of `people` people: teams of 5–9 with a
 * manager each, managers of managers, mentors across teams, and a year of reflections,
 * self-assessments, goals, journal entries at every visibility, git evidence and 360 rounds,
 * dated up to the context's clock. Everyone signs in with their email and one password, hashed
 * once. The same seed (and password) gives the same rows. All or nothing: one transaction.
 */
export async function seedDemo(
  ctx: ServiceContext,
  raw: DemoInput,
  onProgress?: (done: number, total: number) => void,
): Promise<DemoResult> {
  const input = parseInput(demoInput, raw);
  const ids = new DemoIds(input.seed);
  // On a new database this installs the default framework, under an id from the seed too.
  const { framework, installedId } = await getActiveFramework({ ...ctx, newId: () => ids.at('framework', 1) });
  const password = input.password ?? generatedPassword();
  // One scrypt hash for everyone (each takes ~50 ms); its salt comes from the seed so a run is repeatable.
  const salt = createHash('sha256').update(`leadway-demo-salt\u0000${input.seed}`).digest().subarray(0, 16);
  const passwordHash = await hashPassword(password, salt);

  const plan = planOrganisation(input.people, framework, new Random(input.seed, 'organisation'));
  const picked = showcase(plan);
  const now = ctx.clock();
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * 86_400_000).toISOString();
  const personIds = plan.people.map((p) => ids.at('person', p.index + 1));
  const teamIds = plan.teams.map((t) => ids.at('team', t.index + 1));
  const repositories = new Map(
    plan.teams
      .filter((t) => t.isProduct)
      .map((t) => [t.index, { id: ids.at('repository', t.index + 1), name: t.slug }]),
  );
  const world: DemoWorld = {
    seed: input.seed,
    now,
    framework,
    frameworkId: installedId,
    plan,
    ids,
    personIds,
    repositories,
    showcaseIndex: picked.member?.index ?? null,
  };
  const counts: Partial<Record<keyof Database, number>> = {};
  const write = async (db: typeof ctx.db, table: keyof Database, rows: PlainRow[]) => {
    await insertManyRows(db, table, rows);
    counts[table] = (counts[table] ?? 0) + rows.length;
  };

  await inTransaction(ctx.db, async (trx) => {
    const busy = await findNonEmptyTable(trx, MUST_BE_EMPTY);
    if (busy) {
      throw new AppError(
        'precondition',
        'DATABASE_NOT_EMPTY',
        `The database already holds data (table ${busy}); the demo fills an empty database only. Point LEADWAY_DATA at an empty folder or DATABASE_URL at an empty database.`,
      );
    }
    await write(
      trx,
      'teams',
      plan.teams.map((t) => ({ id: teamIds[t.index] as string, name: t.name, created_at: at(420) })),
    );
    await write(
      trx,
      'people',
      plan.people.map((p) => ({
        id: personIds[p.index] as string,
        name: p.name,
        email: p.email,
        role_title: p.roleTitle,
        team_id: p.teamIndex === null ? null : (teamIds[p.teamIndex] as string),
        track: p.track,
        stage: p.stage,
        is_admin: p.isAdmin ? 1 : 0,
        manager_id: p.managerIndex === null ? null : (personIds[p.managerIndex] as string),
        created_at: at(p.joinedDaysAgo),
        updated_at: at(Math.min(p.joinedDaysAgo, 30)),
      })),
    );
    await write(
      trx,
      'credentials',
      plan.people.map((p) => ({
        person_id: personIds[p.index] as string,
        password_hash: passwordHash,
        updated_at: at(p.joinedDaysAgo),
      })),
    );
    await write(
      trx,
      'mentorships',
      plan.people.flatMap((p) =>
        p.mentorIndexes.map((m) => ({
          mentor_id: personIds[m] as string,
          mentee_id: personIds[p.index] as string,
          created_at: at(Math.min(p.joinedDaysAgo, 300)),
        })),
      ),
    );
    await write(
      trx,
      'git_repositories',
      [...repositories.entries()].map(([teamIndex, repo]) => ({
        id: repo.id,
        path: `/demo/git/${plan.teams[teamIndex]?.slug}.git`,
        name: repo.name,
        rev: 'HEAD',
        created_at: at(400),
        last_imported_at: at(1),
      })),
    );
    // The next batch is generated while the database writes the last one (PostgreSQL works in its
    // own process meanwhile; generation yields often so each statement is sent as soon as the one
    // before it is done).
    let writing: Promise<void> = Promise.resolve();
    let failure: unknown;
    for (let start = 0; start < plan.people.length; start += PEOPLE_PER_BATCH) {
      const rows = emptyPersonRows();
      const batch = plan.people.slice(start, start + PEOPLE_PER_BATCH);
      for (const [i, person] of batch.entries()) {
        personYear(world, person, rows);
        if (i % 8 === 7) await yieldToEventLoop();
      }
      await writing;
      if (failure) throw failure;
      const done = Math.min(plan.people.length, start + PEOPLE_PER_BATCH);
      writing = (async () => {
        for (const table of PERSON_TABLES) await write(trx, table, rows[table]);
        onProgress?.(done, plan.people.length);
      })().catch((error: unknown) => {
        failure = error;
      });
    }
    await writing;
    if (failure) throw failure;
  });

  await refreshStatistics(ctx.db);

  return {
    summary: {
      people: plan.people.length,
      password,
      admin: picked.admin.email,
      manager: picked.manager?.email ?? null,
      member: picked.member?.email ?? null,
    },
    seed: input.seed,
    teams: plan.teams.length,
    rows: counts,
    names: {
      admin: `${picked.admin.name} (${picked.admin.roleTitle})`,
      manager: picked.manager ? `${picked.manager.name} (${picked.manager.roleTitle})` : null,
      member: picked.member ? `${picked.member.name} (${picked.member.roleTitle})` : null,
      reports: picked.manager?.reports.length ?? 0,
    },
  };
}
