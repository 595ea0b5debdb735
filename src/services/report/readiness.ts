// Per-function modules: the 'date-fns' index loads all ~300 of them.
import { format } from 'date-fns/format';
import { subDays } from 'date-fns/subDays';
import type { StandingOutput } from '../../contracts/index.ts';
import { listActionStates } from '../../db/repositories/action-states.ts';
import { listEvidenceRows } from '../../db/repositories/journal.ts';
import { latestEvidenceDate } from '../../domain/journal/journal.ts';
import { type ActionState, pickNextActions } from '../../domain/progress/next-actions.ts';
import type { AreaStanding } from '../../domain/progress/standing.ts';
import { assessReadiness, type EvidenceItem, type Readiness } from '../../domain/report/readiness.ts';
import { audit, readerScope } from '../access.ts';
import type { ServiceContext } from '../context.ts';
import { getActiveFramework } from '../framework/active-framework.ts';
import { listGoals, todayIso } from '../goals/goals.ts';
import { getStanding } from '../progress/standing.ts';

/** Everything a readiness report shows: who, for which target, as of when, and the assessment. */
export interface ReadinessReport extends Readiness {
  person: StandingOutput['person'];
  track: StandingOutput['track'];
  stage: StandingOutput['stage'];
  frameworkVersion: string;
  assessedAt: string | null;
  generatedOn: string;
  since90Days: string;
}

/** Upper bound of entries weighed for one report; a journal is far smaller in practice. */
const MAX_ENTRIES = 10_000;

/**
 * Builds the readiness report of a person for their track and stage (or another one asked for):
 * per area the level against target, evidence counts and the strongest items, open goals and next
 * actions; overall a verdict with its working.
 */
export async function buildReadinessReport(
  ctx: ServiceContext,
  personId: string,
  target: { track?: string | undefined; stage?: string | undefined } = {},
): Promise<ReadinessReport> {
  // getStanding refuses readers who may see no self-assessment, as if there were none.
  const standing = await getStanding(ctx, personId, target);
  await audit(ctx, personId, 'read', 'readiness report');
  const { framework } = await getActiveFramework(ctx);
  const today = todayIso(ctx);
  const since90 = format(subDays(new Date(`${today}T00:00:00Z`), 90), 'yyyy-MM-dd');
  const [entries, goals, states] = await Promise.all([
    listEvidenceRows(ctx.db, personId, (await readerScope(ctx, personId)).visibilities, MAX_ENTRIES),
    listGoals(ctx, personId, { status: 'open' }),
    listActionStates(ctx.db, personId),
  ]);
  // (getStanding above already refused readers the latest self-assessment is not shared with.)
  const evidence: EvidenceItem[] = entries.map((e) => ({
    id: e.id,
    title: e.title,
    occurredOn: e.occurred_on,
    kind: e.kind,
    areas: e.areas,
    hasGoal: e.goal_id !== null,
    links: e.links,
  }));
  const stateMap = new Map(states.map((s) => [s.action_id, s.state as ActionState]));
  const actions = pickNextActions(framework, standing.areas as AreaStanding[], stateMap, framework.areas.length).map(
    (a) => ({
      id: a.action.id,
      areaId: a.areaId,
      title: a.action.title,
    }),
  );
  const readiness = assessReadiness(
    standing.areas as AreaStanding[],
    evidence,
    goals.goals.map((g) => ({
      id: g.id,
      areaId: g.areaId,
      title: g.title,
      dueOn: g.dueOn,
      percent: g.progress.percent,
      isOverdue: g.progress.isOverdue,
    })),
    actions,
    since90,
    // Entries dated later than a new entry may be (stored before that was refused) are not recent.
    latestEvidenceDate(ctx.clock()),
  );
  return {
    ...readiness,
    person: standing.person,
    track: standing.track,
    stage: standing.stage,
    frameworkVersion: standing.frameworkVersion,
    assessedAt: standing.assessedAt,
    generatedOn: today,
    since90Days: since90,
  };
}
