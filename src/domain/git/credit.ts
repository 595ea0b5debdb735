import picomatch from 'picomatch';
import { type Identity, Mailmap, parseIdentity } from './mailmap.ts';

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

/** One non-merge commit as the miner reads it. */
export interface MinedCommit {
  sha: string;
  authorName: string;
  authorEmail: string;
  /** Trailers in order, keys as written. */
  trailers: Array<{ key: string; value: string }>;
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

/** Shortest abbreviated sha accepted in a Fixes: trailer. */
const MIN_FIXES_HEX = 7;

/**
 * Counts credit from commits fed to it one at a time (newest first, as `git log` gives them),
 * holding only per-person tallies and a compact index of the shas seen for resolving Fixes:.
 */
export class CreditCounter {
  private readonly mailmap: Mailmap;
  private readonly isTest: (path: string) => boolean;
  private readonly isDoc: (path: string) => boolean;
  private readonly onCredit: ((credit: Credit) => void) | undefined;
  private readonly people = new Map<string, Tally>();
  /** Canonical author email per commit, by index; shas in a 20-byte-per-commit buffer. */
  private readonly authorOf: string[] = [];
  private shaBytes = Buffer.alloc(20 * 4096);
  private count = 0;
  private readonly pendingFixes: Array<{ fixer: string; target: string; sha: string }> = [];
  private readonly authorIds = new Map<string, string>();
  private readonly unresolved: Array<{ fixer: string; target: string; sha: string }> = [];

  /**
   * Fixes: targets that named a plausible sha but were not among the commits read (after
   * finish()); an incremental import looks these up in the repository itself.
   */
  get unresolvedFixes(): ReadonlyArray<{ fixer: string; target: string; sha: string }> {
    return this.unresolved;
  }

  constructor(options: CreditOptions = {}) {
    this.mailmap = options.mailmap ?? new Mailmap();
    this.isTest = picomatch(options.testPatterns ?? DEFAULT_TEST_PATTERNS, { dot: true });
    this.isDoc = picomatch(options.docPatterns ?? DEFAULT_DOC_PATTERNS, { dot: true, nocase: true });
    this.onCredit = options.onCredit;
  }

  /** Commits counted so far. */
  get commits(): number {
    return this.count;
  }

  private canonical(identity: Identity): Identity {
    const mapped = this.mailmap.isEmpty ? identity : this.mailmap.resolve(identity);
    return { name: mapped.name, email: mapped.email.toLowerCase() };
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

  /** Counts one non-merge commit. */
  add(commit: MinedCommit): void {
    const author = this.canonical({ name: commit.authorName, email: commit.authorEmail });
    // Interning keeps one string per person however many commits they have.
    const authorKey = this.authorIds.get(author.email) ?? author.email;
    this.authorIds.set(authorKey, authorKey);
    const authorTally = this.tally(author);
    authorTally.commits++;
    this.remember(commit.sha, authorKey);

    const seen = new Set<string>();
    for (const trailer of commit.trailers) {
      const key = trailer.key.toLowerCase();
      if (key === 'fixes') {
        const target = /^\s*([0-9a-f]{4,40})\b/i.exec(trailer.value)?.[1];
        if (target) this.pendingFixes.push({ fixer: authorKey, target: target.toLowerCase(), sha: commit.sha });
        else this.pendingFixes.push({ fixer: authorKey, target: '', sha: commit.sha });
        continue;
      }
      if (!(CREDIT_TRAILERS as readonly string[]).includes(key)) continue;
      const parsed = parseIdentity(trailer.value);
      if (!parsed) continue;
      const person = this.canonical(parsed);
      if (person.email === authorKey) continue;
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

  private remember(sha: string, authorKey: string) {
    if ((this.count + 1) * 20 > this.shaBytes.length) {
      const bigger = Buffer.alloc(this.shaBytes.length * 2);
      this.shaBytes.copy(bigger);
      this.shaBytes = bigger;
    }
    this.shaBytes.write(sha, this.count * 20, 20, 'hex');
    this.authorOf.push(authorKey);
    this.count++;
  }

  /**
   * Resolves the Fixes: targets against every commit read (a target outside the walk, e.g.
   * before --since, cannot be resolved and is counted as unresolved) and returns the figures,
   * people sorted by email.
   */
  finish(): GitStats {
    let unresolvedFixes = 0;
    this.unresolved.length = 0;
    if (this.pendingFixes.length > 0) {
      const index = this.prefixIndex();
      for (const fix of this.pendingFixes) {
        const target = fix.target.length >= MIN_FIXES_HEX ? this.lookup(index, fix.target) : -1;
        const fixer = this.people.get(fix.fixer);
        if (target < 0 || !fixer) {
          unresolvedFixes++;
          if (fix.target.length >= MIN_FIXES_HEX) this.unresolved.push(fix);
          continue;
        }
        const targetAuthor = this.authorOf[target];
        if (targetAuthor === fix.fixer) fixer.fixesOfOwn++;
        else {
          fixer.fixesOfOthers++;
          this.onCredit?.({ email: fix.fixer, kind: 'fix-of-others', sha: fix.sha, helped: targetAuthor ?? null });
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

  /**
   * Commit indexes sorted by the leading bits of their sha, packed with the index into one
   * float64 (53 bits: index bits + prefix bits) so a typed-array sort does the work.
   */
  private prefixIndex(): { packed: Float64Array; indexBits: number } {
    const indexBits = Math.max(21, Math.ceil(Math.log2(this.count + 1)));
    const prefixBits = 53 - indexBits;
    const packed = new Float64Array(this.count);
    for (let i = 0; i < this.count; i++) {
      const prefix = Math.floor(this.shaBytes.readUInt32BE(i * 20) / 2 ** (32 - prefixBits));
      packed[i] = prefix * 2 ** indexBits + i;
    }
    return { packed: packed.sort(), indexBits };
  }

  /** The commit index a hex prefix names, or -1 when none or several match. */
  private lookup({ packed, indexBits }: { packed: Float64Array; indexBits: number }, hex: string): number {
    const prefixBits = 53 - indexBits;
    const given = hex.slice(0, 8);
    const low32 = Number.parseInt(given.padEnd(8, '0'), 16);
    const high32 = Number.parseInt(given.padEnd(8, 'f'), 16);
    const low = Math.floor(low32 / 2 ** (32 - prefixBits));
    const high = Math.floor(high32 / 2 ** (32 - prefixBits));
    let lo = 0;
    let hi = packed.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (Math.floor((packed[mid] as number) / 2 ** indexBits) < low) lo = mid + 1;
      else hi = mid;
    }
    let found = -1;
    for (let i = lo; i < packed.length; i++) {
      const value = packed[i] as number;
      if (Math.floor(value / 2 ** indexBits) > high) break;
      const commit = value % 2 ** indexBits;
      if (this.shaBytes.toString('hex', commit * 20, commit * 20 + 20).startsWith(hex)) {
        if (found >= 0) return -1; // ambiguous
        found = commit;
      }
    }
    return found;
  }
}
