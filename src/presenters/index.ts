import type { AssessmentOutput, PersonOutput, ReflectionOutput } from '../contracts/index.ts';
import type { EmailsOutput } from '../contracts/people.ts';
import type { AssessmentWithRatings } from '../db/repositories/assessments.ts';
import type { PersonRow } from '../db/repositories/people.ts';
import type { ReflectionRow } from '../db/repositories/reflections.ts';

/**
 * Presenters decide exactly which fields leave the server (API and CLI --json alike).
 * Raw rows never go out: this is where a new column has to be let through on purpose.
 */

/** A profile; `mentorIds` are given by the caller (the row does not hold them). */
export function presentPerson(row: PersonRow, mentorIds: string[] = []): PersonOutput {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    roleTitle: row.role_title,
    team: row.team_name,
    track: row.track,
    stage: row.stage,
    isAdmin: Number(row.is_admin) === 1,
    managerId: row.manager_id,
    mentorIds,
    createdAt: row.created_at,
  };
}

/** An assessment with its ratings, named by the framework version it was made against. */
export function presentAssessment(row: AssessmentWithRatings, frameworkVersion: string): AssessmentOutput {
  return {
    id: row.id,
    personId: row.person_id,
    kind: row.kind,
    frameworkVersion,
    visibility: row.visibility,
    track: row.track,
    stage: row.stage,
    createdAt: row.created_at,
    ratings: row.ratings.map((r) => ({ areaId: r.area_id, level: r.level, comment: r.comment })),
  };
}

/** A path reflection with the reasons and counterpoints of its recommendation. */
export function presentReflection(
  row: ReflectionRow,
  extra: Pick<ReflectionOutput, 'reasons' | 'counterpoints'>,
): ReflectionOutput {
  return {
    id: row.id,
    personId: row.person_id,
    answers: JSON.parse(row.answers) as Record<string, number>,
    scores: JSON.parse(row.scores) as Record<string, number>,
    recommendedTrack: row.recommended_track,
    strength: row.strength as ReflectionOutput['strength'],
    reasons: extra.reasons,
    counterpoints: extra.counterpoints,
    chosenTrack: row.chosen_track,
    chosenStage: row.chosen_stage,
    why: row.why,
    createdAt: row.created_at,
  };
}

/** A person's addresses. */
export function presentEmails(primary: string, extra: string[]): EmailsOutput {
  return { primary, extra };
}
