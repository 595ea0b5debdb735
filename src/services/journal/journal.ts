import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import {
  type CreateEntryInput,
  createEntryInput,
  type EntriesQuery,
  type EntryOutput,
  type ImportEntriesOutput,
  type TimelineOutput,
  type UpdateEntryInput,
  updateEntryInput,
} from '../../contracts/journal.ts';
import { findGoalActionById, findGoalRow } from '../../db/repositories/goals.ts';
import {
  deleteEntryRow,
  type EntryWithParts,
  findEntryById,
  insertEntries,
  insertEntry,
  listEntryAreaDates,
  listEntryIdentities,
  listEntryRows,
  updateEntryRow,
} from '../../db/repositories/journal.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError, type FieldErrors, fieldsFromIssues, notFound, parseInput } from '../../domain/errors.ts';
import type { Framework } from '../../domain/framework/schema.ts';
import { entryIdentity, splitDuplicates } from '../../domain/journal/import-duplicates.ts';
// The import parsers (csv-parse, yaml) load with the first import, not with every entry written.
import type { ImportProblem, ParsedEntry } from '../../domain/journal/import-parse.ts';
import { futureDateProblem, isoWeekOf } from '../../domain/journal/journal.ts';
import { presentEntry } from '../../presenters/journal.ts';
import { auditRead, ensureCanChange, ensureCanSee, readerScope, scopeSees } from '../access.ts';
import { nowIso, type ServiceContext } from '../context.ts';
import { getActiveFramework } from '../framework/active-framework.ts';
import { todayIso } from '../goals/goals.ts';
import { requirePerson } from '../people/people.ts';

function checkAreas(framework: Framework, areas: string[], fields: FieldErrors, prefix = 'areas') {
  const known = new Set(framework.areas.map((a) => a.id));
  areas.forEach((a, i) => {
    if (!known.has(a)) fields[`${prefix}.${i}`] = `unknown area "${a}" (known: ${[...known].join(', ')})`;
  });
}

/** Refuses an evidence date later than tomorrow (UTC) by the context's clock: it has not happened yet. */
function checkNotFuture(now: Date, date: string | undefined, fields: FieldErrors, key = 'occurredOn') {
  const problem = date === undefined ? undefined : futureDateProblem(date, now);
  if (problem) fields[key] = problem;
}

/** The error for an entry's field problems: the date's own words when it is the only one. */
function entryInvalid(fields: FieldErrors): AppError {
  const keys = Object.keys(fields);
  const message =
    keys.length === 1 && keys[0] === 'occurredOn'
      ? `Evidence ${fields.occurredOn}.`
      : keys.every((k) => k.startsWith('areas'))
        ? 'Unknown area.'
        : 'Please correct the marked fields.';
  return new AppError('invalid', 'VALIDATION_FAILED', message, fields);
}

/** Checks that a goal/action link points at the person's own goal; fills goalId from the action. */
async function resolveGoalLink(
  ctx: ServiceContext,
  personId: string,
  goalId: string | null | undefined,
  goalActionId: string | null | undefined,
): Promise<{ goal_id: string | null; goal_action_id: string | null }> {
  if (!goalId && !goalActionId) return { goal_id: null, goal_action_id: null };
  let resolvedGoal = goalId ?? null;
  if (goalActionId) {
    const action = await findGoalActionById(ctx.db, goalActionId);
    if (!action || (goalId && action.goal_id !== goalId)) {
      throw new AppError('invalid', 'VALIDATION_FAILED', 'That goal action does not exist on that goal.', {
        goalActionId: 'unknown action',
      });
    }
    resolvedGoal = action.goal_id;
  }
  const goal = resolvedGoal ? await findGoalRow(ctx.db, resolvedGoal) : undefined;
  if (!goal || goal.person_id !== personId) {
    throw new AppError('invalid', 'VALIDATION_FAILED', 'Entries can only be linked to your own goals.', {
      goalId: 'unknown goal',
    });
  }
  return { goal_id: goal.id, goal_action_id: goalActionId ?? null };
}

