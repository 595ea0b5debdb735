import { describe, expect, it } from 'vitest';
import { buildArea, buildFramework } from '../../../test/helpers/factories.ts';
import { type ActionState, pickNextActions } from './next-actions.ts';
import { standingByArea } from './standing.ts';

const fw = buildFramework({
  areas: [buildArea('alpha', [2, 3, 4]), buildArea('beta', [3, 2, 2]), buildArea('gamma', [2, 3])],
});

function standing(levels: Record<string, number>, targets: Record<string, number>) {
  const current = new Map(Object.entries(levels).map(([k, level]) => [k, { level, comment: '' }]));
  return standingByArea(fw, current, null, targets);
}

const ids = (list: Array<{ action: { id: string } }>) => list.map((a) => a.action.id);

describe('standingByArea', () => {
  it('computes gaps, never negative, and leaves unknowns null', () => {
    const rows = standingByArea(fw, new Map([['alpha', { level: 4, comment: 'x' }]]), null, {
      alpha: 3,
      beta: 2,
      gamma: 2,
    });
    expect(rows.map((r) => [r.areaId, r.current, r.target, r.gap])).toEqual([
      ['alpha', 4, 3, 0],
      ['beta', null, 2, null],
      ['gamma', null, 2, null],
    ]);
  });
});

describe('pickNextActions', () => {
  it('starts with the largest gap and takes one action per area in turn', () => {
    const s = standing({ alpha: 2, beta: 1, gamma: 2 }, { alpha: 3, beta: 3, gamma: 3 });
    const picked = pickNextActions(fw, s, new Map(), 3);
    // beta has gap 2; alpha and gamma gap 1 in framework order. beta at 1 wants level-2 actions first.
    expect(ids(picked)).toEqual(['beta-action-2', 'alpha-action-2', 'gamma-action-2']);
    expect(picked[0]?.reason).toBe('Beta is at level 1 and your target is 3 (gap 2).');
  });

  it('skips done and dismissed actions and goes round again when areas run short', () => {
    const s = standing({ alpha: 3, beta: 1, gamma: 3 }, { alpha: 3, beta: 2, gamma: 3 });
    const states = new Map<string, ActionState>([['beta-action-2', 'done']]);
    expect(ids(pickNextActions(fw, s, states, 3))).toEqual(['beta-action-3', 'beta-action-1']);
  });

  it('stretches the lowest areas when every target is met', () => {
    const s = standing({ alpha: 4, beta: 3, gamma: 2 }, { alpha: 2, beta: 2, gamma: 2 });
    const picked = pickNextActions(fw, s, new Map(), 2);
    expect(ids(picked)).toEqual(['gamma-action-2', 'beta-action-1']);
    expect(picked[0]?.reason).toMatch(/already at its target/);
  });

  it('returns nothing without current levels', () => {
    expect(pickNextActions(fw, standingByArea(fw, null, null, { alpha: 3, beta: 3, gamma: 3 }), new Map(), 3)).toEqual(
      [],
    );
  });
});
