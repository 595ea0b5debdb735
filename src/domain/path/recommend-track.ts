import { AppError, type FieldErrors } from '../errors.ts';
import type { Framework, ReflectionQuestion } from '../framework/schema.ts';

/** An answer on the agree scale: 1 strongly disagree … 3 neutral … 5 strongly agree. */
export type AgreeAnswer = 1 | 2 | 3 | 4 | 5;

/** How decisive the answers were. */
export type RecommendationStrength = 'clear' | 'leaning' | 'balanced';

/** One answer that moved the recommendation, with the sentence that explains it. */
export interface RecommendationReason {
  questionId: string;
  prompt: string;
  answer: number;
  /** Signed points this answer gave to the track it speaks about. */
  points: number;
  /** The track this answer points towards. */
  pointsTo: string;
  explanation: string;
}

export interface TrackRecommendation {
  recommendedTrack: string;
  strength: RecommendationStrength;
  /** Points per track id; higher means the answers fit that track better. */
  scores: Record<string, number>;
  /** The strongest answers behind the recommendation, strongest first (at most three). */
  reasons: RecommendationReason[];
  /** The strongest answers pointing elsewhere (at most two), so the working is honest. */
  counterpoints: RecommendationReason[];
}

/** Share of the largest possible margin above which a recommendation counts as clear. */
const CLEAR_MARGIN = 0.25;
/** Share of the largest possible margin above which the answers lean one way. */
const LEANING_MARGIN = 0.08;

/** Checks that every question has an answer from 1 to 5 and no unknown question is answered. */
export function validateAnswers(questions: ReflectionQuestion[], answers: Record<string, number>): void {
  const fields: FieldErrors = {};
  const known = new Set(questions.map((q) => q.id));
  for (const q of questions) {
    const a = answers[q.id];
    if (a === undefined)
      fields[`answers.${q.id}`] = 'answer this question (1 = strongly disagree … 5 = strongly agree)';
    else if (!Number.isInteger(a) || a < 1 || a > 5) fields[`answers.${q.id}`] = 'must be a whole number from 1 to 5';
  }
  for (const id of Object.keys(answers)) {
    if (!known.has(id)) fields[`answers.${id}`] = 'not a question of the installed framework';
  }
  if (Object.keys(fields).length > 0) {
    throw new AppError('invalid', 'VALIDATION_FAILED', 'Some reflection answers are missing or out of range.', fields);
  }
}

/**
 * Recommends a track from the reflection answers. Each answer moves its question's track by
 * (answer − 3) × weight: agreeing pushes towards it, disagreeing pushes away. The track with the
 * most points wins; ties go to the framework's first track and are reported as balanced.
 */
export function recommendTrack(framework: Framework, answers: Record<string, number>): TrackRecommendation {
  const questions = framework.reflection.questions;
  validateAnswers(questions, answers);
  const scores: Record<string, number> = Object.fromEntries(framework.tracks.map((t) => [t.id, 0]));
  const contributions = questions.map((q) => {
    const answer = answers[q.id] as number;
    const points = (answer - 3) * q.weight;
    scores[q.leansTo] = (scores[q.leansTo] ?? 0) + points;
    return { q, answer, points };
  });

  const ranked = [...framework.tracks].sort((a, b) => (scores[b.id] ?? 0) - (scores[a.id] ?? 0));
  const best = ranked[0];
  if (!best) throw new AppError('invalid', 'FRAMEWORK_INVALID', 'The framework defines no tracks.');
  const second = ranked[1];
  const margin = (scores[best.id] ?? 0) - (second ? (scores[second.id] ?? 0) : 0);
  const maxMargin = questions.reduce((sum, q) => sum + 2 * q.weight, 0) || 1;
  const share = margin / maxMargin;
  const strength: RecommendationStrength =
    share >= CLEAR_MARGIN ? 'clear' : share >= LEANING_MARGIN ? 'leaning' : 'balanced';

  const explained = contributions
    .filter((c) => c.points !== 0)
    .map((c): RecommendationReason => {
      const agrees = c.points > 0;
      const pointsTo = agrees ? c.q.leansTo : otherTrack(framework, c.q.leansTo);
      return {
        questionId: c.q.id,
        prompt: c.q.prompt,
        answer: c.answer,
        points: c.points,
        pointsTo,
        explanation: agrees ? c.q.agreeReason : c.q.disagreeReason,
      };
    })
    .sort((a, b) => Math.abs(b.points) - Math.abs(a.points));

  return {
    recommendedTrack: best.id,
    strength,
    scores,
    reasons: explained.filter((r) => r.pointsTo === best.id).slice(0, 3),
    counterpoints: explained.filter((r) => r.pointsTo !== best.id).slice(0, 2),
  };
}

/** With two tracks, disagreeing with one points to the other; with more, it points "away". */
function otherTrack(framework: Framework, trackId: string): string {
  const others = framework.tracks.filter((t) => t.id !== trackId);
  return others.length === 1 && others[0] ? others[0].id : `not-${trackId}`;
}
