import { describe, expect, it } from 'vitest';
import { type RaterAnswer, roundResults } from './results.ts';

const answer = (relation: RaterAnswer['relation'], name: string, a: number, b: number): RaterAnswer => ({
  relation,
  raterName: name,
  levels: { a, b },
  comments: {},
});

describe('roundResults', () => {
  it('shows mentors and managers by name, hides peers until three answered, and finds blind spots both ways', () => {
    const twoPeers = roundResults(['a', 'b'], { a: 4, b: 1 }, [
      answer('manager', 'Max', 2, 3),
      answer('peer', 'P1', 1, 1),
      answer('peer', 'P2', 1, 1),
    ]);
    expect(twoPeers.peers).toEqual({ answered: 2, shown: false, average: null });
    expect(twoPeers.named.map((n) => n.raterName)).toEqual(['Max']);
    expect(twoPeers.others).toEqual({ a: 2, b: 3 }); // peers left out
    expect(twoPeers.blindSpots).toEqual([
      { areaId: 'a', self: 4, others: 2, direction: 'over' },
      { areaId: 'b', self: 1, others: 3, direction: 'under' },
    ]);
    const threePeers = roundResults(['a', 'b'], { a: 2, b: 2 }, [
      answer('peer', 'P1', 2, 3),
      answer('peer', 'P2', 2, 2),
      answer('peer', 'P3', 3, 3),
    ]);
    expect(threePeers.peers).toMatchObject({ answered: 3, shown: true, average: { a: 2.3, b: 2.7 } });
    expect(threePeers.named).toEqual([]);
    expect(threePeers.blindSpots).toEqual([]); // differences under one level
  });
  it('has no blind spots without a self-assessment', () => {
    expect(roundResults(['a'], null, [answer('mentor', 'M', 1, 1)]).blindSpots).toEqual([]);
  });
});
