/** Rater relations in a 360 round. */
export const RATER_RELATIONS = ['mentor', 'manager', 'peer'] as const;
export type RaterRelation = (typeof RATER_RELATIONS)[number];

/** Peer results are shown only as an average, and only from this many answers, so no peer stands out. */
export const MIN_PEERS_FOR_RESULTS = 3;

/** One rater's answer: their relation and a level per area. */
export interface RaterAnswer {
  relation: RaterRelation;
  raterName: string;
  levels: Record<string, number>;
  comments: Record<string, string>;
}

/** An area where the person's view and others' views differ by a level or more. */
export interface BlindSpot {
  areaId: string;
  self: number;
  others: number;
  /** "over": the person rates themself higher than others do; "under": lower. */
  direction: 'over' | 'under';
}

const mean = (xs: number[]) =>
  xs.length === 0 ? null : Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10;

/**
 * Groups a round's answers for the person rated: mentors and the manager by name, peers only as
 * an average once at least three answered; "others" averages everyone whose answers are shown;
 * blind spots are the areas where self and others differ by one level or more, either way.
 */
export function roundResults(areaIds: string[], self: Record<string, number> | null, answers: RaterAnswer[]) {
  const peers = answers.filter((a) => a.relation === 'peer');
  const peersShown = peers.length >= MIN_PEERS_FOR_RESULTS;
  const named = answers.filter((a) => a.relation !== 'peer');
  const counted = peersShown ? answers : named;
  const others = Object.fromEntries(
    areaIds.map((id) => [id, mean(counted.map((a) => a.levels[id]).filter((v): v is number => v !== undefined))]),
  ) as Record<string, number | null>;
  const peerAverage = peersShown
    ? (Object.fromEntries(
        areaIds.map((id) => [id, mean(peers.map((a) => a.levels[id]).filter((v): v is number => v !== undefined))]),
      ) as Record<string, number | null>)
    : null;
  const blindSpots: BlindSpot[] = [];
  if (self) {
    for (const id of areaIds) {
      const mine = self[id];
      const theirs = others[id];
      if (mine === undefined || theirs === null || theirs === undefined) continue;
      if (Math.abs(mine - theirs) >= 1)
        blindSpots.push({ areaId: id, self: mine, others: theirs, direction: mine > theirs ? 'over' : 'under' });
    }
  }
  return {
    named: named.map((a) => ({ relation: a.relation, raterName: a.raterName, levels: a.levels, comments: a.comments })),
    peers: { answered: peers.length, shown: peersShown, average: peerAverage },
    others,
    blindSpots,
  };
}
