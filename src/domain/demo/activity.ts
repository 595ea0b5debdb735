import { targetsFor } from '../framework/framework.ts';
import type { Framework } from '../framework/schema.ts';
import { CREDIT_GROUPS, type StoredCredit, weeklySummaries } from '../git/evidence.ts';
import { isoWeekOf, type Visibility } from '../journal/journal.ts';
import { recommendTrack } from '../path/recommend-track.ts';
import type { DemoPerson, OrganisationPlan } from './organisation.ts';
import { type DemoIds, Random } from './random.ts';
import {
  ASSESSMENT_COMMENTS,
  CHECKIN_NOTES,
  COMMIT_SUBJECTS,
  ENTRY_TEMPLATES,
  fill,
  GENERIC_ENTRIES,
  GENERIC_GOALS,
  GENERIC_WHYS,
  GOAL_TEMPLATES,
  PROJECTS,
  RATER_COMMENTS,
  REFLECTION_WHYS,
  SERVICES,
} from './texts.ts';

/** A row to store: column → value (every row of one table has the same columns, in the same order). */
export type DemoRow = Record<string, string | number | null>;

/** The tables a person's year fills, in an order that satisfies their foreign keys. */
export const PERSON_TABLES = [
  'path_reflections',
  'assessments',
  'assessment_ratings',
  'action_states',
  'goals',
  'goal_actions',
  'goal_checkins',
  'journal_entries',
  'journal_entry_areas',
  'journal_entry_links',
  'person_emails',
  'git_credits',
  'audit_log',
  'assessment_rounds',
  'round_raters',
] as const;
export type PersonTable = (typeof PERSON_TABLES)[number];
export type PersonRows = Record<PersonTable, DemoRow[]>;

export function emptyPersonRows(): PersonRows {
  return Object.fromEntries(PERSON_TABLES.map((t) => [t, []])) as unknown as PersonRows;
}

/** What every person's generation shares: the seed, the clock, the framework and the organisation. */
export interface DemoWorld {
  seed: string;
  now: Date;
  framework: Framework;
  frameworkId: string;
  plan: OrganisationPlan;
  ids: DemoIds;
  /** Person ids by index. */
  personIds: string[];
  /** The repository of each product team, by team index. */
  repositories: Map<number, { id: string; name: string }>;
  /** The member newcomers are pointed to: shares entries and their latest self-assessment with their manager. */
  showcaseIndex: number | null;
}

const DAY = 86_400_000;

/** A moment `daysAgo` days before now, at a working hour, never in the future. */
function momentAgo(world: DemoWorld, random: Random, daysAgo: number): { at: string; day: string } {
  const ms = world.now.getTime() - daysAgo * DAY - random.int(0, 8 * 3600) * 1000;
  const at = new Date(ms).toISOString();
  return { at, day: at.slice(0, 10) };
}

const SHARING: ReadonlyArray<readonly [Visibility, number]> = [
  ['private', 30],
  ['mentor', 12],
  ['manager', 38],
  ['team', 20],
];

/**
 * A person's year in Leadway: their reflection, self-assessments every few months, goals with
 * actions and check-ins, journal entries at every visibility (some linked to goals), weekly git
 * evidence from their team's repository, a 360 round, done and dismissed suggestions, extra email
 * addresses, and their manager's reads in the audit log. Deterministic for the seed and the person.
 */
