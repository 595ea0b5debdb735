/** An identity as git records it: a name and an email. */
export interface Identity {
  name: string;
  email: string;
}

/** What an entry maps to; a part left null keeps the identity's own. */
interface Replacement {
  name: string | null;
  email: string | null;
}

/** Everything the .mailmap says about one commit email: the plain entry and those that also name a commit name. */
interface EmailEntry extends Replacement {
  /** Keyed by the commit name, ASCII lower-case. */
  byName: Map<string, Replacement>;
}

/** git's isspace: space, tab, newline and carriage return only (not \v, \f or Unicode spaces, unlike trim()). */
function isGitSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function trimGitSpace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isGitSpace(text.charCodeAt(start))) start++;
  while (end > start && isGitSpace(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}

/** git compares mailmap names and emails with strcasecmp: ASCII letters only ("É" and "é" differ). */
function asciiLower(text: string): string {
  return /[A-Z]/.test(text) ? text.replace(/[A-Z]+/g, (m) => m.toLowerCase()) : text;
}

/**
 * `Name <email>` at the start of `text` as mailmap.c reads it: the name is what precedes the
 * first `<` (git-space trimmed; null when empty), the email everything up to the first `>` after
 * it (kept as written), `rest` what follows (null when nothing does).
 */
function readNameAndEmail(
  text: string,
  allowEmptyEmail: boolean,
): { name: string | null; email: string; rest: string | null } | null {
  const left = text.indexOf('<');
  if (left < 0) return null;
  const right = text.indexOf('>', left + 1);
  if (right < 0) return null;
  if (!allowEmptyEmail && right === left + 1) return null;
  const rest = text.slice(right + 1);
  return { name: trimGitSpace(text.slice(0, left)) || null, email: text.slice(left + 1, right), rest: rest || null };
}

/**
 * A parsed .mailmap, mapping the names and emails of commits — and here of trailers too, which
 * git never maps — to canonical ones, by git's own rules (mailmap.c; compared with `git
 * check-mailmap` in test/git/identities.test.ts):
 *
 * - `Proper Name <commit@email>`, `<proper@email> <commit@email>`,
 *   `Proper Name <proper@email> <commit@email>` and
 *   `Proper Name <proper@email> Commit Name <commit@email>`;
 * - only a line that starts with `#` is a comment; whatever follows the second email is ignored
 *   (so a `# note` there is harmless), and a `#` inside a name is part of it;
 * - emails and names compare case-insensitively for ASCII letters only;
 * - lines without a commit name for the same email merge part by part (one line can give the name,
 *   another the email); a line with a commit name replaces an earlier one for that name and wins
 *   over the plain entry when the name matches.
 */
export class Mailmap {
  private readonly byEmail = new Map<string, EmailEntry>();

  /** Parses the text of one or more .mailmap files, in the order git reads them. */
  static parse(text: string): Mailmap {
    const map = new Mailmap();
    for (const line of text.split('\n')) {
      if (line.startsWith('#')) continue;
      const first = readNameAndEmail(line, false);
      if (!first) continue;
      const second = first.rest === null ? null : readNameAndEmail(first.rest, true);
      map.add(first.name, first.email, second?.name ?? null, second?.email ?? null);
    }
    return map;
  }

  private add(properName: string | null, properEmail: string, commitName: string | null, commitEmail: string | null) {
    // With one email, that email is the commit's and only the name is replaced.
    const key = asciiLower(commitEmail ?? properEmail);
    const newEmail = commitEmail === null ? null : properEmail;
    let entry = this.byEmail.get(key);
    if (!entry) {
      entry = { name: null, email: null, byName: new Map() };
      this.byEmail.set(key, entry);
    }
    if (commitName === null) {
      if (properName !== null) entry.name = properName;
      if (newEmail !== null) entry.email = newEmail;
    } else {
      entry.byName.set(asciiLower(commitName), { name: properName, email: newEmail });
    }
  }

  /** True when the map has no entries (lets callers skip the look-up). */
  get isEmpty(): boolean {
    return this.byEmail.size === 0;
  }

  /** The canonical identity (the same object when no entry applies). */
  resolve(identity: Identity): Identity {
    const entry = this.byEmail.get(asciiLower(identity.email));
    if (!entry) return identity;
    const replacement: Replacement = (entry.byName.size > 0 && entry.byName.get(asciiLower(identity.name))) || entry;
    if (replacement.name === null && replacement.email === null) return identity;
    return { name: replacement.name ?? identity.name, email: replacement.email ?? identity.email };
  }
}

/**
 * Parses a `Name <email>` as git does (ident.c's split_ident_line, which `git check-mailmap` and
 * the author and committer lines go through): the email is everything between the first `<` and
 * the first `>` after it, kept as written (`Jonathan Nieder <jrnieder <at> gmail.com>` has the
 * email "jrnieder <at"); the name is what precedes the `<`, without the spaces before it; text
 * after the `>` is ignored. Quotes around a name are part of it, as for git. Null when there is no
 * `<…>`; the email may be empty (a .mailmap can map `<>`), and the caller decides whether such an
 * identity can be credited.
 */
export function parseIdentity(value: string): Identity | null {
  const left = value.indexOf('<');
  if (left < 0) return null;
  const right = value.indexOf('>', left + 1);
  if (right < 0) return null;
  let end = left;
  while (end > 0 && isGitSpace(value.charCodeAt(end - 1))) end--;
  return { name: value.slice(0, end), email: value.slice(left + 1, right) };
}
