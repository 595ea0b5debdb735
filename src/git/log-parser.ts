import type { MinedCommit } from '../domain/git/credit.ts';
import { fixesTargets } from '../domain/git/fixes.ts';

/** A commit as read from the log, with what the journal import needs besides the credit figures. */
export interface LoggedCommit extends MinedCommit {
  /** Author time, seconds since the epoch (0 unless read with details). */
  authorTime: number;
  /** The subject ('' unless read with details). */
  subject: string;
}

const RS = 0x1e;
const US = 0x1f;
const NEWLINE = 0x0a;

/** True for a lower-case hex digit byte. */
function isHex(byte: number | undefined): boolean {
  return byte !== undefined && ((byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66));
}

/**
 * A header record is RS RS, a full sha (40 or 64 hex digits) and US. Checking the whole shape
 * (not only the marker) keeps a file name that happens to start with RS RS from being read as a
 * commit.
 */
function isHeader(buf: Buffer, start: number, end: number): boolean {
  if (buf[start] !== RS || buf[start + 1] !== RS) return false;
  for (const width of [40, 64]) {
    const us = start + 2 + width;
    if (us < end && buf[us] === US) {
      for (let i = start + 2; i < us; i++) if (!isHex(buf[i])) return false;
      return true;
    }
  }
  return false;
}

/**
 * One header record: sha, parents, author name, author email, author time and subject (both
 * empty unless asked for). The subject is the one field that may hold anything, so it is last.
 */
function parseHeader(text: string): LoggedCommit {
  const f1 = text.indexOf('\x1f');
  const f2 = text.indexOf('\x1f', f1 + 1);
  const f3 = text.indexOf('\x1f', f2 + 1);
  const f4 = text.indexOf('\x1f', f3 + 1);
  const f5 = text.indexOf('\x1f', f4 + 1);
  const time = text.slice(f4 + 1, f5);
  return {
    sha: text.slice(2, f1),
    // Parents are separated by spaces: two or more make a merge.
    isMerge: text.lastIndexOf(' ', f2) > f1,
    authorName: text.slice(f2 + 1, f3),
    authorEmail: text.slice(f3 + 1, f4),
    authorTime: time ? Number(time) : 0,
    subject: text.slice(f5 + 1),
    trailers: [],
  };
}

function parseTrailers(text: string): Array<{ key: string; value: string }> {
  const trailers: Array<{ key: string; value: string }> = [];
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) trailers.push({ key: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
  }
  return trailers;
}

/** Which record of a commit comes next. */
type Expect = 'header' | 'trailers' | 'message' | 'paths';

/**
 * Parses the output of `git log -z --format=<LOG_FORMAT> [--name-only]` chunk by chunk, holding
 * at most one chunk and one unfinished record. The output is a list of NUL-terminated records;
 * per commit: the header (see parseHeader), the trailers git parsed (unfolded, one `Key: value` a
 * line), the whole message (searched for Fixes: lines, then dropped), then (with names) its
 * changed paths, the first after a newline. Paths are decoded one character per byte (latin1), so
 * names that are not UTF-8 keep their bytes; the rest is UTF-8 (git is asked to re-encode messages
 * to it).
 */
export class LogParser {
  /** The unfinished record: pieces of earlier chunks (kept apart so a long record is not copied again per chunk). */
  private rest: Buffer[] = [];
  private pending: LoggedCommit | null = null;
  private expect: Expect = 'header';
  private firstPath = false;

  /**
   * @param withNames the log lists changed paths (`--name-only`)
   * @param onCommit called once per commit, in log order, when its records are complete
   */
  constructor(
    private readonly withNames: boolean,
    private readonly onCommit: (commit: LoggedCommit) => void,
  ) {}

  /** Feeds the next chunk of output. */
  push(chunk: Buffer): void {
    let start = 0;
    if (this.rest.length > 0) {
      const nul = chunk.indexOf(0);
      if (nul < 0) {
        this.rest.push(chunk);
        return;
      }
      const joined = Buffer.concat([...this.rest, chunk.subarray(0, nul)]);
      this.rest = [];
      this.record(joined, 0, joined.length);
      start = nul + 1;
    }
    for (let nul = chunk.indexOf(0, start); nul >= 0; nul = chunk.indexOf(0, start)) {
      this.record(chunk, start, nul);
      start = nul + 1;
    }
    // Copied, so the chunk itself can be collected.
    if (start < chunk.length) this.rest.push(Buffer.from(chunk.subarray(start)));
  }

  /** Ends the stream: the last record may lack its NUL. */
  end(): void {
    if (this.rest.length > 0) {
      const rest = Buffer.concat(this.rest);
      this.rest = [];
      this.record(rest, 0, rest.length);
    }
    this.flush();
  }

  private flush() {
    if (this.pending) this.onCommit(this.pending);
    this.pending = null;
  }

  private record(buf: Buffer, start: number, end: number) {
    const pending = this.pending;
    if (this.expect === 'trailers' && pending) {
      if (end > start) pending.trailers = parseTrailers(buf.toString('utf8', start, end));
      this.expect = 'message';
      return;
    }
    if (this.expect === 'message' && pending) {
      if (!pending.isMerge && end > start) {
        // One character per byte is enough to find hex ids, and the cheapest decoding there is.
        const targets = fixesTargets(buf.toString('latin1', start, end));
        if (targets.length > 0) pending.fixes = targets;
      }
      this.expect = 'paths';
      this.firstPath = true;
      return;
    }
    if (isHeader(buf, start, end)) {
      this.flush();
      this.pending = parseHeader(buf.toString('utf8', start, end));
      if (this.withNames) this.pending.files = [];
      this.expect = 'trailers';
      return;
    }
    const files = pending?.files;
    if (!files) return;
    const from = this.firstPath && buf[start] === NEWLINE ? start + 1 : start;
    this.firstPath = false;
    if (end > from) files.push(buf.toString('latin1', from, end));
  }
}
