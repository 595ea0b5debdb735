import { describe, expect, it } from 'vitest';
import type { AreaStanding } from '../progress/standing.ts';
import { assessReadiness, type EvidenceItem } from './readiness.ts';

const SINCE = '2026-01-01';
const area = (areaId: string, current: number | null, target: number | null): AreaStanding => ({
  areaId,
  name: areaId.toUpperCase(),
  current,
  comment: '',
  previous: null,
  target,
  gap: current !== null && target !== null ? Math.max(0, target - current) : null,
});
const item = (
  id: string,
  areas: string[],
  occurredOn: string,
  kind = 'other',
  extra: Partial<EvidenceItem> = {},
): EvidenceItem => ({
  id,
  title: id,
  occurredOn,
  kind,
  areas,
  hasGoal: false,
  links: [],
  ...extra,
});

describe('assessReadiness', () => {
  it('is ready only when every area meets its target with recent evidence', () => {
    const standing = [area('a', 3, 3), area('b', 4, 3)];
    const r = assessReadiness(standing, [item('x', ['a', 'b'], '2026-02-01')], [], [], SINCE);
    expect(r.overall.verdict).toBe('ready');
    const stale = assessReadiness(
      standing,
      [item('x', ['a'], '2026-02-01'), item('y', ['b'], '2025-06-01')],
      [],
      [],
      SINCE,
    );
    expect(stale.overall.verdict).toBe('nearly');
    expect(stale.overall.areasWithoutRecentEvidence).toEqual(['B']);
  });
  it('is nearly ready with at most two areas one level short', () => {
    const r = assessReadiness([area('a', 2, 3), area('b', 2, 3), area('c', 3, 3)], [], [], [], SINCE);
    expect(r.overall).toMatchObject({ verdict: 'nearly', totalGap: 2, largestGap: 1, areasMeetingTarget: 1 });
  });
  it('is not yet with a gap of two, naming the area', () => {
    const r = assessReadiness([area('a', 1, 3), area('b', 3, 3)], [], [], [], SINCE);
    expect(r.overall.verdict).toBe('not-yet');
    expect(r.overall.working).toContain('Not yet: A is more than one level short.');
  });
  it('cannot judge without assessment or target', () => {
    expect(assessReadiness([area('a', null, 3)], [], [], [], SINCE).overall.verdict).toBe('unknown');
    expect(assessReadiness([area('a', 2, null)], [], [], [], SINCE).areas[0]?.verdict).toBe('no-target');
  });
  it('ranks the strongest evidence by kind, goal, recency and links', () => {
    const evidence = [
      item('old-note', ['a'], '2025-01-01'),
      item('recent-note', ['a'], '2026-02-01'),
      item('delivery-for-goal', ['a'], '2025-05-01', 'delivery', { hasGoal: true }),
      item('recent-review-with-link', ['a'], '2026-02-02', 'review', { links: ['https://x'] }),
    ];
    const r = assessReadiness([area('a', 3, 3)], evidence, [], [], SINCE);
    expect(r.areas[0]?.evidence.strongest.map((e) => e.id)).toEqual([
      'delivery-for-goal', // delivery 3 + goal 1
      'recent-review-with-link', // review 2 + recent 1 + link 0.5
      'recent-note', // other 1 + recent 1
    ]);
    expect(r.areas[0]?.evidence).toMatchObject({ last90Days: 2, allTime: 4 });
  });
});