export function personYear(world: DemoWorld, person: DemoPerson, rows: PersonRows): void {
  const random = new Random(world.seed, `person:${person.index}`);
  const { framework, plan, ids } = world;
  const personId = world.personIds[person.index] as string;
  const areaIds = framework.areas.map((a) => a.id);
  const since = Math.min(365, person.joinedDaysAgo);
  const isShowcase = person.index === world.showcaseIndex;
  const team = person.teamIndex === null ? null : plan.teams[person.teamIndex];
  const teammates = (team?.memberIndexes ?? []).filter((i) => i !== person.index);
  const colleague = () => {
    const i = teammates.length > 0 ? random.pick(teammates) : random.int(0, plan.people.length - 1);
    return plan.people[i]?.firstName ?? 'a colleague';
  };
  const otherTeam = () => {
    if (plan.teams.length < 2) return 'another team';
    let other = random.int(0, plan.teams.length - 2);
    if (other >= (person.teamIndex ?? plan.teams.length)) other++;
    return plan.teams[other]?.name ?? 'another team';
  };
  const words = () => ({
    service: random.pick(SERVICES),
    project: random.pick(PROJECTS),
    person: colleague(),
    team: team?.name ?? 'the team',
    otherTeam: otherTeam(),
    n: random.int(2, 12),
    m: random.int(12, 60),
  });

  // Extra addresses for git identities.
  if (random.chance(0.2)) {
    rows.person_emails.push({
      email: person.email.replace('@example.com', '@users.noreply.example.org'),
      person_id: personId,
      created_at: momentAgo(world, random, since).at,
    });
  }

  // The path: a reflection whose answers lean to the track they chose.
  if (person.track && person.stage && framework.reflection.questions.length > 0) {
    const answers = Object.fromEntries(
      framework.reflection.questions.map((q) => [
        q.id,
        q.leansTo === person.track ? random.int(3, 5) : random.int(1, random.chance(0.2) ? 4 : 3),
      ]),
    );
    const recommendation = recommendTrack(framework, answers);
    rows.path_reflections.push({
      id: ids.next('reflection'),
      person_id: personId,
      framework_id: world.frameworkId,
      answers: JSON.stringify(answers),
      scores: JSON.stringify(recommendation.scores),
      recommended_track: recommendation.recommendedTrack,
      strength: recommendation.strength,
      chosen_track: person.track,
      chosen_stage: person.stage,
      why: random.pick(REFLECTION_WHYS[person.track] ?? GENERIC_WHYS),
      created_at: momentAgo(world, random, since - 1).at,
    });
  }

  // Self-assessments about every quarter since they joined (none yet for the newest joiners).
  const targets = targetsFor(framework, person.track, person.stage) ?? {};
  const base = person.role === 'member' ? 1 : 2;
  const levels = new Map(
    areaIds.map((a) => [
      a,
      Math.min(
        4,
        base +
          random.weighted([
            [0, 4],
            [1, 4],
            [2, 1],
          ]),
      ),
    ]),
  );
  const assessedDays = [350, 260, 170, 80, 12]
    .map((d) => d + random.int(-6, 6))
    .filter((d) => d < since - 2 && (isShowcase || random.chance(0.85)));
  const assessmentTimes: Array<{ at: string; levels: Map<string, number> }> = [];
  assessedDays.forEach((daysAgo, i) => {
    if (i > 0) {
      for (const [area, level] of levels) {
        const up = random.chance(0.25) ? 1 : random.chance(0.04) ? -1 : 0;
        levels.set(area, Math.max(1, Math.min(4, level + up)));
      }
    }
    const latest = i === assessedDays.length - 1;
    const visibility: Visibility =
      isShowcase && latest
        ? 'manager'
        : latest
          ? random.weighted<Visibility>([
              ['manager', 60],
              ['team', 15],
              ['mentor', 10],
              ['private', 15],
            ])
          : random.weighted(SHARING);
    const id = ids.next('assessment');
    const { at } = momentAgo(world, random, daysAgo);
    rows.assessments.push({
      id,
      person_id: personId,
      framework_id: world.frameworkId,
      kind: 'self',
      track: person.track,
      stage: person.stage,
      visibility,
      round_id: null,
      rater_id: null,
      created_at: at,
    });
    for (const area of areaIds) {
      const level = levels.get(area) as number;
      rows.assessment_ratings.push({
        assessment_id: id,
        area_id: area,
        level,
        comment: random.chance(0.6)
          ? random.pick(level <= 2 ? ASSESSMENT_COMMENTS.starting : ASSESSMENT_COMMENTS.established)
          : '',
      });
    }
    assessmentTimes.push({ at, levels: new Map(levels) });
  });
  const assessed = assessmentTimes.length > 0;

  // Goals in the areas of the largest gaps.
  const gapAreas = [...areaIds].sort(
    (a, b) =>
      (targets[b] ?? 3) - (levels.get(b) ?? 1) - ((targets[a] ?? 3) - (levels.get(a) ?? 1)) || random.next() - 0.5,
  );
  const goals: Array<{ id: string; area: string; actions: string[] }> = [];
  const goalCount = assessed ? random.int(1, 4) : 0;
  for (let g = 0; g < goalCount; g++) {
    const area = gapAreas[g % gapAreas.length] as string;
    const template = random.pick(GOAL_TEMPLATES[area] ?? GENERIC_GOALS);
    const vars = words();
    const createdAgo = random.int(10, Math.max(11, since - 5));
    const created = momentAgo(world, random, createdAgo);
    const status = random.weighted([
      ['active', 50],
      ['planned', 15],
      ['done', 25],
      ['dropped', 10],
    ] as const);
    const dueAgo = createdAgo - random.int(45, 150);
    const id = ids.next('goal');
    rows.goals.push({
      id,
      person_id: personId,
      area_id: area,
      title: fill(template.title, vars),
      why: fill(template.why, vars),
      success_criteria: fill(template.success, vars),
      due_on: random.chance(0.85) ? momentAgo(world, random, dueAgo).day : null,
      status,
      visibility: random.weighted(SHARING),
      created_at: created.at,
      updated_at: momentAgo(world, random, Math.max(0, createdAgo - random.int(0, 30))).at,
    });
    const suggestions = framework.areas.find((a) => a.id === area)?.actions ?? [];
    const picked = random.sample(suggestions, random.int(1, 3));
    const titles = picked.map((a) => ({ title: a.title, actionId: a.id as string | null }));
    if (random.chance(0.5)) titles.push({ title: `Ask ${vars.person} for feedback on my progress`, actionId: null });
    const doneCount = status === 'done' ? titles.length : status === 'active' ? random.int(0, titles.length) : 0;
    const actionIds: string[] = [];
    titles.forEach((t, position) => {
      const actionId = ids.next('goal-action');
      actionIds.push(actionId);
      rows.goal_actions.push({
        id: actionId,
        goal_id: id,
        title: t.title,
        framework_action_id: t.actionId,
        due_on: random.chance(0.4) ? momentAgo(world, random, createdAgo - random.int(14, 60)).day : null,
        done_on:
          position < doneCount ? momentAgo(world, random, Math.max(0, createdAgo - random.int(5, 60))).day : null,
        position,
        created_at: created.at,
      });
    });
    if (status === 'active' || status === 'done') {
      const checkins = random.int(0, 4);
      for (let c = 0; c < checkins; c++) {
        rows.goal_checkins.push({
          id: ids.next('checkin'),
          goal_id: id,
          note: random.pick(CHECKIN_NOTES),
          confidence: random.int(2, 5),
          created_at: momentAgo(world, random, Math.max(0, createdAgo - random.int(7, 90))).at,
        });
      }
    }
    goals.push({ id, area, actions: actionIds });
  }

  // Suggestions marked done or dismissed.
  if (assessed) {
    const suggestions = framework.areas
      .filter((a) => gapAreas.slice(0, 3).includes(a.id))
      .flatMap((a) => a.actions.map((x) => x.id));
    for (const actionId of random.sample(suggestions, random.int(0, 3))) {
      rows.action_states.push({
        person_id: personId,
        action_id: actionId,
        state: random.chance(0.7) ? 'done' : 'dismissed',
        updated_at: momentAgo(world, random, random.int(1, Math.max(2, since - 1))).at,
      });
    }
  }

  // Journal entries written by hand.
  // Some people write a line most weeks, most every other week, a few hardly at all.
  const habit = random.weighted([
    [[4, 12], 20],
    [[12, 32], 55],
    [[32, 70], 25],
  ] as const);
  const perYear = Math.round(
    random.int(habit[0], habit[1]) * (person.role === 'member' || person.role === 'staff' ? 1 : 0.7),
  );
  const entryCount = Math.max(isShowcase ? 12 : 0, Math.round((perYear * since) / 365));
  const firstEntry = rows.journal_entries.length;
  for (let e = 0; e < entryCount; e++) {
    const goal = goals.length > 0 && random.chance(0.3) ? random.pick(goals) : null;
    const area = goal?.area ?? random.pick(areaIds);
    const template = random.pick(ENTRY_TEMPLATES[area] ?? GENERIC_ENTRIES);
    const vars = words();
    const { at, day } = momentAgo(world, random, random.int(0, since - 1));
    const id = ids.next('entry');
    const linked = goal && random.chance(0.7) ? goal : null;
    rows.journal_entries.push({
      id,
      person_id: personId,
      occurred_on: day,
      title: fill(template.title, vars),
      body: fill(template.body, vars),
      kind: template.kind,
      source: 'manual',
      visibility: random.weighted(SHARING),
      goal_id: linked?.id ?? null,
      goal_action_id: linked && linked.actions.length > 0 && random.chance(0.4) ? random.pick(linked.actions) : null,
      source_key: null,
      created_at: at,
      updated_at: at,
    });
    const areas = [area];
    if (random.chance(0.25)) {
      const second = random.pick(areaIds);
      if (second !== area) areas.push(second);
    }
    for (const a of areas) rows.journal_entry_areas.push({ entry_id: id, area_id: a });
    if (random.chance(0.3)) {
      const repo = team?.slug ?? 'engineering';
      const links = [`https://git.example.com/${repo}/pull/${random.int(100, 9999)}`];
      if (random.chance(0.3)) links.push(`https://docs.example.com/${repo}/${random.int(1, 400)}`);
      links.forEach((url, position) => {
        rows.journal_entry_links.push({ entry_id: id, position, url });
      });
    }
  }
  // Everyone who writes keeps something private and shares something with their manager.
  const written = rows.journal_entries.slice(firstEntry);
  if (written.length >= 2) {
    if (!written.some((r) => r.visibility === 'private')) (written[0] as DemoRow).visibility = 'private';
    if (!written.some((r) => r.visibility === 'manager' || r.visibility === 'team'))
      (written[1] as DemoRow).visibility = 'manager';
  }

  // Git evidence: weekly summaries of credits in the team's repository, built as an import builds them.
  const repo = person.teamIndex === null ? undefined : world.repositories.get(person.teamIndex);
  if (repo && (person.role === 'member' || person.role === 'team-manager') && teammates.length > 0) {
    const weeks = random.sample(
      Array.from({ length: Math.floor(since / 7) }, (_, w) => w),
      random.int(4, person.role === 'member' ? 18 : 8),
    );
    const credits: StoredCredit[] = [];
    for (const w of weeks) {
      const groups = random.sample(
        CREDIT_GROUPS.filter((g) => g.id !== 'mentoring' || person.role === 'team-manager'),
        random.int(1, 2),
      );
      for (const group of groups) {
        const commits = random.weighted([
          [1, 4],
          [2, 3],
          [3, 2],
          [5, 1],
        ] as const);
        for (let c = 0; c < commits; c++) {
          const helped = plan.people[random.pick(teammates)]?.email ?? null;
          credits.push({
            sha: random.hex(40),
            kind: random.pick(group.kinds),
            helpedEmail: group.id === 'test' || group.id === 'doc' ? null : helped,
            occurredOn: momentAgo(world, random, w * 7 + random.int(0, 6)).day,
            subject: random.pick(COMMIT_SUBJECTS),
          });
        }
      }
    }
    for (const c of credits) {
      rows.git_credits.push({
        person_id: personId,
        repository_id: repo.id,
        sha: c.sha,
        kind: c.kind,
        helped_email: c.helpedEmail,
        occurred_on: c.occurredOn,
        subject: c.subject,
      });
    }
    const known = new Set(areaIds);
    for (const s of weeklySummaries(repo.id, repo.name, credits)) {
      const areas = s.group.areas.filter((a) => known.has(a));
      if (areas.length === 0) continue;
      const id = ids.next('entry');
      // Imported on the Monday after the week.
      const weekStart = Date.parse(`${isoWeekOf(s.occurredOn).startsOn}T06:00:00Z`);
      const imported = new Date(Math.min(world.now.getTime(), weekStart + 7 * DAY)).toISOString();
      rows.journal_entries.push({
        id,
        person_id: personId,
        occurred_on: s.occurredOn,
        title: s.title,
        body: s.body,
        kind: s.group.entryKind,
        source: 'git',
        visibility: random.weighted([
          ['private', 55],
          ['manager', 30],
          ['team', 15],
        ] as const),
        goal_id: null,
        goal_action_id: null,
        source_key: s.key,
        created_at: imported,
        updated_at: imported,
      });
      for (const a of areas) rows.journal_entry_areas.push({ entry_id: id, area_id: a });
    }
  }

  // A 360 round: their manager, mentors and three or four teammates, most of whom answered.
  const manager = person.managerIndex;
  const lastAssessment = assessmentTimes[assessmentTimes.length - 1];
  if (manager !== null && lastAssessment && since > 120 && (isShowcase || random.chance(0.35))) {
    const roundAgo = random.int(20, Math.min(200, since - 30));
    const roundId = ids.next('round');
    const opened = momentAgo(world, random, roundAgo).at;
    rows.assessment_rounds.push({
      id: roundId,
      person_id: personId,
      framework_id: world.frameworkId,
      created_at: opened,
    });
    const raters: Array<{ index: number; relation: 'manager' | 'mentor' | 'peer' }> = [
      { index: manager, relation: 'manager' },
      ...person.mentorIndexes.map((index) => ({ index, relation: 'mentor' as const })),
      ...random
        .sample(
          teammates.filter((i) => i !== manager && !person.mentorIndexes.includes(i)),
          random.int(3, 4),
        )
        .map((index) => ({ index, relation: 'peer' as const })),
    ];
    for (const rater of raters) {
      const raterId = world.personIds[rater.index] as string;
      let assessmentId: string | null = null;
      if (random.chance(rater.relation === 'manager' ? 0.9 : 0.8)) {
        assessmentId = ids.next('assessment');
        rows.assessments.push({
          id: assessmentId,
          person_id: personId,
          framework_id: world.frameworkId,
          kind: rater.relation,
          track: null,
          stage: null,
          visibility: 'private',
          round_id: roundId,
          rater_id: raterId,
          created_at: momentAgo(world, random, Math.max(0, roundAgo - random.int(1, 14))).at,
        });
        for (const area of areaIds) {
          const self = lastAssessment.levels.get(area) ?? 2;
          rows.assessment_ratings.push({
            assessment_id: assessmentId,
            area_id: area,
            level: Math.max(
              1,
              Math.min(
                4,
                self +
                  random.weighted([
                    [-1, 3],
                    [0, 5],
                    [1, 2],
                  ] as const),
              ),
            ),
            comment: random.pick(RATER_COMMENTS),
          });
        }
      }
      rows.round_raters.push({
        round_id: roundId,
        rater_id: raterId,
        relation: rater.relation,
        invited_at: opened,
        assessment_id: assessmentId,
      });
    }
  }

  // Their manager and mentors looked at what they shared.
  const readers = [...(manager === null ? [] : [manager]), ...person.mentorIndexes];
  if (assessed && readers.length > 0) {
    const reads = random.int(0, 6);
    for (let r = 0; r < reads; r++) {
      rows.audit_log.push({
        id: ids.next('audit'),
        actor_id: world.personIds[random.pick(readers)] as string,
        subject_id: personId,
        action: 'read',
        resource: random.pick(['standing', 'journal', 'readiness report', 'goals']),
        at: momentAgo(world, random, random.int(0, since - 1)).at,
      });
    }
  }
}
