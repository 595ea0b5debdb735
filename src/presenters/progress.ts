import type { NextActionsOutput } from '../contracts/index.ts';
import type { NextAction } from '../domain/progress/next-actions.ts';

/** A suggested action for one of the person's gaps, with why it was picked. */
export function presentNextAction(picked: NextAction): NextActionsOutput['actions'][number] {
  return {
    id: picked.action.id,
    title: picked.action.title,
    description: picked.action.description,
    level: picked.action.level,
    areaId: picked.areaId,
    areaName: picked.areaName,
    currentLevel: picked.currentLevel,
    targetLevel: picked.targetLevel,
    gap: picked.gap,
    reason: picked.reason,
  };
}
