/**
 * The longest text each input accepts, in characters: used by the contracts' schemas
 * (`.max(MAX_LENGTH.goalTitle)`) and by the web app's inputs (`maxLength={MAX_LENGTH.goalTitle}`),
 * so the two cannot drift apart (src/contracts/limits.test.ts compares them). No imports on
 * purpose: the web app takes this file without zod.
 */
export const MAX_LENGTH = {
  /** A person's name. */
  personName: 120,
  /** What a person does ("Backend developer"). */
  roleTitle: 120,
  /** A team's name. */
  team: 120,
  /** An email address (RFC 5321). */
  email: 254,
  /** A password (sign-up, sign-in, change). */
  password: 200,
  /** A personal API token's label. */
  tokenName: 80,
  /** A goal's or a goal action's title. */
  goalTitle: 200,
  /** A goal's "why it matters" and "success looks like". */
  goalText: 4000,
  /** A check-in's note. */
  checkinNote: 4000,
  /** A journal entry's title. */
  entryTitle: 300,
  /** A journal entry's body (Markdown). */
  entryBody: 50_000,
  /** One link of a journal entry. */
  link: 2000,
  /** The journal's search words. */
  search: 200,
  /** Why a path was chosen (reflection). */
  reflectionWhy: 4000,
  /** A comment on a rated area (self-assessment and 360). */
  ratingComment: 4000,
  /** A git repository's path on the server. */
  repositoryPath: 4096,
  /** The branch or revision of a git repository to import. */
  repositoryRev: 255,
  /** A git repository's display name. */
  repositoryName: 120,
} as const;

/** Most links one journal entry holds. */
export const MAX_LINKS = 20;

/** The shortest password accepted. */
export const MIN_PASSWORD_LENGTH = 10;
