import type { Framework } from '../framework/schema.ts';
import type { Random } from './random.ts';
import { FIRST_NAMES, LAST_NAMES, ROLE_TITLES_IC, TEAM_DOMAINS, TEAM_UNITS } from './texts.ts';

/** Where someone sits in the demo organisation. */
export type DemoRole = 'head' | 'director' | 'team-manager' | 'staff' | 'member';

/** One person of the demo organisation, before any row is written. */
export interface DemoPerson {
  /** Position in insertion order: everyone's manager comes before them. */
  index: number;
  name: string;
  firstName: string;
  email: string;
  role: DemoRole;
  roleTitle: string;
  teamIndex: number | null;
  managerIndex: number | null;
  mentorIndexes: number[];
  /** Direct reports, by index. */
  reports: number[];
  track: string | null;
  stage: string | null;
  isAdmin: boolean;
  /** How many days before "now" their profile was made (a year or more for most). */
  joinedDaysAgo: number;
}

/** One team: product teams have a manager and 5–9 members; the leadership team has the head. */
export interface DemoTeam {
  index: number;
  name: string;
  slug: string;
  /** Everyone on the team, manager included. */
  memberIndexes: number[];
  /** Product teams have a repository and git evidence; the leadership team has none. */
  isProduct: boolean;
}

export interface OrganisationPlan {
  people: DemoPerson[];
  teams: DemoTeam[];
}

/** Most people a demo organisation can have. */
export const MAX_DEMO_PEOPLE = 50_000;
/** Team size bounds (members, not counting the team's manager). */
const MIN_TEAM = 5;
const MAX_TEAM = 9;
/** Most reports a manager of managers has before another layer is added. */
const SPAN = 6;
/** Most extra staff engineers reporting to the head when the sizes do not divide evenly. */
const MAX_STAFF = 4;

/** How many managers of managers `teams` team managers need, layer by layer, up to the head. */
function layersAbove(teams: number): number[] {
  const layers: number[] = [];
  let width = teams;
  while (width > 7) {
    width = Math.ceil(width / SPAN);
    layers.push(width);
  }
  return layers;
}

/** Picks a team count for `others` people below the head: members per team near 7, within 5–9. */
function chooseTeamCount(others: number): { teams: number; members: number; staff: number } {
  let best: { teams: number; members: number; staff: number; score: number } | undefined;
  for (let teams = 1; teams <= others; teams++) {
    const upper = layersAbove(teams).reduce((s, n) => s + n, 0);
    const members = others - teams - upper;
    if (members < MIN_TEAM * teams) break;
    const staff = Math.max(0, members - MAX_TEAM * teams);
    if (staff > MAX_STAFF) continue;
    const score = (staff > 0 ? 100 : 0) + Math.abs((members - staff) / teams - 7);
    if (!best || score < best.score) best = { teams, members: members - staff, staff, score };
  }
  if (!best) throw new Error(`no team layout for ${others} people`);
  return { teams: best.teams, members: best.members, staff: best.staff };
}

/** Splits `total` into `parts` sizes within [min, max], randomly but summing exactly. */
function splitSizes(random: Random, total: number, parts: number, min: number, max: number): number[] {
  const sizes = Array.from({ length: parts }, () => min);
  let left = total - min * parts;
  while (left > 0) {
    const i = random.int(0, parts - 1);
    if ((sizes[i] as number) < max) {
      sizes[i] = (sizes[i] as number) + 1;
      left--;
    }
  }
  return sizes;
}

/** Splits `items` into `groups` groups as evenly as possible, in order. */
function evenGroups<T>(items: T[], groups: number): T[][] {
  const out: T[][] = [];
  let at = 0;
  for (let g = 0; g < groups; g++) {
    const size = Math.floor(items.length / groups) + (g < items.length % groups ? 1 : 0);
    out.push(items.slice(at, at + size));
    at += size;
  }
  return out;
}

