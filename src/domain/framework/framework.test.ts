import { describe, expect, it } from 'vitest';
import { AREA_IDS, buildArea, buildFramework } from '../../../test/helpers/factories.ts';
import { readDefaultFramework } from '../../services/framework/active-framework.ts';
import { AppError } from '../errors.ts';
import { findStage, parseFrameworkDocument, targetsFor, validateFramework } from './framework.ts';

function problemsOf(fn: () => unknown): Record<string, string> {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error.fields ?? { message: error.message };
    throw error;
  }
  throw new Error('expected a validation error');
}

describe('validateFramework', () => {
  it('accepts a well-formed framework', () => {
    const fw = validateFramework(buildFramework());
    expect(fw.areas.map((a) => a.id)).toEqual(['alpha', 'beta', 'gamma']);
  });

  it('reports malformed JSON with the parser message', () => {
    expect(() => parseFrameworkDocument('{"format": ')).toThrow(/not valid JSON/);
  });

  it('names every problem by its path', () => {
    const fw = buildFramework();
    const broken = structuredClone(fw) as unknown as Record<string, unknown> & typeof fw;
    broken.areas[1] = { ...buildArea('alpha') }; // duplicate id
    broken.areas[2]?.levels.reverse();
    delete broken.tracks[0]?.stages[0]?.targets.gamma;
    broken.reflection.questions[0] = { ...broken.reflection.questions[0], leansTo: 'pirate' } as never;
    const problems = problemsOf(() => validateFramework(broken));
    expect(problems['areas.1.id']).toMatch(/used twice/);
    expect(problems['areas.2.levels.0.level']).toMatch(/in order/);
    expect(problems['tracks.0.stages.0.targets']).toMatch(/gamma/);
    expect(problems['reflection.questions.0.leansTo']).toMatch(/unknown track "pirate"/);
  });

  it('refuses a wrong format tag and a missing version', () => {
    const problems = problemsOf(() => validateFramework({ ...buildFramework(), format: 'other/v9', version: 'one' }));
    expect(Object.keys(problems)).toEqual(expect.arrayContaining(['format', 'version']));
  });

  it('refuses a target that names an unknown area and levels out of range', () => {
    const fw = buildFramework();
    const stage = fw.tracks[1]?.stages[0];
    if (!stage) throw new Error('fixture');
    stage.targets = { ...stage.targets, omega: 2, alpha: 7 };
    const problems = problemsOf(() => validateFramework(fw));
    expect(problems['tracks.1.stages.0.targets.omega']).toMatch(/unknown area/);
    expect(problems['tracks.1.stages.0.targets.alpha']).toBeDefined();
  });
});

describe('tracks and targets', () => {
  const fw = buildFramework();
  it('defaults to the first stage of a track', () => {
    expect(findStage(fw, 'manager').stage.id).toBe('lead');
    expect(targetsFor(fw, 'manager', 'head')).toEqual({ alpha: 4, beta: 4, gamma: 4 });
    expect(targetsFor(fw, null, null)).toBeNull();
  });
  it('explains unknown tracks and stages', () => {
    expect(() => findStage(fw, 'wizard')).toThrow(/Known tracks: manager, ic/);
    expect(() => findStage(fw, 'ic', 'principal')).toThrow(/Its stages: staff/);
  });
});

describe('the framework shipped with Leadway', () => {
  const fw = readDefaultFramework();
  it('has the ten areas with the documented ids', () => {
    expect(fw.areas.map((a) => a.id)).toEqual(AREA_IDS);
  });
  it('describes four levels and at least five actions per area, reaching each step', () => {
    for (const area of fw.areas) {
      expect(
        area.levels.map((l) => l.level),
        area.id,
      ).toEqual([1, 2, 3, 4]);
      expect(area.actions.length, area.id).toBeGreaterThanOrEqual(5);
      const levels = new Set(area.actions.map((a) => a.level));
      expect(levels.has(2) && levels.has(3), `${area.id} has actions towards levels 2 and 3`).toBe(true);
    }
  });
  it('has a manager and an IC track with different targets, and at least eight reflection questions', () => {
    expect(fw.tracks.map((t) => t.id)).toEqual(['manager', 'ic']);
    const lead = targetsFor(fw, 'manager', null);
    const staff = targetsFor(fw, 'ic', null);
    expect(lead).not.toEqual(staff);
    expect(fw.reflection.questions.length).toBeGreaterThanOrEqual(8);
    const leans = new Set(fw.reflection.questions.map((q) => q.leansTo));
    expect(leans).toEqual(new Set(['manager', 'ic']));
  });
});