/** Records an evidence entry (quick capture from the CLI or the web). */
export async function createEntry(ctx: ServiceContext, personId: string, raw: CreateEntryInput): Promise<EntryOutput> {
  const input = parseInput(createEntryInput, raw);
  await requirePerson(ctx, personId);
  await ensureCanChange(ctx, personId, 'journal');
  const { framework } = await getActiveFramework(ctx);
  const fields: FieldErrors = {};
  checkAreas(framework, input.areas, fields);
  checkNotFuture(ctx.clock(), input.occurredOn, fields);
  if (Object.keys(fields).length > 0) throw entryInvalid(fields);
  const link = await resolveGoalLink(ctx, personId, input.goalId, input.goalActionId);
  const now = nowIso(ctx);
  const id = ctx.newId();
  await inTransaction(ctx.db, (trx) =>
    insertEntry(
      trx,
      {
        id,
        person_id: personId,
        occurred_on: input.occurredOn ?? todayIso(ctx),
        title: input.title,
        body: input.body,
        kind: input.kind,
        source: input.source,
        visibility: input.visibility,
        ...link,
        source_key: null,
        created_at: now,
        updated_at: now,
      },
      [...new Set(input.areas)],
      input.links,
    ),
  );
  return getEntry(ctx, id);
}

/** One entry; an entry the reader may not see answers exactly as one that does not exist. */
export async function getEntry(ctx: ServiceContext, entryId: string): Promise<EntryOutput> {
  const row = await findEntryById(ctx.db, entryId);
  if (!row) throw notFound('entry', entryId);
  const scope = await ensureCanSee(ctx, row.person_id, row.visibility, 'journal', () => notFound('entry', entryId));
  return presentEntry(row, scope);
}

/** The entry, when the acting person may change it; hidden entries answer as missing ones. */
async function entryToChange(ctx: ServiceContext, entryId: string): Promise<EntryWithParts> {
  const row = await findEntryById(ctx.db, entryId);
  if (!row) throw notFound('entry', entryId);
  await ensureCanChange(ctx, row.person_id, 'journal', {
    visibility: row.visibility,
    hidden: () => notFound('entry', entryId),
  });
  return row;
}

/** Edits an entry; only the fields given change. */
export async function updateEntry(ctx: ServiceContext, entryId: string, raw: UpdateEntryInput): Promise<EntryOutput> {
  const input = parseInput(updateEntryInput, raw);
  const row = await entryToChange(ctx, entryId);
  const fields: FieldErrors = {};
  if (input.areas) checkAreas((await getActiveFramework(ctx)).framework, input.areas, fields);
  checkNotFuture(ctx.clock(), input.occurredOn, fields);
  if (Object.keys(fields).length > 0) throw entryInvalid(fields);
  const link =
    input.goalId !== undefined || input.goalActionId !== undefined
      ? await resolveGoalLink(ctx, row.person_id, input.goalId, input.goalActionId)
      : {};
  await inTransaction(ctx.db, (trx) =>
    updateEntryRow(
      trx,
      entryId,
      {
        ...(input.occurredOn !== undefined ? { occurred_on: input.occurredOn } : {}),
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.body !== undefined ? { body: input.body } : {}),
        ...(input.kind !== undefined ? { kind: input.kind } : {}),
        ...(input.visibility !== undefined ? { visibility: input.visibility } : {}),
        ...link,
        updated_at: nowIso(ctx),
      },
      input.areas ? [...new Set(input.areas)] : undefined,
      input.links,
    ),
  );
  return getEntry(ctx, entryId);
}

/** Deletes an entry of the acting person's own. */
export async function deleteEntry(ctx: ServiceContext, entryId: string): Promise<void> {
  await entryToChange(ctx, entryId);
  await deleteEntryRow(ctx.db, entryId);
}