function slugOf(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The tracks the demo uses: the manager track and the IC track, or whatever the framework has. */
function trackIds(framework: Framework): { manager: string | null; ic: string | null } {
  const ids = framework.tracks.map((t) => t.id);
  const manager = ids.find((id) => id === 'manager') ?? ids[0] ?? null;
  const ic = ids.find((id) => id === 'ic') ?? ids.find((id) => id !== manager) ?? manager;
  return { manager, ic };
}

function stageOf(framework: Framework, trackId: string | null, senior: boolean): string | null {
  const stages = framework.tracks.find((t) => t.id === trackId)?.stages ?? [];
  return (senior ? stages[stages.length - 1] : stages[0])?.id ?? null;
}

/**
 * Lays out an organisation of `count` people: a head of engineering (the admin), managers of
 * managers in layers of at most six, team managers each leading 5–9 members, up to four staff
 * engineers when sizes do not divide evenly, and mentors from other teams. Small organisations
 * (up to ten people) are one team led by the head.
 */
export function planOrganisation(count: number, framework: Framework, random: Random): OrganisationPlan {
  if (!Number.isInteger(count) || count < 1 || count > MAX_DEMO_PEOPLE) {
    throw new RangeError(`people must be a whole number from 1 to ${MAX_DEMO_PEOPLE}`);
  }
  const tracks = trackIds(framework);
  type Node = Omit<DemoPerson, 'index' | 'name' | 'firstName' | 'email' | 'reports' | 'managerIndex'> & {
    children: Node[];
    index?: number;
  };
  const node = (role: DemoRole, roleTitle: string, teamIndex: number | null): Node => ({
    role,
    roleTitle,
    teamIndex,
    mentorIndexes: [],
    track: null,
    stage: null,
    isAdmin: false,
    joinedDaysAgo: 0,
    children: [],
  });

  const teams: Array<Omit<DemoTeam, 'memberIndexes'> & { nodes: Node[] }> = [];
  const domains = random.sample(TEAM_DOMAINS, TEAM_DOMAINS.length);
  const units = random.sample(TEAM_UNITS, TEAM_UNITS.length);
  const addTeam = (isProduct: boolean, fixedName?: string) => {
    const i = teams.filter((t) => t.isProduct).length;
    let name = fixedName ?? (domains[i % domains.length] as string);
    if (!fixedName && i >= domains.length) {
      name += ` ${units[Math.floor(i / domains.length) % units.length]}`;
      const round = Math.floor(i / (domains.length * units.length));
      if (round > 0) name += ` ${round + 1}`;
    }
    teams.push({ index: teams.length, name, slug: slugOf(name), isProduct, nodes: [] });
    return teams.length - 1;
  };

  const head = node('head', 'Head of engineering', null);
  head.isAdmin = true;
  const others = count - 1;
  if (others <= MAX_TEAM) {
    // One team, led by the head.
    const team = addTeam(true);
    head.teamIndex = team;
    head.roleTitle = count > 1 ? 'Engineering manager' : 'Head of engineering';
    for (let i = 0; i < others; i++) head.children.push(node('member', random.pick(ROLE_TITLES_IC), team));
  } else {
    const layout = chooseTeamCount(others);
    const leadership = addTeam(false, 'Engineering leadership');
    head.teamIndex = leadership;
    const sizes = splitSizes(random, layout.members, layout.teams, MIN_TEAM, MAX_TEAM);
    let layer: Node[] = sizes.map((size) => {
      const team = addTeam(true);
      const manager = node('team-manager', random.chance(0.5) ? 'Team lead' : 'Engineering manager', team);
      for (let i = 0; i < size; i++) manager.children.push(node('member', random.pick(ROLE_TITLES_IC), team));
      return manager;
    });
    let depth = 0;
    const titles = ['Director of engineering', 'Senior director of engineering', 'VP of engineering'];
    while (layer.length > 7) {
      const groups = evenGroups(layer, Math.ceil(layer.length / SPAN));
      const title = titles[Math.min(depth, titles.length - 1)] as string;
      layer = groups.map((group) => {
        const director = node('director', title, null);
        director.children = group;
        return director;
      });
      depth++;
    }
    for (const top of layer) {
      // The head's direct reports form the leadership team.
      if (top.role === 'director') top.teamIndex = leadership;
      head.children.push(top);
    }
    for (let i = 0; i < layout.staff; i++) {
      head.children.push(node('staff', random.chance(0.5) ? 'Staff engineer' : 'Principal engineer', leadership));
    }
  }

  // Breadth-first: everyone's manager gets a smaller index than them.
  const people: DemoPerson[] = [];
  const takenEmails = new Set<string>();
  const queue: Array<{ n: Node; managerIndex: number | null }> = [{ n: head, managerIndex: null }];
  for (let q = 0; q < queue.length; q++) {
    const { n, managerIndex } = queue[q] as { n: Node; managerIndex: number | null };
    const index = people.length;
    n.index = index;
    const firstName = random.pick(FIRST_NAMES);
    const lastName = random.pick(LAST_NAMES);
    const local = `${firstName}.${lastName}`.toLowerCase();
    let email = `${local}@example.com`;
    for (let k = 2; takenEmails.has(email); k++) email = `${local}${k}@example.com`;
    takenEmails.add(email);
    const isManagerTrack = n.role !== 'member' && n.role !== 'staff' ? true : random.chance(0.35);
    const senior = n.role === 'director' || n.role === 'head' || n.role === 'staff' || /Senior/.test(n.roleTitle);
    const track = n.role === 'staff' ? tracks.ic : isManagerTrack ? tracks.manager : tracks.ic;
    // New joiners (about one in twelve) came during the year; a few of them have not chosen a path yet.
    const joinedDaysAgo = index > 0 && random.chance(0.08) ? random.int(5, 300) : random.int(366, 420);
    const noPath = n.role === 'member' && joinedDaysAgo < 45 && random.chance(0.5);
    people.push({
      index,
      name: `${firstName} ${lastName}`,
      firstName,
      email,
      role: n.role,
      roleTitle: n.roleTitle,
      teamIndex: n.teamIndex,
      managerIndex,
      mentorIndexes: [],
      reports: [],
      track: noPath ? null : track,
      stage: noPath ? null : stageOf(framework, track, senior && random.chance(0.6)),
      isAdmin: n.isAdmin,
      joinedDaysAgo,
    });
    if (managerIndex !== null) people[managerIndex]?.reports.push(index);
    if (n.teamIndex !== null) teams[n.teamIndex]?.nodes.push(n);
    for (const child of n.children) queue.push({ n: child, managerIndex: index });
  }

  // Mentors from other teams: senior members, staff and team managers, at most three mentees each.
  const mentorPool = people.filter(
    (p) => p.role === 'team-manager' || p.role === 'staff' || (p.role === 'member' && /Senior/.test(p.roleTitle)),
  );
  const mentees = new Map<number, number>();
  if (mentorPool.length > 1) {
    for (const p of people) {
      if (p.role !== 'member' || !random.chance(0.4)) continue;
      for (let attempt = 0; attempt < 6; attempt++) {
        const mentor = random.pick(mentorPool);
        if (mentor.teamIndex === p.teamIndex || mentor.index === p.managerIndex || mentor.index === p.index) continue;
        if ((mentees.get(mentor.index) ?? 0) >= 3) continue;
        mentees.set(mentor.index, (mentees.get(mentor.index) ?? 0) + 1);
        p.mentorIndexes.push(mentor.index);
        break;
      }
    }
  }

  const plan: OrganisationPlan = {
    people,
    teams: teams.map(({ nodes, ...t }) => ({ ...t, memberIndexes: nodes.map((n) => n.index as number) })),
  };
  // The member shown to newcomers has a whole year of data and a chosen path.
  const { member } = showcase(plan);
  if (member) {
    member.joinedDaysAgo = Math.max(member.joinedDaysAgo, 380);
    member.track ??= tracks.ic;
    member.stage ??= stageOf(framework, member.track, false);
  }
  return plan;
}

/**
 * The people the demo points a newcomer to: the admin, a manager with at least five reports, and
 * one of those reports (the first member of the first such team). Null when the organisation is
 * too small to have such a manager.
 */
export function showcase(plan: OrganisationPlan): {
  admin: DemoPerson;
  manager: DemoPerson | null;
  member: DemoPerson | null;
} {
  const admin = plan.people[0] as DemoPerson;
  const manager =
    plan.people.find((p) => p.role === 'team-manager' && p.reports.length >= MIN_TEAM) ??
    plan.people.find((p) => p.reports.filter((r) => plan.people[r]?.role === 'member').length >= MIN_TEAM) ??
    null;
  const memberIndex = manager?.reports.find((r) => plan.people[r]?.role === 'member');
  return { admin, manager, member: memberIndex === undefined ? null : (plan.people[memberIndex] ?? null) };
}
