import { describe, expect, it } from 'vitest';
import { managementCycle, managementCycleMessage } from './management-chain.ts';

/** ann ← bo ← cy ← dee (dee reports to cy, who reports to bo, who reports to ann); eve alone; x ↔ y a loop already stored. */
const managers = new Map<string, string | null>([
  ['ann', null],
  ['bo', 'ann'],
  ['cy', 'bo'],
  ['dee', 'cy'],
  ['eve', null],
  ['x', 'y'],
  ['y', 'x'],
]);

describe('managementCycle', () => {
  it.each([
    // person, new manager, the chain that would loop (null: allowed)
    ['ann', 'ann', ['ann']],
    ['ann', 'bo', ['bo', 'ann']],
    ['ann', 'cy', ['cy', 'bo', 'ann']],
    ['ann', 'dee', ['dee', 'cy', 'bo', 'ann']],
    ['bo', 'dee', ['dee', 'cy', 'bo']],
    ['dee', 'ann', null],
    ['dee', 'bo', null],
    ['cy', 'eve', null],
    ['eve', 'dee', null],
    ['ann', 'eve', null],
    ['ann', 'nobody-known', null],
    ['eve', 'x', null],
    ['x', 'y', ['y', 'x']],
  ] as Array<[string, string, string[] | null]>)('%s managed by %s → %j', (person, manager, expected) => {
    expect(managementCycle(person, manager, managers)).toEqual(expected);
  });
});

describe('managementCycleMessage', () => {
  it.each([
    [['Ann'], 'Ann cannot be their own manager.'],
    [['Bo', 'Ann'], 'Bo already reports to Ann, directly or through others, so Ann cannot report to Bo.'],
    [
      ['Dee', 'Cy', 'Bo', 'Ann'],
      'Dee already reports to Ann, directly or through others (Dee → Cy → Bo → Ann), so Ann cannot report to Dee.',
    ],
  ])('%j', (names, expected) => {
    expect(managementCycleMessage(names)).toBe(expected);
  });
});
