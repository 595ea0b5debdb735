import type { Framework, FrameworkAction } from '../framework/schema.ts';
import type { AreaStanding } from './standing.ts';

/** What a person did with a suggested action. */
export type ActionState = 'done' | 'dismissed';

/** A proposed next action and why it was chosen. */
export interface NextAction {
  action: FrameworkAction;
  areaId: string;
  areaName: string;
  currentLevel: number;
  targetLevel: number;
  gap: number;
  /** One sentence a person can read: why this action, why now. */
  reason: string;
}

/**
 * Picks the most useful next actions: from the areas with the largest gap to target (ties in
 * framework order), one action per area in turn so the list is not all about one area, skipping
 * actions already done or dismissed. Within an area, actions aimed at the very next level come
 * first. When every target is met, it stretches the lowest areas towards level 4.
 * Needs a standing with current levels and targets; areas without either are skipped.
 */
export function pickNextActions(
  framework: Framework,
  standing: AreaStanding[],
  states: ReadonlyMap<string, ActionState>,
  limit: number,
): NextAction[] {
  const known = standing.filter(
    (s): s is AreaStanding & { current: number; target: number; gap: number } =>
      s.current !== null && s.target !== null && s.gap !== null,
  );
  const order = new Map(framework.areas.map((a, i) => [a.id, i]));
  const byFrameworkOrder = (a: AreaStanding, b: AreaStanding) =>
    (order.get(a.areaId) ?? 0) - (order.get(b.areaId) ?? 0);

  let areas = known.filter((s) => s.gap > 0).sort((a, b) => b.gap - a.gap || byFrameworkOrder(a, b));
  const stretching = areas.length === 0;
  if (stretching) {
    areas = known.filter((s) => s.current < 4).sort((a, b) => a.current - b.current || byFrameworkOrder(a, b));
  }

  const queues = areas.map((s) => {
    const area = framework.areas.find((a) => a.id === s.areaId);
    const next = s.current + 1;
    const candidates = (area?.actions ?? [])
      .map((action, index) => ({ action, index }))
      .filter(({ action }) => !states.has(action.id))
      // Actions for the very next level first, then nearer levels, then ones below the current level.
      .sort((a, b) => rank(a.action.level, next) - rank(b.action.level, next) || a.index - b.index)
      .map(({ action }) => action);
    return { standing: s, candidates };
  });

  const picked: NextAction[] = [];
  for (let round = 0; picked.length < limit; round++) {
    let tookAny = false;
    for (const { standing: s, candidates } of queues) {
      const action = candidates[round];
      if (!action) continue;
      tookAny = true;
      picked.push({
        action,
        areaId: s.areaId,
        areaName: s.name,
        currentLevel: s.current,
        targetLevel: s.target,
        gap: s.gap,
        reason: stretching
          ? `${s.name} is at level ${s.current}, already at its target; this stretches it further.`
          : `${s.name} is at level ${s.current} and your target is ${s.target} (gap ${s.gap}).`,
      });
      if (picked.length >= limit) break;
    }
    if (!tookAny) break;
  }
  return picked;
}

function rank(actionLevel: number, nextLevel: number): number {
  if (actionLevel < nextLevel) return 10 + (nextLevel - actionLevel);
  return actionLevel - nextLevel;
}
