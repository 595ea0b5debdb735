import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import {
  type ExportedCredit,
  type ExportedEntry,
  type GivenRating,
  PERSONAL_DATA_FORMAT,
  type PersonalDataOutput,
} from '../../contracts/export.ts';
import { listActionStates } from '../../db/repositories/action-states.ts';
import { listApiTokensOf } from '../../db/repositories/api-tokens.ts';
import { listAuditLinesAbout } from '../../db/repositories/audit.ts';
import {
  type CreditPageEnd,
  type EntryPageEnd,
  type ExportCreditRow,
  type ExportEntryRow,
  listCreditPage,
  listEntryPage,
  listRatingsGivenBy,
} from '../../db/repositories/export.ts';
import { presentAuditLine } from '../../presenters/audit.ts';
import { presentApiToken } from '../../presenters/auth.ts';
import { listSelfAssessments } from '../assessments/self-assessments.ts';
import { nowIso, type ServiceContext } from '../context.ts';
import { listGoals } from '../goals/goals.ts';
import { listReflections } from '../path/reflections.ts';
import { listEmails } from '../people/emails.ts';
import { getPerson } from '../people/people.ts';
import { listRounds } from '../rounds/rounds.ts';
import { EXPORT_PAGE, ensureOwnData } from './own-data.ts';

/** A download on its way: its date (for the file name) and its text, piece by piece. */
export interface Download<T> {
  exportedAt: string;
  chunks: AsyncIterable<T>;
}

/** A journal entry as it leaves in a download (Markdown text, no rendering). */
export function presentExportedEntry(row: ExportEntryRow): ExportedEntry {
  return {
    id: row.id,
    occurredOn: row.occurred_on,
    title: row.title,
    body: row.body,
    areas: row.areas,
    kind: row.kind as ExportedEntry['kind'],
    source: row.source,
    links: row.links,
    visibility: row.visibility as ExportedEntry['visibility'],
    goalId: row.goal_id,
    goalActionId: row.goal_action_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function presentCredit(row: ExportCreditRow): ExportedCredit {
  return {
    repository: row.repository_name ?? row.repository_id,
    sha: row.sha,
    kind: row.kind,
    helpedEmail: row.helped_email,
    occurredOn: row.occurred_on,
    subject: row.subject,
  };
}

/** Every journal entry of a person, oldest first, a page at a time. */
export async function* entryPages(ctx: ServiceContext, personId: string): AsyncGenerator<ExportEntryRow[]> {
  let after: EntryPageEnd | undefined;
  for (;;) {
    const rows = await listEntryPage(ctx.db, personId, after, EXPORT_PAGE);
    if (rows.length > 0) yield rows;
    const last = rows.at(-1);
    if (!last || rows.length < EXPORT_PAGE) return;
    after = last;
    await yieldToEventLoop();
  }
}

async function* creditPages(ctx: ServiceContext, personId: string): AsyncGenerator<ExportCreditRow[]> {
  let after: CreditPageEnd | undefined;
  for (;;) {
    const rows = await listCreditPage(ctx.db, personId, after, EXPORT_PAGE);
    if (rows.length > 0) yield rows;
    const last = rows.at(-1);
    if (!last || rows.length < EXPORT_PAGE) return;
    after = last;
    await yieldToEventLoop();
  }
}

/** A JSON array written page by page. */
async function* jsonArray<R>(pages: AsyncIterable<R[]>, present: (row: R) => unknown): AsyncGenerator<string> {
  yield '[';
  let first = true;
  for await (const page of pages) {
    yield `${first ? '' : ','}${page.map((row) => JSON.stringify(present(row))).join(',')}`;
    first = false;
  }
  yield ']';
}

/**
 * Everything about a person that they can see (the contract's `personalDataOutput`), for that
 * person alone. The small parts are read and checked before the answer starts, so any error is
 * an ordinary error answer; git credits and the journal, which can be long, follow as a stream
 * read 500 rows at a time.
 */
export async function exportPersonalData(ctx: ServiceContext, personId: string): Promise<Download<string>> {
  await ensureOwnData(ctx, personId);
  const exportedAt = nowIso(ctx);
  const [person, emails, assessments, reflections, states, goals, rounds, given, tokens, audit] = await Promise.all([
    getPerson(ctx, personId),
    listEmails(ctx, personId),
    listSelfAssessments(ctx, personId),
    listReflections(ctx, personId),
    listActionStates(ctx.db, personId),
    listGoals(ctx, personId),
    listRounds(ctx, personId),
    listRatingsGivenBy(ctx.db, personId),
    listApiTokensOf(ctx.db, personId),
    listAuditLinesAbout(ctx.db, personId),
  ]);
  const ratingsGiven: GivenRating[] = given.map((row) => ({
    roundId: row.round_id,
    personId: row.person_id,
    personName: row.person_name,
    relation: row.kind,
    answeredAt: row.created_at,
    ratings: row.ratings.map((r) => ({ areaId: r.area_id, level: r.level, comment: r.comment })),
  }));
  // Written in the contract's order; the two long lists are streamed into their places.
  const head: Omit<PersonalDataOutput, 'git' | 'apiTokens' | 'accessLog' | 'journal'> = {
    format: PERSONAL_DATA_FORMAT,
    exportedAt,
    person,
    emails,
    assessments,
    reflections,
    actionStates: states.map((s) => ({
      actionId: s.action_id,
      state: s.state as PersonalDataOutput['actionStates'][number]['state'],
      updatedAt: s.updated_at,
    })),
    goals: goals.goals,
    rounds,
    ratingsGiven,
  };
  const tail = {
    apiTokens: tokens.map(presentApiToken),
    accessLog: audit.map(presentAuditLine),
  } satisfies Pick<PersonalDataOutput, 'apiTokens' | 'accessLog'>;
  async function* chunks(): AsyncGenerator<string> {
    const headText = JSON.stringify(head);
    yield `${headText.slice(0, -1)},"git":{"credits":`;
    yield* jsonArray(creditPages(ctx, personId), presentCredit);
    const tailText = JSON.stringify(tail);
    yield `},${tailText.slice(1, -1)},"journal":`;
    yield* jsonArray(entryPages(ctx, personId), presentExportedEntry);
    yield '}';
  }
  return { exportedAt, chunks: chunks() };
}
