import type { EntryKind } from '../journal/journal.ts';
import { isoWeekOf } from '../journal/journal.ts';

/** A credit as stored for a person: one commit, one kind. */
export interface StoredCredit {
  sha: string;
  kind: string;
  helpedEmail: string | null;
  occurredOn: string;
  subject: string;
}

/** How credits become journal evidence: which kinds, which areas, what the entry says. */
export interface CreditGroup {
  id: string;
  kinds: string[];
  areas: string[];
  entryKind: EntryKind;
  /** Title from the number of commits and of distinct people helped. */
  title: (commits: number, people: number) => string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The mapping from git credit to evidence: reviews, acks and tests of others' changes and
 * mentoring show mentorship; co-authoring shows mentorship and relationships; fixing others'
 * bugs and writing tests show ownership; documentation shows communication.
 */
export const CREDIT_GROUPS: CreditGroup[] = [
  {
    id: 'review',
    kinds: ['reviewed-by', 'acked-by', 'tested-by'],
    areas: ['mentorship'],
    entryKind: 'review',
    title: (n, p) => `Reviewed ${plural(n, 'change')} by ${plural(p, 'person', 'people')}`,
  },
  {
    id: 'mentoring',
    kinds: ['mentored-by', 'helped-by'],
    areas: ['mentorship'],
    entryKind: 'mentoring',
    title: (n, p) => `Mentored or helped on ${plural(n, 'change')} by ${plural(p, 'person', 'people')}`,
  },
  {
    id: 'pairing',
    kinds: ['co-authored-by'],
    areas: ['mentorship', 'relationships'],
    entryKind: 'pairing',
    title: (n, p) => `Co-authored ${plural(n, 'change')} with ${plural(p, 'person', 'people')}`,
  },
  {
    id: 'fix',
    kinds: ['fix-of-others'],
    areas: ['ownership'],
    entryKind: 'delivery',
    title: (n, p) => `Fixed ${plural(n, 'problem')} in changes by ${plural(p, 'other person', 'other people')}`,
  },
  {
    id: 'test',
    kinds: ['test'],
    areas: ['ownership'],
    entryKind: 'delivery',
    title: (n) => `Added or updated tests in ${plural(n, 'commit')}`,
  },
  {
    id: 'doc',
    kinds: ['doc'],
    areas: ['communication'],
    entryKind: 'document',
    title: (n) => `Wrote or updated documentation in ${plural(n, 'commit')}`,
  },
];

/** Credit kinds that become evidence (suggested-by and reported-by stay figures only). */
export const EVIDENCE_KINDS = new Set(CREDIT_GROUPS.flatMap((g) => g.kinds));

/** One weekly summary entry, ready to store. */
export interface WeeklySummary {
  /** Stable per person, repository, week and group: re-imports update the same entry. */
  key: string;
  week: string;
  group: CreditGroup;
  title: string;
  body: string;
  occurredOn: string;
  commits: number;
}

/** Most commits listed in one entry's body; the rest are counted. */
const LISTED = 40;

/**
 * Groups a person's credits from one repository into weekly summaries per group, with the
 * commit ids behind each ("Reviewed 6 changes by 4 people", then the list).
 */
export function weeklySummaries(repoKey: string, repoName: string, credits: StoredCredit[]): WeeklySummary[] {
  const buckets = new Map<string, { group: CreditGroup; week: string; credits: StoredCredit[] }>();
  for (const credit of credits) {
    const group = CREDIT_GROUPS.find((g) => g.kinds.includes(credit.kind));
    if (!group) continue;
    const { week } = isoWeekOf(credit.occurredOn);
    const key = `git:${repoKey}:${week}:${group.id}`;
    const bucket = buckets.get(key) ?? { group, week, credits: [] };
    bucket.credits.push(credit);
    buckets.set(key, bucket);
  }
  return [...buckets.entries()]
    .map(([key, { group, week, credits: list }]) => {
      const commits = new Map(list.map((c) => [c.sha, c]));
      const sorted = [...commits.values()].sort(
        (a, b) => b.occurredOn.localeCompare(a.occurredOn) || a.sha.localeCompare(b.sha),
      );
      const people = new Set(list.map((c) => c.helpedEmail).filter(Boolean)).size;
      const lines = sorted
        .slice(0, LISTED)
        .map((c) => `- \`${c.sha.slice(0, 12)}\` ${c.subject.replace(/[`*_[\]<>]/g, '')} (${c.occurredOn})`);
      if (sorted.length > LISTED) lines.push(`- … and ${sorted.length - LISTED} more`);
      return {
        key,
        week,
        group,
        title: group.title(commits.size, people),
        body: `From the history of **${repoName.replace(/[`*_[\]<>]/g, '')}**, week ${week}:\n\n${lines.join('\n')}`,
        occurredOn: sorted[0]?.occurredOn ?? '',
        commits: commits.size,
      };
    })
    .sort((a, b) => a.key.localeCompare(b.key));
}