/** A page of entries matching the filters, newest first. */
export async function listEntries(
  ctx: ServiceContext,
  personId: string,
  query: EntriesQuery,
): Promise<{ entries: EntryOutput[]; total: number }> {
  await requirePerson(ctx, personId);
  const { limit, offset, ...filter } = query;
  // Only what this reader may see is listed or counted: others' private entries do not exist for them.
  const scope = await readerScope(ctx, personId);
  await auditRead(ctx, scope, 'journal');
  // Filtering by a goal the reader may not see finds nothing, as for an unknown goal.
  if (filter.goalId && scope.visibilities) {
    const goal = await findGoalRow(ctx.db, filter.goalId);
    if (!goal || !scopeSees(scope, goal.visibility)) return { entries: [], total: 0 };
  }
  const { entries, total } = await listEntryRows(
    ctx.db,
    personId,
    { ...filter, visibilities: scope.visibilities },
    { limit, offset },
  );
  return { entries: entries.map((row) => presentEntry(row, scope)), total };
}

/**
 * The day a timeline ends on: the server's date (UTC), or the reader's own when theirs is later
 * (east of UTC it is already tomorrow there); a time zone is never more than a day ahead.
 */
function timelineEnd(ctx: ServiceContext, readerToday: string | undefined): string {
  const today = todayIso(ctx);
  if (!readerToday || readerToday <= today) return today;
  const tomorrow = new Date(`${today}T00:00:00Z`);
  tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);
  if (readerToday > tomorrow.toISOString().slice(0, 10)) {
    throw new AppError(
      'invalid',
      'VALIDATION_FAILED',
      `"today" is more than a day after the server's date (${today}).`,
      {
        today: `must be at most a day after the server's date (${today})`,
      },
    );
  }
  return readerToday;
}

/**
 * Evidence per area per ISO week, oldest week first: exactly `weeks` weeks, the last one holding
 * today (see timelineEnd for whose today).
 */
