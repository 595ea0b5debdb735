import type { Generated } from 'kysely';

/**
 * The tables as Kysely sees them. Timestamps are ISO-8601 strings in UTC on both engines;
 * JSON documents are stored as text so the same queries work on SQLite and PostgreSQL.
 */
export interface Database {
  teams: TeamsTable;
  people: PeopleTable;
  frameworks: FrameworksTable;
  path_reflections: PathReflectionsTable;
  assessments: AssessmentsTable;
  assessment_ratings: AssessmentRatingsTable;
  action_states: ActionStatesTable;
  goals: GoalsTable;
  goal_actions: GoalActionsTable;
  goal_checkins: GoalCheckinsTable;
  journal_entries: JournalEntriesTable;
  journal_entry_areas: JournalEntryAreasTable;
  journal_entry_links: JournalEntryLinksTable;
  person_emails: PersonEmailsTable;
  git_repositories: GitRepositoriesTable;
  git_import_marks: GitImportMarksTable;
  git_credits: GitCreditsTable;
  mentorships: MentorshipsTable;
  credentials: CredentialsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  invitations: InvitationsTable;
  audit_log: AuditLogTable;
  assessment_rounds: AssessmentRoundsTable;
  round_raters: RoundRatersTable;
  idempotency_keys: IdempotencyKeysTable;
  data_version: DataVersionTable;
}

export interface TeamsTable {
  id: string;
  name: string;
  created_at: string;
}

export interface PeopleTable {
  id: string;
  name: string;
  /** Lower-cased; unique across the installation. */
  email: string;
  /** What the person does today, in their words ("Backend developer"). */
  role_title: string;
  team_id: string | null;
  /** Chosen track id (e.g. "manager", "ic"), null until chosen. */
  track: string | null;
  /** Target stage id on the track (e.g. "staff"), null until chosen. */
  stage: string | null;
  /** 1 for admins (they manage people and the framework, not read private data). */
  is_admin: Generated<number>;
  /** The person's manager, if any (a member has at most one). */
  manager_id: Generated<string | null>;
  created_at: string;
  updated_at: string;
}

export interface FrameworksTable {
  /** Row id; assessments point at it so they keep the exact framework they were made against. */
  id: string;
  /** Installation order: the highest revision is the active framework. */
  revision: number;
  /** The framework's own id from its file (e.g. "leadway-default"). */
  framework_key: string;
  version: string;
  name: string;
  /** The whole validated framework document as JSON. */
  content: string;
  installed_at: string;
}

export interface PathReflectionsTable {
  id: string;
  person_id: string;
  framework_id: string;
  /** JSON: { [questionId]: 1..5 }. */
  answers: string;
  /** JSON: { [trackId]: score }. */
  scores: string;
  recommended_track: string;
  /** "clear" | "leaning" | "balanced". */
  strength: string;
  /** The track the person chose after reading the recommendation. */
  chosen_track: string;
  chosen_stage: string;
  /** The person's own reason, in their words. */
  why: string;
  created_at: string;
}

export interface AssessmentsTable {
  id: string;
  person_id: string;
  framework_id: string;
  /** "self" for now; mentor, manager and peer assessments come later. */
  kind: string;
  /** Track and stage the person was aiming at when assessing (targets are read from these). */
  track: string | null;
  stage: string | null;
  /** Self-assessments: private | mentor | manager | team. Rater assessments: seen by the rated person and the rater. */
  visibility: Generated<string>;
  /** The 360 round a rater's assessment answers, and the rater. */
  round_id: Generated<string | null>;
  rater_id: Generated<string | null>;
  created_at: string;
}

export interface AssessmentRatingsTable {
  assessment_id: string;
  area_id: string;
  level: number;
  comment: string;
}

export interface ActionStatesTable {
  person_id: string;
  action_id: string;
  /** "done" | "dismissed". */
  state: string;
  updated_at: string;
}

export interface GoalsTable {
  id: string;
  person_id: string;
  area_id: string;
  title: string;
  why: string;
  success_criteria: string;
  /** YYYY-MM-DD or null. */
  due_on: string | null;
  /** planned | active | done | dropped */
  status: string;
  /** private | mentor | manager | team */
  visibility: Generated<string>;
  created_at: string;
  updated_at: string;
}

