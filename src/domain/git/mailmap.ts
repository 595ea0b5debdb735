/** An identity as git records it: a name and an email. */
export interface Identity {
  name: string;
  email: string;
}

interface MailmapEntry {
  properName: string | null;
  properEmail: string | null;
  /** Lower-cased commit name, when the entry only applies to that name. */
  commitName: string | null;
}

/**
 * A parsed .mailmap: maps the names and emails in commits (and, here, in trailers) to the
 * canonical ones. Follows git's rules: emails and names compare case-insensitively, an entry with
 * a commit name beats one without, and a part not given in the entry is kept as it was.
 */
export class Mailmap {
  private readonly byEmail = new Map<string, MailmapEntry[]>();

  /** Parses the text of one or more .mailmap files (later lines win over earlier ones). */
  static parse(text: string): Mailmap {
    const map = new Mailmap();
    for (const rawLine of text.split(/\r?\n/)) {
      const line = rawLine.replace(/#.*$/, '');
      const emails = [...line.matchAll(/<([^>]*)>/g)];
      if (emails.length === 0) continue;
      const first = emails[0] as RegExpMatchArray;
      const properName = line.slice(0, first.index).trim() || null;
      if (emails.length === 1) {
        map.add(first[1] ?? '', { properName, properEmail: null, commitName: null });
        continue;
      }
      const second = emails[1] as RegExpMatchArray;
      const between = line.slice((first.index ?? 0) + first[0].length, second.index).trim();
      map.add(second[1] ?? '', {
        properName,
        properEmail: (first[1] ?? '').trim() || null,
        commitName: between ? between.toLowerCase() : null,
      });
    }
    return map;
  }

  private add(commitEmail: string, entry: MailmapEntry) {
    const key = commitEmail.trim().toLowerCase();
    const list = this.byEmail.get(key) ?? [];
    // A later line for the same commit name and email replaces the earlier one.
    const kept = list.filter((e) => e.commitName !== entry.commitName);
    kept.push(entry);
    this.byEmail.set(key, kept);
  }

  /** True when the map has no entries (lets callers skip the look-up). */
  get isEmpty(): boolean {
    return this.byEmail.size === 0;
  }

  /** The canonical identity for a commit or trailer identity. */
  resolve(identity: Identity): Identity {
    const entries = this.byEmail.get(identity.email.toLowerCase());
    if (!entries) return identity;
    const lowerName = identity.name.toLowerCase();
    const entry = entries.find((e) => e.commitName === lowerName) ?? entries.find((e) => e.commitName === null);
    if (!entry) return identity;
    return { name: entry.properName ?? identity.name, email: entry.properEmail ?? identity.email };
  }
}

/** Parses "Name <email>" (as written in trailers); null when there is no email to key on. */
export function parseIdentity(value: string): Identity | null {
  const match = /^\s*(.*?)\s*<([^<>\s]+@[^<>\s]*|[^<>\s]+)>/.exec(value);
  if (!match) return null;
  return { name: (match[1] ?? '').replace(/^"|"$/g, '').trim(), email: (match[2] ?? '').trim() };
}
