import { describe, expect, it } from 'vitest';
import { type Actor, canAdminister, canChange, canSee, relationTo, type Subject } from './policy.ts';

const member: Subject = { id: 'm', managerId: 'boss', mentorIds: ['guide'], teamId: 'core' };
const as = (id: string, isAdmin = false): Actor => ({ kind: 'person', id, isAdmin });

describe('relationTo', () => {
  it.each([
    [as('m'), 'core', 'self'],
    [as('guide'), 'other', 'mentor'],
    [as('boss'), 'other', 'manager'],
    [as('peer'), 'core', 'team'],
    [as('stranger'), 'other', 'none'],
    [as('admin', true), null, 'none'],
    [{ kind: 'system' } as Actor, null, 'system'],
  ])('%o in team %s is %s', (actor, team, expected) => {
    expect(relationTo(actor, member, team)).toBe(expected);
  });
});

describe('canSee', () => {
  const table: Array<[string, Record<string, boolean>]> = [
    ['private', { self: true, mentor: false, manager: false, team: false, none: false, system: true }],
    ['mentor', { self: true, mentor: true, manager: false, team: false, none: false, system: true }],
    ['manager', { self: true, mentor: true, manager: true, team: false, none: false, system: true }],
    ['team', { self: true, mentor: true, manager: true, team: true, none: false, system: true }],
    ['nonsense', { self: true, mentor: false, manager: false, team: false, none: false, system: true }],
  ];
  it.each(table)('%s', (visibility, expected) => {
    for (const [relation, allowed] of Object.entries(expected)) {
      expect(canSee(relation as never, visibility), `${relation} → ${visibility}`).toBe(allowed);
    }
  });
  it('lets only the owner (or the system) change data, and admins administer', () => {
    expect(['self', 'system'].map((r) => canChange(r as never))).toEqual([true, true]);
    expect(['mentor', 'manager', 'team', 'none'].map((r) => canChange(r as never))).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect([canAdminister(as('a', true)), canAdminister(as('b')), canAdminister({ kind: 'system' })]).toEqual([
      true,
      false,
      true,
    ]);
  });
});
