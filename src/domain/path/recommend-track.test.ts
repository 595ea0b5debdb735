import { describe, expect, it } from 'vitest';
import { buildFramework } from '../../../test/helpers/factories.ts';
import { AppError } from '../errors.ts';
import { recommendTrack } from './recommend-track.ts';

const fw = buildFramework();

describe('recommendTrack', () => {
  it('recommends the manager track clearly when people work draws the person and building does not', () => {
    const rec = recommendTrack(fw, { 'q-people': 5, 'q-build': 1, 'q-meetings': 4, 'q-depth': 2 });
    // manager: (5-3)*2 + (4-3)*1 = 5; ic: (1-3)*2 + (2-3)*1 = -5; margin 10 of 12
    expect(rec.scores).toEqual({ manager: 5, ic: -5 });
    expect(rec.recommendedTrack).toBe('manager');
    expect(rec.strength).toBe('clear');
    expect(rec.reasons.map((r) => r.explanation)).toEqual([
      'People energise you.',
      'Building is not your draw.',
      'Meetings suit you.',
    ]);
    expect(rec.counterpoints).toEqual([]);
  });

  it('recommends the IC track and shows the answers that point the other way', () => {
    const rec = recommendTrack(fw, { 'q-people': 4, 'q-build': 5, 'q-meetings': 3, 'q-depth': 5 });
    expect(rec.recommendedTrack).toBe('ic');
    expect(rec.scores).toEqual({ manager: 2, ic: 6 });
    expect(rec.strength).toBe('clear');
    expect(rec.counterpoints.map((r) => r.questionId)).toEqual(['q-people']);
  });

  it('calls a small margin leaning and a tie balanced', () => {
    expect(recommendTrack(fw, { 'q-people': 3, 'q-build': 3, 'q-meetings': 4, 'q-depth': 3 }).strength).toBe('leaning');
    const tie = recommendTrack(fw, { 'q-people': 3, 'q-build': 3, 'q-meetings': 3, 'q-depth': 3 });
    expect(tie.strength).toBe('balanced');
    expect(tie.recommendedTrack).toBe('manager');
    expect(tie.reasons).toEqual([]);
  });

  it('refuses missing, out-of-range and unknown answers, naming each', () => {
    try {
      recommendTrack(fw, { 'q-people': 6, 'q-build': 2.5, 'q-meetings': 3, 'q-extra': 1 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).fields).toEqual({
        'answers.q-people': 'must be a whole number from 1 to 5',
        'answers.q-build': 'must be a whole number from 1 to 5',
        'answers.q-depth': expect.stringMatching(/answer this question/),
        'answers.q-extra': 'not a question of the installed framework',
      });
    }
  });
});
