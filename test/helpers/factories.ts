import type { Framework } from '../../src/domain/framework/schema.ts';
import { FRAMEWORK_FORMAT } from '../../src/domain/framework/schema.ts';

/** Builds an area with four levels and `actionLevels.length` actions at those levels. */
export function buildArea(id: string, actionLevels: number[] = [2, 3, 2, 4, 3]) {
  return {
    id,
    name: id.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase()),
    description: `What ${id} means.`,
    levels: [1, 2, 3, 4].map((level) => ({ level, name: `L${level}`, description: `${id} at level ${level}.` })),
    actions: actionLevels.map((level, i) => ({
      id: `${id}-action-${i + 1}`,
      title: `Do ${id} thing ${i + 1}`,
      description: `A concrete ${id} step.`,
      level,
    })),
  };
}

/**
 * A small valid framework: areas alpha, beta, gamma; tracks manager (stages lead, head) and ic
 * (stages staff). Override any part.
 */
export function buildFramework(overrides: Partial<Framework> = {}): Framework {
  const areas = overrides.areas ?? [buildArea('alpha'), buildArea('beta'), buildArea('gamma')];
  const all = (level: number) => Object.fromEntries(areas.map((a) => [a.id, level]));
  return {
    format: FRAMEWORK_FORMAT,
    id: 'test-framework',
    version: '1.0.0',
    name: 'Test framework',
    description: 'A framework for tests.',
    areas,
    tracks: [
      {
        id: 'manager',
        name: 'Manager track',
        description: 'People.',
        stages: [
          { id: 'lead', name: 'Lead', description: 'Leads a team.', targets: all(3) },
          { id: 'head', name: 'Head', description: 'Leads leads.', targets: all(4) },
        ],
      },
      {
        id: 'ic',
        name: 'IC track',
        description: 'Technology.',
        stages: [{ id: 'staff', name: 'Staff', description: 'Staff engineer.', targets: all(2) }],
      },
    ],
    reflection: {
      questions: [
        {
          id: 'q-people',
          prompt: 'I like helping others.',
          leansTo: 'manager',
          weight: 2,
          agreeReason: 'People energise you.',
          disagreeReason: 'People work drains you.',
        },
        {
          id: 'q-build',
          prompt: 'I like building.',
          leansTo: 'ic',
          weight: 2,
          agreeReason: 'Building energises you.',
          disagreeReason: 'Building is not your draw.',
        },
        {
          id: 'q-meetings',
          prompt: 'I enjoy meetings.',
          leansTo: 'manager',
          weight: 1,
          agreeReason: 'Meetings suit you.',
          disagreeReason: 'Meetings tire you.',
        },
        {
          id: 'q-depth',
          prompt: 'I love deep focus.',
          leansTo: 'ic',
          weight: 1,
          agreeReason: 'Focus is your thing.',
          disagreeReason: 'You do not need long focus.',
        },
      ],
    },
    ...overrides,
  };
}

/** Profile input for a new person; override any field. */
export function buildPersonInput(
  overrides: Partial<{ name: string; email: string; roleTitle: string; team: string }> = {},
) {
  return {
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    roleTitle: 'Backend developer',
    team: 'Payments',
    ...overrides,
  };
}

/**
 * A service context with a clock that moves one minute per call from 2026-01-05 and sequential
 * ids, so stored order and timestamps are predictable.
 */
export function testContext<T>(db: T) {
  let tick = 0;
  let id = 0;
  return {
    db,
    clock: () => new Date(Date.UTC(2026, 0, 5, 9, tick++)),
    newId: () => `id-${String(++id).padStart(4, '0')}`,
  };
}

/** The ids of the ten areas of the framework shipped with Leadway, in order. */
export const AREA_IDS = [
  'stepping-up',
  'ownership',
  'relationships',
  'technical-expertise',
  'mentorship',
  'project-management',
  'communication',
  'managing-up',
  'conflict-and-crises',
  'vision',
];

/** The AppError code a promise rejects with (fails the test if it resolves or throws something else). */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  const { AppError } = await import('../../src/domain/errors.ts');
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  throw new Error('expected an AppError');
}
