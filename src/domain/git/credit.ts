import picomatch from 'picomatch';
import { type Identity, Mailmap, parseIdentity } from './mailmap.ts';
import { AMBIGUOUS, NOT_FOUND, ShaIndex } from './sha-index.ts';

/** The trailers credited to the people they name, in the order the JSON lists them. */
export const CREDIT_TRAILERS = [
  'reviewed-by',
  'acked-by',
  'tested-by',
  'helped-by',
  'mentored-by',
  'suggested-by',
  'reported-by',
  'co-authored-by',
] as const;
export type CreditTrailer = (typeof CREDIT_TRAILERS)[number];

/** Trailers through which the named person helped the commit's author (for peopleHelped). */
const HELPING_TRAILERS = new Set<string>([
  'reviewed-by',
  'acked-by',
  'tested-by',
  'helped-by',
  'mentored-by',
  'co-authored-by',
]);

/** Paths that count as tests, for common languages. */
export const DEFAULT_TEST_PATTERNS = [
  '**/test/**',
  '**/tests/**',
  '**/__tests__/**',
  '**/spec/**',
  '**/testing/**',
  't/**',
  '**/*_test.*',
  '**/*.test.*',
  '**/*.spec.*',
  '**/test_*.py',
  '**/*Test.java',
  '**/*Tests.cs',
];

/** Paths that count as documentation. */
export const DEFAULT_DOC_PATTERNS = [
  '**/docs/**',
  '**/doc/**',
  'Documentation/**',
  '**/*.md',
  '**/*.rst',
  '**/*.adoc',
  '**/*.txt',
  '**/README*',
  '**/CHANGELOG*',
];

/** One commit as the miner reads it. */
export interface MinedCommit {
  sha: string;
  authorName: string;
  authorEmail: string;
  /** A merge: only remembered (a Fixes: target may name it), never credited. */
  isMerge?: boolean;
  /** Trailers in order, keys as written. */
  trailers: Array<{ key: string; value: string }>;
  /** The commits its message says it fixes (fixesTargets), distinct, lower-case. */
  fixes?: string[];
  /** Changed paths, when the log was read with names. */
  files?: string[];
}

/** The figures for one person (keyed by lower-cased email after .mailmap). */
export interface PersonStats {
  email: string;
  name: string;
  commits: number;
  trailers: Record<CreditTrailer, number>;
  fixesOfOthers: number;
  fixesOfOwn: number;
  testCommits: number;
  docCommits: number;
  peopleHelped: number;
}

export interface GitStats {
  commits: number;
  unresolvedFixes: number;
  people: PersonStats[];
}

/** A credit event for one person and one commit, for turning figures into journal evidence. */
export interface Credit {
  /** Lower-cased canonical email of the person credited. */
  email: string;
  kind: CreditTrailer | 'fix-of-others' | 'test' | 'doc';
  sha: string;
  /** Canonical email of the commit's author (whom the credit helped), when it is someone else. */
  helped: string | null;
}

interface Tally {
  name: string;
  commits: number;
  trailers: Record<CreditTrailer, number>;
  fixesOfOthers: number;
  fixesOfOwn: number;
  testCommits: number;
  docCommits: number;
  helped: Set<string>;
}

export interface CreditOptions {
  mailmap?: Mailmap;
  testPatterns?: string[];
  docPatterns?: string[];
  /** Called for each credit, in walk order (for the journal import); optional. */
  onCredit?: (credit: Credit) => void;
}

/**
 * Counts credit from commits fed to it one at a time (newest first, as `git log` gives them),
 * holding only per-person tallies, a compact index of the shas seen (merges included) and the
 * Fixes: targets met, which are resolved at the end because the commit fixed comes later in the
 * walk.
 */
export class CreditCounter {
  private readonly mailmap: Mailmap;
  private readonly isTest: (path: string) => boolean;
  private readonly isDoc: (path: string) => boolean;
  private readonly onCredit: ((credit: Credit) => void) | undefined;
  private readonly people = new Map<string, Tally>();
  /** Canonical emails of the authors met (commits and merges), by owner id; one string each. */
  private readonly owners: string[] = [];
  private readonly ownerIds = new Map<string, number>();
  /** Every commit read (merges too) with its author's owner id. */
  private readonly walked = new ShaIndex();
  private count = 0;
  /** The commits with Fixes: lines (sha and author's owner id) and their targets, flattened. */
  private readonly fixingShas: string[] = [];
  private readonly fixingOwners: number[] = [];
  private readonly targets: string[] = [];
  private readonly targetOf: number[] = [];

  constructor(options: CreditOptions = {}) {
    this.mailmap = options.mailmap ?? new Mailmap();
    this.isTest = picomatch(options.testPatterns ?? DEFAULT_TEST_PATTERNS, { dot: true });
    this.isDoc = picomatch(options.docPatterns ?? DEFAULT_DOC_PATTERNS, { dot: true, nocase: true });
    this.onCredit = options.onCredit;
  }

  /** Non-merge commits counted so far. */
  get commits(): number {
    return this.count;
  }

  /** The Fixes: targets of the commits read, for resolving them outside the walk (see finish()). */
  get fixTargets(): readonly string[] {
    return this.targets;
  }

  private canonical(identity: Identity): Identity {
    const mapped = this.mailmap.isEmpty ? identity : this.mailmap.resolve(identity);
    return { name: mapped.name, email: mapped.email.toLowerCase() };
  }

