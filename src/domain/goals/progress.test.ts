import { describe, expect, it } from 'vitest';
import { goalProgress } from './progress.ts';

const TODAY = '2026-03-10';

describe('goalProgress', () => {
  it.each([
    [
      'no actions',
      { status: 'active', due_on: null },
      [],
      { percent: 0, actionsDone: 0, actionsTotal: 0, isOverdue: false, overdueActions: 0 },
    ],
    [
      'half done, one action overdue',
      { status: 'active', due_on: '2026-04-01' },
      [
        { due_on: '2026-03-01', done_on: '2026-02-28' },
        { due_on: '2026-03-09', done_on: null },
        { due_on: '2026-03-10', done_on: null },
        { due_on: null, done_on: '2026-03-01' },
      ],
      { percent: 50, actionsDone: 2, actionsTotal: 4, isOverdue: false, overdueActions: 1 },
    ],
    [
      'open and past due',
      { status: 'planned', due_on: '2026-03-09' },
      [],
      { percent: 0, actionsDone: 0, actionsTotal: 0, isOverdue: true, overdueActions: 0 },
    ],
    [
      'done goals are complete and never overdue',
      { status: 'done', due_on: '2026-01-01' },
      [{ due_on: '2026-01-01', done_on: null }],
      { percent: 100, actionsDone: 0, actionsTotal: 1, isOverdue: false, overdueActions: 0 },
    ],
    [
      'dropped goals are not overdue',
      { status: 'dropped', due_on: '2026-01-01' },
      [
        { due_on: '2026-01-01', done_on: null },
        { due_on: null, done_on: '2026-01-01' },
      ],
      { percent: 50, actionsDone: 1, actionsTotal: 2, isOverdue: false, overdueActions: 0 },
    ],
  ])('%s', (_name, goal, actions, expected) => {
    expect(goalProgress(goal, actions, TODAY)).toEqual(expected);
  });
});
