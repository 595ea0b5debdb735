import {
  type OpenedRoundOutput,
  openRoundInput,
  type RatingRequestOutput,
  type RatingSubmittedOutput,
  type RoundOutput,
  rateInput,
} from '../../contracts/rounds.ts';
import { listAssessments } from '../../db/repositories/assessments.ts';
import {
  findRound,
  findRoundRater,
  insertRound,
  listPendingRatings,
  listRoundAnswerRatingsOf,
  listRoundRatersOf,
  listRoundsOf,
  type RoundAnswerRating,
  type RoundRaterWithName,
  recordRoundAnswer,
} from '../../db/repositories/rounds.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError, notFound, parseInput } from '../../domain/errors.ts';
import { targetsFor } from '../../domain/framework/framework.ts';
import { roundResults } from '../../domain/rounds/results.ts';
import { presentOpenedRound, presentRatingRequest, presentRound } from '../../presenters/rounds.ts';
import { ensureCanChange, ensureCanSee, loadSubject } from '../access.ts';
import { actorOf, nowIso, type ServiceContext } from '../context.ts';
import { getActiveFramework, getFrameworkById } from '../framework/active-framework.ts';
import { requirePerson } from '../people/people.ts';

/**
 * Opens a 360 round: the person invites raters. A "manager" must be their manager and a "mentor"
 * one of their mentors, so nobody can pose as either; anyone else may be a peer.
 */
export async function openRound(ctx: ServiceContext, personId: string, raw: unknown): Promise<OpenedRoundOutput> {
  const input = parseInput(openRoundInput, raw);
  await requirePerson(ctx, personId);
  await ensureCanChange(ctx, personId, '360 rounds');
  const subject = await loadSubject(ctx, personId);
  const seen = new Set<string>();
  for (const [i, r] of input.raters.entries()) {
    if (r.personId === personId)
      throw new AppError('invalid', 'VALIDATION_FAILED', 'Rate yourself with a self-assessment, not as a rater.', {
        [`raters.${i}.personId`]: 'yourself',
      });
    if (seen.has(r.personId))
      throw new AppError('invalid', 'VALIDATION_FAILED', 'Each rater once.', {
        [`raters.${i}.personId`]: 'listed twice',
      });
    seen.add(r.personId);
    await requirePerson(ctx, r.personId);
    if (r.relation === 'manager' && subject.managerId !== r.personId) {
      throw new AppError('invalid', 'VALIDATION_FAILED', 'Only your manager can rate as manager.', {
        [`raters.${i}.relation`]: 'not your manager',
      });
    }
    if (r.relation === 'mentor' && !subject.mentorIds.includes(r.personId)) {
      throw new AppError('invalid', 'VALIDATION_FAILED', 'Only your mentors can rate as mentor.', {
        [`raters.${i}.relation`]: 'not your mentor',
      });
    }
  }
  const { installedId } = await getActiveFramework(ctx);
  const now = nowIso(ctx);
  const round = { id: ctx.newId(), person_id: personId, framework_id: installedId, created_at: now };
  await insertRound(
    ctx.db,
    round,
    input.raters.map((r) => ({
      round_id: round.id,
      rater_id: r.personId,
      relation: r.relation,
      invited_at: now,
      assessment_id: null,
    })),
  );
  return presentOpenedRound(round, input.raters.length);
}

/** The rounds the acting person has been asked to rate in and not yet answered. */
export async function myRatingRequests(ctx: ServiceContext): Promise<RatingRequestOutput[]> {
  const actor = actorOf(ctx);
  if (actor.kind !== 'person') return [];
  return (await listPendingRatings(ctx.db, actor.id)).map(presentRatingRequest);
}

/** The answer to a round that was answered already: the same whether it was a minute ago or at the same moment. */
const alreadyRated = () =>
  new AppError('conflict', 'ALREADY_RATED', 'You have answered this round already; your first answer is kept.');

/**
 * A rater answers a round: a level (and comment) for every area. Once per rater and round: the
 * invitation is claimed and the answer stored in one transaction, so a second submit — even one
 * sent at the same moment — gets ALREADY_RATED (409) and stores nothing.
 */