  /**
   * The owner id of an author (after .mailmap), for an index of commits built outside the walk
   * (see finish()).
   */
  ownerOf(author: Identity): number {
    return this.ownerId(this.canonical(author).email);
  }

  private ownerId(email: string): number {
    let id = this.ownerIds.get(email);
    if (id === undefined) {
      id = this.owners.length;
      this.owners.push(email);
      this.ownerIds.set(email, id);
    }
    return id;
  }

  private tally(identity: Identity): Tally {
    let t = this.people.get(identity.email);
    if (!t) {
      t = {
        name: identity.name,
        commits: 0,
        trailers: Object.fromEntries(CREDIT_TRAILERS.map((k) => [k, 0])) as Record<CreditTrailer, number>,
        fixesOfOthers: 0,
        fixesOfOwn: 0,
        testCommits: 0,
        docCommits: 0,
        helped: new Set(),
      };
      this.people.set(identity.email, t);
    } else if (!t.name && identity.name) {
      t.name = identity.name;
    }
    return t;
  }

  /** Reads one commit: a merge is only remembered, any other is counted. */
  add(commit: MinedCommit): void {
    const author = this.canonical({ name: commit.authorName, email: commit.authorEmail });
    const owner = this.ownerId(author.email);
    this.walked.add(commit.sha, owner);
    if (commit.isMerge) return;
    this.count++;
    // One string per person however many commits they have.
    const authorKey = this.owners[owner] as string;
    const authorTally = this.tally(author);
    authorTally.commits++;

    if (commit.fixes && commit.fixes.length > 0) {
      const at = this.fixingShas.length;
      this.fixingShas.push(commit.sha);
      this.fixingOwners.push(owner);
      for (const target of commit.fixes) {
        this.targets.push(target);
        this.targetOf.push(at);
      }
    }

    const seen = new Set<string>();
    for (const trailer of commit.trailers) {
      const key = trailer.key.toLowerCase();
      if (!(CREDIT_TRAILERS as readonly string[]).includes(key)) continue;
      const parsed = parseIdentity(trailer.value);
      if (!parsed) continue;
      const person = this.canonical(parsed);
      // People are keyed by email: `Name <>` is credited only when the .mailmap gives it one.
      if (!person.email || person.email === authorKey) continue;
      const once = `${key}\u0000${person.email}`;
      if (seen.has(once)) continue;
      seen.add(once);
      const t = this.tally(person);
      t.trailers[key as CreditTrailer]++;
      if (HELPING_TRAILERS.has(key)) t.helped.add(authorKey);
      this.onCredit?.({ email: person.email, kind: key as CreditTrailer, sha: commit.sha, helped: authorKey });
    }

    if (commit.files && commit.files.length > 0) {
      if (commit.files.some(this.isTest)) {
        authorTally.testCommits++;
        this.onCredit?.({ email: authorKey, kind: 'test', sha: commit.sha, helped: null });
      }
      if (commit.files.some(this.isDoc)) {
        authorTally.docCommits++;
        this.onCredit?.({ email: authorKey, kind: 'doc', sha: commit.sha, helped: null });
      }
    }
  }

  /**
   * Resolves the Fixes: targets and returns the figures, people sorted by email. A target
   * resolves when exactly one commit of `reachable` starts with it: by default the commits read,
   * merges included, which is every commit reachable from the revision when the whole history
   * was read; a walk cut short (a range, --since) passes an index of all of them with the owners
   * (from ownerOf()) of at least the commits the targets name. A fixing commit counts once in fixesOfOthers when any target resolves to another
   * person's commit and once in fixesOfOwn when any resolves to its author's; each target
   * matching no commit or several counts in unresolvedFixes.
   */
  finish(reachable: ShaIndex = this.walked): GitStats {
    let unresolvedFixes = 0;
    if (this.targets.length > 0) {
      const found = reachable.resolve(this.targets);
      for (let t = 0; t < this.targets.length; ) {
        const at = this.targetOf[t] as number;
        const fixer = this.owners[this.fixingOwners[at] as number] as string;
        let own = false;
        let other: string | null = null;
        for (; t < this.targets.length && this.targetOf[t] === at; t++) {
          const commit = found[t] as number;
          const targetAuthor =
            commit === NOT_FOUND || commit === AMBIGUOUS ? undefined : this.owners[reachable.ownerOf(commit)];
          if (targetAuthor === undefined) {
            unresolvedFixes++;
            continue;
          }
          if (targetAuthor === fixer) own = true;
          else other ??= targetAuthor;
        }
        const tally = this.people.get(fixer) as Tally;
        if (own) tally.fixesOfOwn++;
        if (other !== null) {
          tally.fixesOfOthers++;
          this.onCredit?.({ email: fixer, kind: 'fix-of-others', sha: this.fixingShas[at] as string, helped: other });
        }
      }
    }
    const people = [...this.people.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([email, t]) => ({
        email,
        name: t.name,
        commits: t.commits,
        trailers: t.trailers,
        fixesOfOthers: t.fixesOfOthers,
        fixesOfOwn: t.fixesOfOwn,
        testCommits: t.testCommits,
        docCommits: t.docCommits,
        peopleHelped: t.helped.size,
      }));
    return { commits: this.count, unresolvedFixes, people };
  }
}
