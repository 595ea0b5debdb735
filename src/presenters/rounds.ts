import type { OpenedRoundOutput, RatingRequestOutput, RoundOutput } from '../contracts/rounds.ts';
import type { PendingRatingRow, RoundRow } from '../db/repositories/rounds.ts';
import type { Framework } from '../domain/framework/schema.ts';
import type { roundResults } from '../domain/rounds/results.ts';

/** The results of a round computed for the person rated (domain/rounds/results.ts). */
export type RoundResults = ReturnType<typeof roundResults>;

/** A pending rating request, naming whose round it is. */
export function presentRatingRequest(row: PendingRatingRow): RatingRequestOutput {
  return {
    roundId: row.round_id,
    relation: row.relation,
    personId: row.person_id,
    personName: row.name,
    invitedAt: row.created_at,
  };
}

/** A new round and how many raters it invited. */
export function presentOpenedRound(round: RoundRow, raters: number): OpenedRoundOutput {
  return { id: round.id, personId: round.person_id, createdAt: round.created_at, raters };
}

/**
 * One round for the person rated. Peers are never named, not even in the list of who was invited;
 * their comments stay with their averages' anonymity (they are not shown one by one).
 */
export function presentRound(
  round: RoundRow,
  raters: ReadonlyArray<{ relation: string; name: string; assessment_id: string | null }>,
  framework: Framework | undefined,
  self: Record<string, number> | null,
  target: Record<string, number> | null,
  results: RoundResults,
): RoundOutput {
  return {
    id: round.id,
    createdAt: round.created_at,
    invited: raters.map((r) => ({
      relation: r.relation,
      name: r.relation === 'peer' ? null : r.name,
      answered: r.assessment_id !== null,
    })),
    areas: framework?.areas.map((a) => ({ id: a.id, name: a.name })) ?? [],
    self,
    target,
    named: results.named,
    peers: results.peers,
    others: results.others,
    blindSpots: results.blindSpots,
  };
}