export async function evidenceTimeline(
  ctx: ServiceContext,
  personId: string,
  weeks = 26,
  readerToday?: string,
): Promise<TimelineOutput> {
  await requirePerson(ctx, personId);
  const scope = await readerScope(ctx, personId);
  // Checked only once the reader may see this person: hidden and missing answer alike.
  const today = timelineEnd(ctx, readerToday);
  const { visibilities } = scope;
  await auditRead(ctx, scope, 'evidence timeline');
  const from = new Date(`${today}T00:00:00Z`);
  from.setUTCDate(from.getUTCDate() - 7 * (weeks - 1));
  const startWeek = isoWeekOf(from.toISOString().slice(0, 10)).startsOn;
  const rows = await listEntryAreaDates(ctx.db, personId, startWeek, visibilities);
  const byWeek = new Map<string, { week: string; startsOn: string; counts: Record<string, number> }>();
  for (let i = 0; i < weeks; i++) {
    const d = new Date(`${startWeek}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 7 * i);
    const w = isoWeekOf(d.toISOString().slice(0, 10));
    byWeek.set(w.week, { ...w, counts: {} });
  }
  for (const row of rows) {
    const bucket = byWeek.get(isoWeekOf(row.occurred_on).week);
    if (bucket) bucket.counts[row.area_id] = (bucket.counts[row.area_id] ?? 0) + 1;
  }
  return { weeks: [...byWeek.values()] };
}

/**
 * Imports entries from CSV or Markdown files. Every row is checked first; if any is bad, nothing
 * is imported and every problem is reported with its file and line. A dry run only checks.
 */
export async function importEntries(
  ctx: ServiceContext,
  personId: string,
  input: { format: 'csv' | 'markdown'; files: Array<{ name: string; content: string }>; dryRun: boolean },
): Promise<ImportEntriesOutput> {
  await requirePerson(ctx, personId);
  await ensureCanChange(ctx, personId, 'journal');
  const { framework } = await getActiveFramework(ctx);
  const { MAX_IMPORT_ENTRIES, parseCsvEntries, parseMarkdownEntry } = await import(
    '../../domain/journal/import-parse.ts'
  );
  const tooLarge = () =>
    new AppError(
      'too_large',
      'IMPORT_TOO_LARGE',
      `An import may hold at most ${MAX_IMPORT_ENTRIES.toLocaleString('en')} entries; split the file and import the parts one after another.`,
    );
  if (input.format === 'markdown' && input.files.length > MAX_IMPORT_ENTRIES) throw tooLarge();
  const parsed: ParsedEntry[] = [];
  const problems: ImportProblem[] = [];
  for (const f of input.files) {
    const left = MAX_IMPORT_ENTRIES - parsed.length;
    const result =
      input.format === 'csv' ? parseCsvEntries(f.name, f.content, left) : parseMarkdownEntry(f.name, f.content);
    if ('truncated' in result && result.truncated) throw tooLarge();
    for (const entry of result.entries) parsed.push(entry);
    for (const problem of result.problems) problems.push(problem);
    await yieldToEventLoop();
  }
  const valid: Array<{ entry: ParsedEntry; data: ReturnType<typeof createEntryInput.parse> }> = [];
  // One reading of the clock for the whole import: every row is judged against the same today.
  const today = ctx.clock();
  for (const [i, entry] of parsed.entries()) {
    const check = createEntryInput.safeParse({ ...entry.fields, source: 'import' });
    const fields: FieldErrors = check.success ? {} : fieldsFromIssues(check.error.issues);
    if (check.success) checkAreas(framework, check.data.areas, fields);
    if (check.success && !check.data.occurredOn) fields.date = 'required (YYYY-MM-DD)';
    if (check.success) checkNotFuture(today, check.data.occurredOn, fields, 'date');
    const messages = Object.entries(fields).map(([k, v]) => `${k === 'occurredOn' ? 'date' : k}: ${v}`);
    if (messages.length > 0) problems.push({ file: entry.file, line: entry.line, message: messages.join('; ') });
    else if (check.success) valid.push({ entry, data: check.data });
    if (i % 500 === 499) await yieldToEventLoop();
  }
  if (parsed.length === 0 && problems.length === 0) {
    problems.push({ file: input.files[0]?.name ?? '(input)', line: 1, message: 'no entries found' });
  }
  problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  const { fresh, duplicates } = await withoutDuplicates(ctx, personId, valid);
  if (input.dryRun) return { dryRun: true, valid: fresh.length, imported: 0, duplicates, problems };
  if (problems.length > 0) {
    throw new AppError(
      'invalid',
      'IMPORT_INVALID',
      `Nothing was imported: ${problems.length} problem${problems.length === 1 ? '' : 's'} to fix first.`,
      Object.fromEntries(problems.map((p) => [`${p.file}:${p.line}`, p.message])),
    );
  }
  const now = nowIso(ctx);
  const rows = fresh.map(({ data }) => ({
    row: {
      id: ctx.newId(),
      person_id: personId,
      occurred_on: data.occurredOn as string,
      title: data.title,
      body: data.body,
      kind: data.kind,
      source: 'import',
      visibility: data.visibility,
      goal_id: null,
      goal_action_id: null,
      source_key: null,
      created_at: now,
      updated_at: now,
    },
    areas: [...new Set(data.areas)],
    links: data.links,
  }));
  // One transaction (all or nothing), written in multi-row statements that yield between them.
  await inTransaction(ctx.db, (trx) => insertEntries(trx, rows));
  return { dryRun: false, valid: fresh.length, imported: fresh.length, duplicates, problems: [] };
}

/**
 * Sets aside the valid rows that are already in the journal or repeat an earlier row of the
 * import (domain/journal/import-duplicates.ts), reading the journal once for the import's dates.
 */
async function withoutDuplicates<T extends { entry: ParsedEntry; data: ReturnType<typeof createEntryInput.parse> }>(
  ctx: ServiceContext,
  personId: string,
  valid: T[],
): Promise<{ fresh: T[]; duplicates: ImportProblem[] }> {
  if (valid.length === 0) return { fresh: [], duplicates: [] };
  const dates = valid.map((v) => v.data.occurredOn as string).sort();
  const stored = await listEntryIdentities(ctx.db, personId, dates[0] as string, dates[dates.length - 1] as string);
  const identities = new Set(stored.map((e) => entryIdentity(e.occurred_on, e.title, e.areas)));
  const candidates = valid.map((v) => ({
    ...v,
    file: v.entry.file,
    line: v.entry.line,
    occurredOn: v.data.occurredOn as string,
    title: v.data.title,
    areas: v.data.areas,
  }));
  const { fresh, duplicates } = splitDuplicates(candidates, identities);
  return { fresh, duplicates };
}
