import type { Framework } from '../framework/schema.ts';

/** One area of a person's standing: where they are, where they were, where they aim. */
export interface AreaStanding {
  areaId: string;
  name: string;
  /** Level from the latest self-assessment, or null if never assessed. */
  current: number | null;
  /** The comment that came with the current level. */
  comment: string;
  /** Level from the assessment before the latest one, or null. */
  previous: number | null;
  /** Target level for the person's track and stage, or null without a chosen path. */
  target: number | null;
  /** target − current, never below zero; null when either side is unknown. */
  gap: number | null;
}

/** A rating as stored: level and comment for one area. */
export interface Rating {
  level: number;
  comment: string;
}

/**
 * Lines up current and previous ratings with the targets, one row per framework area,
 * in framework order. Areas that a past assessment had but the framework no longer has are left out.
 */
export function standingByArea(
  framework: Framework,
  current: Map<string, Rating> | null,
  previous: Map<string, Rating> | null,
  targets: Record<string, number> | null,
): AreaStanding[] {
  return framework.areas.map((area) => {
    const now = current?.get(area.id) ?? null;
    const target = targets?.[area.id] ?? null;
    return {
      areaId: area.id,
      name: area.name,
      current: now?.level ?? null,
      comment: now?.comment ?? '',
      previous: previous?.get(area.id)?.level ?? null,
      target,
      gap: now && target !== null ? Math.max(0, target - now.level) : null,
    };
  });
}
