import { VISIBILITIES, type Visibility } from '../journal/journal.ts';

/**
 * Who is acting: a signed-in person, or the system (the CLI on the machine that owns the database,
 * start-up tasks, tests' set-up). The system is trusted the way a database administrator is.
 */
export type Actor = { kind: 'system' } | { kind: 'person'; id: string; isAdmin: boolean };

export const SYSTEM: Actor = { kind: 'system' };

/** What the policies need to know about the person whose data is asked for. */
export interface Subject {
  id: string;
  managerId: string | null;
  mentorIds: string[];
  teamId: string | null;
}

/** How the actor stands to the subject, closest first. */
export type Relation = 'system' | 'self' | 'mentor' | 'manager' | 'team' | 'none';

/** The actor's relation to the subject; `actorTeamId` is the actor's own team. */
export function relationTo(actor: Actor, subject: Subject, actorTeamId: string | null): Relation {
  if (actor.kind === 'system') return 'system';
  if (actor.id === subject.id) return 'self';
  if (subject.mentorIds.includes(actor.id)) return 'mentor';
  if (subject.managerId === actor.id) return 'manager';
  if (subject.teamId !== null && subject.teamId === actorTeamId) return 'team';
  return 'none';
}

/**
 * Sharing widens in circles: private (the owner only) ⊂ mentor (+ their mentors) ⊂ manager
 * (+ their manager) ⊂ team (+ everyone in their team). Admins get no special access: they manage
 * people and the framework, not read what members keep.
 */
export function canSee(relation: Relation, visibility: string): boolean {
  if (relation === 'system' || relation === 'self') return true;
  const level = VISIBILITIES.indexOf(visibility as Visibility);
  if (level <= 0) return false;
  const reach: Record<Exclude<Relation, 'system' | 'self'>, number> = { mentor: 1, manager: 2, team: 3, none: 99 };
  return reach[relation] <= level;
}

/** Whether the actor may change the subject's own data (plans, journal, assessments): only they may. */
export function canChange(relation: Relation): boolean {
  return relation === 'system' || relation === 'self';
}

/** Whether the actor may manage people (invite, set managers and mentors, admin rights) and the framework. */
export function canAdminister(actor: Actor): boolean {
  return actor.kind === 'system' || actor.isAdmin;
}

/** The visibilities a relation may see (all of them for the owner and the system). */
export function visibilitiesFor(relation: Relation): string[] {
  return VISIBILITIES.filter((v) => canSee(relation, v));
}
