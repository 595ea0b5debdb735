import type { NextActionsOutput, SetActionStateInput, StandingOutput } from '../../contracts/index.ts';
import { deleteActionState, listActionStates, upsertActionState } from '../../db/repositories/action-states.ts';
import { type AssessmentWithRatings, listAssessments } from '../../db/repositories/assessments.ts';
import { AppError } from '../../domain/errors.ts';
import { findStage, targetsFor } from '../../domain/framework/framework.ts';
import { type ActionState, pickNextActions } from '../../domain/progress/next-actions.ts';
import { type AreaStanding, type Rating, standingByArea } from '../../domain/progress/standing.ts';
import { presentPerson } from '../../presenters/index.ts';
import { presentNextAction } from '../../presenters/progress.ts';
import { audit, ensureCanChange, ensureCanSee, readerScope } from '../access.ts';
import { nowIso, type ServiceContext } from '../context.ts';
import { getActiveFramework } from '../framework/active-framework.ts';
import { requirePerson } from '../people/people.ts';

function ratingsOf(assessment: AssessmentWithRatings | undefined): Map<string, Rating> | null {
  if (!assessment) return null;
  return new Map(assessment.ratings.map((r) => [r.area_id, { level: r.level, comment: r.comment }]));
}

/**
 * Where a person stands: latest and previous self-assessed level (of those the reader may see) per area against the targets of
 * their chosen track and stage in the active framework.
 */
export async function getStanding(
  ctx: ServiceContext,
  personId: string,
  target: { track?: string | undefined; stage?: string | undefined } = {},
): Promise<StandingOutput> {
  const person = await requirePerson(ctx, personId);
  const { framework } = await getActiveFramework(ctx);
  // "Latest" and "previous" are the newest self-assessments this reader may see: a level from an
  // assessment kept from them never shows, not even as the "before" of a shared one.
  const scope = await readerScope(ctx, personId);
  const [latest, previous] = await listAssessments(ctx.db, personId, 'self', 2, scope.visibilities);
  if (!latest && scope.visibilities) throw new AppError('not_found', 'NOT_FOUND', 'No standing to show here.');
  await audit(ctx, personId, 'read', 'standing');
  // Another track or stage than the person's own may be asked for ("what if I aimed for staff?").
  const trackId = target.track ?? person.track;
  const stageId = target.track ? (target.stage ?? null) : (target.stage ?? person.stage);
  if (trackId) findStage(framework, trackId, stageId);
  const targets = targetsFor(framework, trackId, stageId);
  const track = framework.tracks.find((t) => t.id === trackId);
  const stage = track?.stages.find((s) => s.id === stageId) ?? track?.stages[0];
  return {
    person: presentPerson(person),
    frameworkVersion: framework.version,
    track: track ? { id: track.id, name: track.name } : null,
    stage: stage ? { id: stage.id, name: stage.name } : null,
    assessedAt: latest?.created_at ?? null,
    previousAssessedAt: previous?.created_at ?? null,
    areas: standingByArea(framework, ratingsOf(latest), ratingsOf(previous), targets),
  };
}

/** The next `limit` actions for the person's largest gaps, or what they must do first. */
export async function getNextActions(ctx: ServiceContext, personId: string, limit = 3): Promise<NextActionsOutput> {
  await requirePerson(ctx, personId);
  await ensureCanSee(ctx, personId, 'private', 'next actions');
  const standing = await getStanding(ctx, personId);
  const states = await listActionStates(ctx.db, personId);
  const stateMap = new Map(states.map((s) => [s.action_id, s.state as ActionState]));
  const counts = {
    done: states.filter((s) => s.state === 'done').length,
    dismissed: states.filter((s) => s.state === 'dismissed').length,
  };
  if (!standing.track) return { needs: 'path', actions: [], ...counts };
  if (!standing.assessedAt) return { needs: 'assessment', actions: [], ...counts };
  const { framework } = await getActiveFramework(ctx);
  const picked = pickNextActions(framework, standing.areas as AreaStanding[], stateMap, limit);
  return {
    needs: null,
    actions: picked.map(presentNextAction),
    ...counts,
  };
}

/** Marks a suggested action done or dismissed, or "open" to have it suggested again. */
export async function setActionState(
  ctx: ServiceContext,
  personId: string,
  actionId: string,
  input: SetActionStateInput,
): Promise<{ actionId: string; state: SetActionStateInput['state']; updatedAt: string }> {
  await requirePerson(ctx, personId);
  await ensureCanChange(ctx, personId, 'actions');
  const { framework } = await getActiveFramework(ctx);
  if (!framework.areas.some((a) => a.actions.some((x) => x.id === actionId))) {
    throw new AppError(
      'not_found',
      'ACTION_NOT_FOUND',
      `No suggested action with id "${actionId}" in the active framework.`,
    );
  }
  const updatedAt = nowIso(ctx);
  if (input.state === 'open') await deleteActionState(ctx.db, personId, actionId);
  else
    await upsertActionState(ctx.db, {
      person_id: personId,
      action_id: actionId,
      state: input.state,
      updated_at: updatedAt,
    });
  return { actionId, state: input.state, updatedAt };
}
