import { type AssessmentOutput, type SubmitAssessmentInput, submitAssessmentInput } from '../../contracts/index.ts';
import {
  type AssessmentWithRatings,
  findAssessmentById,
  insertAssessment,
  listAssessments,
} from '../../db/repositories/assessments.ts';
import { AppError, type FieldErrors, notFound, parseInput } from '../../domain/errors.ts';
import { presentAssessment } from '../../presenters/index.ts';
import { ensureCanChange, ensureCanSee, isSelf, visibleTo } from '../access.ts';
import { nowIso, type ServiceContext } from '../context.ts';
import { getActiveFramework, getFrameworkById } from '../framework/active-framework.ts';
import { requirePerson } from '../people/people.ts';

const SELF = 'self';

/**
 * Records a dated self-assessment against the active framework. Every area needs a level; with
 * `carryForward`, areas left out take their level and comment from the latest assessment.
 * Earlier assessments are never changed.
 */
export async function submitSelfAssessment(
  ctx: ServiceContext,
  personId: string,
  rawInput: SubmitAssessmentInput,
): Promise<AssessmentOutput> {
  const input = parseInput(submitAssessmentInput, rawInput);
  const person = await requirePerson(ctx, personId);
  await ensureCanChange(ctx, personId, 'self-assessment');
  const { framework, installedId } = await getActiveFramework(ctx);
  const fields: FieldErrors = {};
  const known = new Set(framework.areas.map((a) => a.id));
  const given = new Map<string, { level: number; comment: string }>();
  input.ratings.forEach((r, i) => {
    if (!known.has(r.areaId)) fields[`ratings.${i}.areaId`] = `unknown area "${r.areaId}"`;
    else if (given.has(r.areaId)) fields[`ratings.${i}.areaId`] = `area "${r.areaId}" is rated twice`;
    else given.set(r.areaId, { level: r.level, comment: r.comment });
  });
  if (input.carryForward) {
    const [latest] = await listAssessments(ctx.db, personId, SELF, 1);
    for (const r of latest?.ratings ?? []) {
      if (known.has(r.area_id) && !given.has(r.area_id)) given.set(r.area_id, { level: r.level, comment: r.comment });
    }
  }
  for (const area of framework.areas) {
    if (!given.has(area.id)) fields[`ratings.${area.id}`] = `missing a level for ${area.name}`;
  }
  if (Object.keys(fields).length > 0) {
    throw new AppError(
      'invalid',
      'VALIDATION_FAILED',
      `The assessment needs exactly one level (1–4) for each of the ${framework.areas.length} areas.`,
      fields,
    );
  }
  const id = ctx.newId();
  await insertAssessment(
    ctx.db,
    {
      id,
      person_id: personId,
      framework_id: installedId,
      kind: SELF,
      visibility: input.visibility,
      track: person.track,
      stage: person.stage,
      created_at: nowIso(ctx),
    },
    framework.areas.map((area) => {
      const r = given.get(area.id) as { level: number; comment: string };
      return { assessment_id: id, area_id: area.id, level: r.level, comment: r.comment };
    }),
  );
  return getAssessment(ctx, id);
}

/** One assessment, read against the framework version it was made with. */
export async function getAssessment(ctx: ServiceContext, assessmentId: string): Promise<AssessmentOutput> {
  const row = await findAssessmentById(ctx.db, assessmentId);
  const missing = () => notFound('assessment', assessmentId);
  if (!row) throw missing();
  if (row.kind === SELF) await ensureCanSee(ctx, row.person_id, row.visibility, 'assessments', missing);
  else {
    // A 360 answer is read by its rater, and by the rated person only when it comes from their
    // manager or a mentor (named in the results anyway). A peer's answer is never read alone,
    // whatever the number of answers: the rated person sees peers only as an average of three or more.
    const byRater = row.rater_id !== null && isSelf(ctx, row.rater_id);
    const byRated = isSelf(ctx, row.person_id) && row.kind !== 'peer';
    if (!byRater && !byRated) throw missing();
  }
  return present(ctx, row);
}

/** A person's self-assessments, newest first. */
export async function listSelfAssessments(ctx: ServiceContext, personId: string): Promise<AssessmentOutput[]> {
  await requirePerson(ctx, personId);
  const rows = await visibleTo(ctx, personId, await listAssessments(ctx.db, personId, SELF), 'assessments');
  return Promise.all(rows.map((row) => present(ctx, row)));
}

async function present(ctx: ServiceContext, row: AssessmentWithRatings): Promise<AssessmentOutput> {
  const installed = await getFrameworkById(ctx, row.framework_id);
  return presentAssessment(row, installed?.framework.version ?? 'unknown');
}