export async function submitRating(ctx: ServiceContext, roundId: string, raw: unknown): Promise<RatingSubmittedOutput> {
  const input = parseInput(rateInput, raw);
  const actor = actorOf(ctx);
  const round = await findRound(ctx.db, roundId);
  const invite = round && actor.kind === 'person' ? await findRoundRater(ctx.db, roundId, actor.id) : undefined;
  if (!round || !invite || actor.kind !== 'person') throw notFound('round', roundId);
  if (invite.assessment_id) throw alreadyRated();
  const installed = await getFrameworkById(ctx, round.framework_id);
  const areas = installed?.framework.areas ?? [];
  const given = new Map(input.ratings.map((r) => [r.areaId, r]));
  const fields: Record<string, string> = {};
  for (const area of areas) if (!given.has(area.id)) fields[`ratings.${area.id}`] = `missing a level for ${area.name}`;
  for (const id of given.keys()) if (!areas.some((a) => a.id === id)) fields[`ratings.${id}`] = 'unknown area';
  if (Object.keys(fields).length > 0)
    throw new AppError('invalid', 'VALIDATION_FAILED', 'Rate every area once, from 1 to 4.', fields);
  const id = ctx.newId();
  const recorded = await inTransaction(ctx.db, (trx) =>
    recordRoundAnswer(
      trx,
      roundId,
      actor.id,
      {
        id,
        person_id: round.person_id,
        framework_id: round.framework_id,
        kind: invite.relation,
        visibility: 'private',
        round_id: roundId,
        rater_id: actor.id,
        track: null,
        stage: null,
        created_at: nowIso(ctx),
      },
      areas.map((a) => ({
        assessment_id: id,
        area_id: a.id,
        level: given.get(a.id)?.level ?? 1,
        comment: given.get(a.id)?.comment ?? '',
      })),
    ),
  );
  if (!recorded) throw alreadyRated();
  return { roundId, assessmentId: id };
}

/**
 * A person's rounds, newest first, with the results they may see: named mentor and manager
 * answers, peers only as an average of three or more, self vs others, blind spots and target.
 * Only the person rated sees this. A fixed number of statements however many rounds and answers:
 * the rounds, all their raters, all the answers' ratings, and the self-assessments.
 */
export async function listRounds(ctx: ServiceContext, personId: string): Promise<RoundOutput[]> {
  const person = await requirePerson(ctx, personId);
  await ensureCanSee(ctx, personId, 'private', '360 results');
  const [rounds, allRaters, allRatings, selfAssessments] = await Promise.all([
    listRoundsOf(ctx.db, personId),
    listRoundRatersOf(ctx.db, personId),
    listRoundAnswerRatingsOf(ctx.db, personId),
    listAssessments(ctx.db, personId, 'self'),
  ]);
  const ratersByRound = groupBy(allRaters, (r) => r.round_id);
  const ratingsByAnswer = groupBy(allRatings, (r) => r.assessment_id);
  const out: RoundOutput[] = [];
  for (const round of rounds) {
    const installed = await getFrameworkById(ctx, round.framework_id);
    const framework = installed?.framework;
    const areaIds = framework?.areas.map((a) => a.id) ?? [];
    const raters: RoundRaterWithName[] = ratersByRound.get(round.id) ?? [];
    const answers = [];
    for (const r of raters) {
      if (!r.assessment_id) continue;
      const ratings: RoundAnswerRating[] | undefined = ratingsByAnswer.get(r.assessment_id);
      if (!ratings) continue;
      answers.push({
        relation: r.relation as 'mentor' | 'manager' | 'peer',
        raterName: r.relation === 'peer' ? 'A peer' : r.name,
        levels: Object.fromEntries(ratings.map((x) => [x.area_id, x.level])),
        comments: Object.fromEntries(ratings.filter((x) => x.comment).map((x) => [x.area_id, x.comment])),
      });
    }
    // The self view: the latest self-assessment made against the same framework, up to now.
    const self = selfAssessments.find((s) => s.framework_id === round.framework_id) ?? null;
    const selfLevels = self ? Object.fromEntries(self.ratings.map((x) => [x.area_id, x.level])) : null;
    const results = roundResults(areaIds, selfLevels, answers);
    const target = framework ? targetsFor(framework, person.track, person.stage) : null;
    out.push(presentRound(round, raters, framework, selfLevels, target, results));
  }
  return out;
}

/** Rows grouped by a key, in their order. */
function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const list = groups.get(key(row));
    if (list) list.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}
