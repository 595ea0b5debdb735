import type { RecommendationOutput, RecordReflectionInput, ReflectionOutput } from '../../contracts/index.ts';
import { updatePersonRow } from '../../db/repositories/people.ts';
import { insertReflection, listReflectionRows, type ReflectionRow } from '../../db/repositories/reflections.ts';
import { inTransaction } from '../../db/transaction.ts';
import { findStage } from '../../domain/framework/framework.ts';
import type { Framework } from '../../domain/framework/schema.ts';
import { recommendTrack } from '../../domain/path/recommend-track.ts';
import { presentReflection } from '../../presenters/index.ts';
import { ensureCanChange, ensureCanSee } from '../access.ts';
import { nowIso, type ServiceContext } from '../context.ts';
import { getActiveFramework, getFrameworkById } from '../framework/active-framework.ts';
import { requirePerson } from '../people/people.ts';

/** Recommends a track from reflection answers without saving anything (the "see my result" step). */
export async function previewRecommendation(
  ctx: ServiceContext,
  answers: Record<string, number>,
): Promise<RecommendationOutput> {
  const { framework } = await getActiveFramework(ctx);
  return recommendTrack(framework, answers);
}

/**
 * Saves a reflection with the person's choice and their own "why", and sets their track and
 * stage. Earlier reflections are kept as history.
 */
export async function recordReflection(
  ctx: ServiceContext,
  personId: string,
  input: RecordReflectionInput,
): Promise<ReflectionOutput> {
  await requirePerson(ctx, personId);
  await ensureCanChange(ctx, personId, 'path');
  const { framework, installedId } = await getActiveFramework(ctx);
  const recommendation = recommendTrack(framework, input.answers);
  const { track, stage } = findStage(
    framework,
    input.chosenTrack ?? recommendation.recommendedTrack,
    input.chosenStage,
  );
  const now = nowIso(ctx);
  const row: ReflectionRow = {
    id: ctx.newId(),
    person_id: personId,
    framework_id: installedId,
    answers: JSON.stringify(input.answers),
    scores: JSON.stringify(recommendation.scores),
    recommended_track: recommendation.recommendedTrack,
    strength: recommendation.strength,
    chosen_track: track.id,
    chosen_stage: stage.id,
    why: input.why,
    created_at: now,
  };
  await inTransaction(ctx.db, async (trx) => {
    await insertReflection(trx, row);
    await updatePersonRow(trx, personId, { track: track.id, stage: stage.id, updated_at: now });
  });
  return presentReflection(row, recommendation);
}

/** A person's reflections, newest first, each explained against the framework it was taken with. */
export async function listReflections(ctx: ServiceContext, personId: string): Promise<ReflectionOutput[]> {
  await requirePerson(ctx, personId);
  // A person's reasons for their path are theirs alone.
  await ensureCanSee(ctx, personId, 'private', 'path reflections');
  const rows = await listReflectionRows(ctx.db, personId);
  const out: ReflectionOutput[] = [];
  for (const row of rows) {
    const installed = await getFrameworkById(ctx, row.framework_id);
    out.push(presentReflection(row, explain(installed?.framework, row)));
  }
  return out;
}

function explain(framework: Framework | undefined, row: ReflectionRow) {
  if (!framework) return { reasons: [], counterpoints: [] };
  try {
    return recommendTrack(framework, JSON.parse(row.answers) as Record<string, number>);
  } catch {
    return { reasons: [], counterpoints: [] };
  }
}
