import { type EntryKind, KIND_WEIGHT } from '../journal/journal.ts';
import type { AreaStanding } from '../progress/standing.ts';

/** The evidence the report weighs: an entry reduced to what ranking needs and what is shown. */
export interface EvidenceItem {
  id: string;
  title: string;
  occurredOn: string;
  kind: string;
  areas: string[];
  hasGoal: boolean;
  links: string[];
}

/** An open goal, as the report lists it. */
export interface ReportGoal {
  id: string;
  areaId: string;
  title: string;
  dueOn: string | null;
  percent: number;
  isOverdue: boolean;
}

/** A proposed next action, as the report lists it. */
export interface ReportAction {
  id: string;
  areaId: string;
  title: string;
}

export type AreaVerdict = 'meets' | 'below' | 'not-assessed' | 'no-target';
export type OverallVerdict = 'ready' | 'nearly' | 'not-yet' | 'unknown';

export interface AreaReadiness {
  areaId: string;
  name: string;
  current: number | null;
  target: number | null;
  gap: number | null;
  verdict: AreaVerdict;
  evidence: { last90Days: number; allTime: number; strongest: EvidenceItem[] };
  openGoals: ReportGoal[];
  nextActions: ReportAction[];
}

export interface Readiness {
  areas: AreaReadiness[];
  overall: {
    verdict: OverallVerdict;
    areasMeetingTarget: number;
    areasAssessed: number;
    areasTotal: number;
    totalGap: number;
    largestGap: number;
    evidenceLast90Days: number;
    areasWithoutRecentEvidence: string[];
    /** Each rule applied, in words, so the verdict shows its working. */
    working: string[];
  };
}

/** How many strongest items to show per area. */
const STRONGEST = 3;

/**
 * Whether an item is recent: on or after `since90` and, when `until` is given, not after it. Entries
 * dated in the future (stored before such dates were refused) are not recent evidence.
 */
function isRecent(item: EvidenceItem, since90: string, until?: string): boolean {
  return item.occurredOn >= since90 && (until === undefined || item.occurredOn <= until);
}

/**
 * Scores an item for "strongest evidence": the kind's weight, +1 when it serves a goal, +1 when
 * recent (last 90 days), +0.5 when it links to something checkable.
 */
export function evidenceStrength(item: EvidenceItem, since90: string, until?: string): number {
  const kindWeight = KIND_WEIGHT[item.kind as EntryKind] ?? 1;
  return (
    kindWeight + (item.hasGoal ? 1 : 0) + (isRecent(item, since90, until) ? 1 : 0) + (item.links.length > 0 ? 0.5 : 0)
  );
}

/**
 * The readiness of a person for a track and stage: per area, level against target, evidence and
 * plans; overall, a verdict from explicit rules:
 * - ready: every area assessed and at or above target, and every area has evidence from the last 90 days;
 * - nearly: every area assessed, no gap larger than 1, and at most two areas below target;
 * - not yet: otherwise; unknown when there is no assessment or no target.
 */
export function assessReadiness(
  standing: AreaStanding[],
  evidence: EvidenceItem[],
  goals: ReportGoal[],
  actions: ReportAction[],
  since90: string,
  /** The latest date that counts as recent (the latest a new entry may carry); none when absent. */
  until?: string,
): Readiness {
  const areas = standing.map((s): AreaReadiness => {
    const mine = evidence.filter((e) => e.areas.includes(s.areaId));
    const strongest = [...mine]
      .sort(
        (a, b) =>
          evidenceStrength(b, since90, until) - evidenceStrength(a, since90, until) ||
          b.occurredOn.localeCompare(a.occurredOn),
      )
      .slice(0, STRONGEST);
    const verdict: AreaVerdict =
      s.target === null ? 'no-target' : s.current === null ? 'not-assessed' : (s.gap ?? 0) > 0 ? 'below' : 'meets';
    return {
      areaId: s.areaId,
      name: s.name,
      current: s.current,
      target: s.target,
      gap: s.gap,
      verdict,
      evidence: {
        last90Days: mine.filter((e) => isRecent(e, since90, until)).length,
        allTime: mine.length,
        strongest,
      },
      openGoals: goals.filter((g) => g.areaId === s.areaId),
      nextActions: actions.filter((a) => a.areaId === s.areaId),
    };
  });

  const assessed = areas.filter((a) => a.current !== null && a.target !== null);
  const meeting = assessed.filter((a) => a.verdict === 'meets');
  const below = assessed.filter((a) => a.verdict === 'below');
  const totalGap = assessed.reduce((sum, a) => sum + (a.gap ?? 0), 0);
  const largestGap = assessed.reduce((max, a) => Math.max(max, a.gap ?? 0), 0);
  const withoutRecent = areas.filter((a) => a.evidence.last90Days === 0).map((a) => a.name);
  const evidenceLast90Days = evidence.filter((e) => isRecent(e, since90, until)).length;
  const allAssessed = assessed.length === areas.length && areas.length > 0;

  const working: string[] = [];
  let verdict: OverallVerdict;
  if (assessed.length === 0) {
    verdict = 'unknown';
    working.push('No self-assessment against a target yet, so readiness cannot be judged.');
  } else {
    working.push(
      `${meeting.length} of ${areas.length} areas are at or above target (total gap ${totalGap}, largest ${largestGap}).`,
    );
    working.push(
      withoutRecent.length === 0
        ? 'Every area has evidence from the last 90 days.'
        : `${withoutRecent.length} area${withoutRecent.length === 1 ? ' has' : 's have'} no evidence from the last 90 days: ${withoutRecent.join(', ')}.`,
    );
    if (allAssessed && below.length === 0 && withoutRecent.length === 0) {
      verdict = 'ready';
      working.push('Ready: every area meets its target and is backed by recent evidence.');
    } else if (allAssessed && largestGap <= 1 && below.length <= 2) {
      verdict = 'nearly';
      working.push('Nearly: no area is more than one level short and at most two areas are below target.');
    } else {
      verdict = 'not-yet';
      const farBehind = assessed.filter((a) => (a.gap ?? 0) > 1).map((a) => a.name);
      working.push(
        !allAssessed
          ? 'Not yet: some areas have no assessed level.'
          : farBehind.length > 0
            ? `Not yet: ${farBehind.join(', ')} ${farBehind.length === 1 ? 'is' : 'are'} more than one level short.`
            : `Not yet: ${below.length} areas are below target; "nearly" allows at most two.`,
      );
    }
  }
  return {
    areas,
    overall: {
      verdict,
      areasMeetingTarget: meeting.length,
      areasAssessed: assessed.length,
      areasTotal: areas.length,
      totalGap,
      largestGap,
      evidenceLast90Days,
      areasWithoutRecentEvidence: withoutRecent,
      working,
    },
  };
}