export interface GoalActionsTable {
  id: string;
  goal_id: string;
  title: string;
  /** The framework's suggested action this was picked from, if any. */
  framework_action_id: string | null;
  due_on: string | null;
  /** YYYY-MM-DD the action was done, or null while open. */
  done_on: string | null;
  position: number;
  created_at: string;
}

export interface GoalCheckinsTable {
  id: string;
  goal_id: string;
  note: string;
  /** 1 (unlikely to succeed) … 5 (sure). */
  confidence: number;
  created_at: string;
}

export interface JournalEntriesTable {
  id: string;
  person_id: string;
  /** YYYY-MM-DD the thing happened. */
  occurred_on: string;
  title: string;
  /** Markdown. */
  body: string;
  kind: string;
  source: string;
  /** private | mentor | manager | team */
  visibility: string;
  goal_id: string | null;
  goal_action_id: string | null;
  source_key: string | null;
  created_at: string;
  updated_at: string;
}

export interface JournalEntryAreasTable {
  entry_id: string;
  area_id: string;
}

export interface JournalEntryLinksTable {
  entry_id: string;
  position: number;
  url: string;
}

export interface PersonEmailsTable {
  /** Lower-cased; one person per email. */
  email: string;
  person_id: string;
  created_at: string;
}

export interface GitRepositoriesTable {
  id: string;
  /** Absolute path of the local repository. */
  path: string;
  name: string;
  /** Branch or revision imported (default HEAD). */
  rev: string;
  created_at: string;
  last_imported_at: string | null;
}

export interface GitImportMarksTable {
  repository_id: string;
  rev: string;
  /** The commit the last import read up to; the next one reads last_sha..rev. */
  last_sha: string;
  /** Fingerprint of the email → person directory the import used. */
  identities: string;
  updated_at: string;
}

export interface GitCreditsTable {
  person_id: string;
  repository_id: string;
  sha: string;
  /** reviewed-by, acked-by, …, co-authored-by, fix-of-others, test, doc */
  kind: string;
  /** Whom it helped (the commit's author, or the author of the fixed commit). */
  helped_email: string | null;
  /** Author date, YYYY-MM-DD. */
  occurred_on: string;
  subject: string;
}

export interface MentorshipsTable {
  mentor_id: string;
  mentee_id: string;
  created_at: string;
}

export interface CredentialsTable {
  person_id: string;
  /** scrypt$N$r$p$salt$hash */
  password_hash: string;
  updated_at: string;
}

export interface SessionsTable {
  /** SHA-256 of the session token (the token itself only lives in the browser's cookie). */
  id: string;
  person_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface ApiTokensTable {
  id: string;
  person_id: string;
  name: string;
  /** SHA-256 of the token; the token is shown once at creation. */
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface InvitationsTable {
  id: string;
  token_hash: string;
  email: string;
  team_id: string | null;
  manager_id: string | null;
  mentor_id: string | null;
  is_admin: number;
  invited_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  /** When an admin or the inviter revoked it; the link then answers like an unknown one. */
  revoked_at: string | null;
}

export interface AuditLogTable {
  id: string;
  actor_id: string;
  subject_id: string;
  /** read | change */
  action: string;
  /** journal, goals, assessments, standing, report, profile… */
  resource: string;
  at: string;
}

export interface AssessmentRoundsTable {
  id: string;
  person_id: string;
  framework_id: string;
  created_at: string;
}

export interface RoundRatersTable {
  round_id: string;
  rater_id: string;
  /** mentor | manager | peer */
  relation: string;
  invited_at: string;
  assessment_id: string | null;
}

/** One `Idempotency-Key` of a person (server/idempotency.ts); expires after a day. */
export interface IdempotencyKeysTable {
  person_id: string;
  /** SHA-256 of the key (hex); the key itself is never stored. */
  key_hash: string;
  /** HMAC-SHA-256 of method, path and body under the key (hex). */
  fingerprint: string;
  state: 'in_progress' | 'done';
  status_code: number | null;
  content_type: string | null;
  /** The first answer's body, AES-256-GCM under a key derived from the idempotency key (base64). */
  response: string | null;
  created_at: string;
  completed_at: string | null;
}

/** One row (id 1): bumped by a trigger on every write of the data tables (migration 0009). */
export interface DataVersionTable {
  id: number;
  /** A number on SQLite, a string (bigint) on PostgreSQL; compare as text. */
  version: number | string;
  /** PostgreSQL: the transaction that bumped it last (it bumps once per transaction). */
  bumped_by: number | string | null;
}
