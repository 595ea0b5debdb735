import type { CreatePersonInput, PersonOutput, UpdatePersonInput } from '../../contracts/index.ts';
import { findEmailOwner } from '../../db/repositories/emails.ts';
import { listMentorships, replaceMentors } from '../../db/repositories/mentorships.ts';
import {
  countOtherAdmins,
  findPersonByEmail,
  findPersonById,
  insertPersonUnlessEmailTaken,
  listManagerLinks,
  listPersonRows,
  lockManagementChanges,
  type PersonRow,
  updatePersonRow,
} from '../../db/repositories/people.ts';
import { findOrCreateTeam } from '../../db/repositories/teams.ts';
import { inTransaction } from '../../db/transaction.ts';
import { canAdminister } from '../../domain/access/policy.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import { findStage } from '../../domain/framework/framework.ts';
import { managementCycle, managementCycleMessage } from '../../domain/people/management-chain.ts';
import { presentPerson } from '../../presenters/index.ts';
import { audit, ensureAdmin, forgetRelations, isSelf } from '../access.ts';
import { actorOf, nowIso, type ServiceContext } from '../context.ts';
import { getActiveFramework } from '../framework/active-framework.ts';

/** Loads a person's row or throws PERSON_NOT_FOUND. */
export async function requirePerson(ctx: ServiceContext, personId: string): Promise<PersonRow> {
  const row = await findPersonById(ctx.db, personId);
  if (!row) throw notFound('person', personId);
  return row;
}

/** Creates a profile (the guided first run does this for the laptop's owner). */
export async function createPerson(ctx: ServiceContext, input: CreatePersonInput): Promise<PersonOutput> {
  ensureAdmin(ctx, 'create profiles directly (invite people instead)');
  const email = input.email.toLowerCase();
  const now = nowIso(ctx);
  const id = ctx.newId();
  await inTransaction(ctx.db, async (trx) => {
    // Any of a person's addresses counts: an extra (git) address is theirs as much as the primary one.
    if (await findEmailOwner(trx, email)) {
      throw new AppError('conflict', 'EMAIL_TAKEN', `Someone already uses ${email}.`, { email: 'already in use' });
    }
    const teamId = input.team ? await findOrCreateTeam(trx, input.team, ctx.newId(), now) : null;
    const inserted = await insertPersonUnlessEmailTaken(trx, {
      id,
      name: input.name,
      email,
      role_title: input.roleTitle,
      team_id: teamId,
      track: null,
      stage: null,
      created_at: now,
      updated_at: now,
    });
    // The same address was committed at the same moment (the unique index decided).
    if (!inserted) {
      throw new AppError('conflict', 'EMAIL_TAKEN', `Someone already uses ${email}.`, { email: 'already in use' });
    }
  });
  return loadProfile(ctx, id);
}

async function mentorsByMentee(ctx: ServiceContext, personIds?: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  for (const row of await listMentorships(ctx.db, personIds)) {
    map.set(row.mentee_id, [...(map.get(row.mentee_id) ?? []), row.mentor_id]);
  }
  return map;
}

/** Everyone, oldest first: the organisation's directory (names, roles, teams, who reports to whom). */
export async function listPeople(ctx: ServiceContext): Promise<PersonOutput[]> {
  const [rows, mentors] = await Promise.all([listPersonRows(ctx.db), mentorsByMentee(ctx)]);
  return rows.map((row) => presentPerson(row, mentors.get(row.id) ?? []));
}

/**
 * One profile. Profiles are the organisation's directory (every member lists them with
 * `listPeople`), so reading one is not recorded; changing someone else's is.
 */
export async function getPerson(ctx: ServiceContext, personId: string): Promise<PersonOutput> {
  return loadProfile(ctx, personId);
}

async function loadProfile(ctx: ServiceContext, personId: string): Promise<PersonOutput> {
  const row = await requirePerson(ctx, personId);
  return presentPerson(row, (await mentorsByMentee(ctx, [personId])).get(personId) ?? []);
}

/**
 * Changes a profile. A track or stage must exist in the active framework; setting a track
 * without a stage picks the track's first stage.
 */
export async function updatePerson(
  ctx: ServiceContext,
  personId: string,
  input: UpdatePersonInput,
): Promise<PersonOutput> {
  const person = await requirePerson(ctx, personId);
  const actor = actorOf(ctx);
  const isAdmin = canAdminister(actor);
  if (!isSelf(ctx, personId) && !isAdmin)
    throw new AppError('forbidden', 'FORBIDDEN', 'Only the person themself or an admin can change a profile.');
  // Team membership decides who reads team-shared data, so nobody puts themself into a team.
  if (
    !isAdmin &&
    (input.managerId !== undefined ||
      input.mentorIds !== undefined ||
      input.isAdmin !== undefined ||
      input.team !== undefined)
  ) {
    throw new AppError('forbidden', 'FORBIDDEN', 'Only an admin can set teams, managers, mentors and admin rights.');
  }
  if (actor.kind === 'person' && actor.id === personId && input.isAdmin === false) {
    throw new AppError('conflict', 'LAST_ADMIN', 'You cannot take away your own admin rights; ask another admin.');
  }
  for (const id of [input.managerId, ...(input.mentorIds ?? [])]) {
    if (id === personId)
      throw new AppError('invalid', 'VALIDATION_FAILED', 'Nobody can be their own manager or mentor.');
    if (id) await requirePerson(ctx, id);
  }
  const now = nowIso(ctx);
  const patch: Parameters<typeof updatePersonRow>[2] = { updated_at: now };
  if (input.managerId !== undefined) patch.manager_id = input.managerId;
  if (input.isAdmin !== undefined) patch.is_admin = input.isAdmin ? 1 : 0;
  if (input.name !== undefined) patch.name = input.name;
  if (input.roleTitle !== undefined) patch.role_title = input.roleTitle;
  if (input.track !== undefined || input.stage !== undefined) {
    const trackId = input.track ?? person.track;
    if (!trackId) {
      throw new AppError('invalid', 'VALIDATION_FAILED', 'Choose a track before a stage.', {
        track: 'required with stage',
      });
    }
    const { framework } = await getActiveFramework(ctx);
    const { track, stage } = findStage(framework, trackId, input.stage ?? (input.track ? null : person.stage));
    patch.track = track.id;
    patch.stage = stage.id;
  }
  await inTransaction(ctx.db, async (trx) => {
    if (input.managerId) {
      // Reporting lines stay a tree: checked against the lines as they are when this change lands.
      await lockManagementChanges(trx);
      const chain = managementCycle(personId, input.managerId, await listManagerLinks(trx));
      if (chain) {
        const names = await Promise.all(chain.map(async (id) => (await findPersonById(trx, id))?.name ?? id));
        throw new AppError('conflict', 'MANAGEMENT_CYCLE', managementCycleMessage(names));
      }
    }
    // An installation keeps an admin: the last one cannot lose the rights (not even through the CLI).
    if (input.isAdmin === false && person.is_admin && (await countOtherAdmins(trx, personId)) === 0) {
      throw new AppError(
        'conflict',
        'LAST_ADMIN',
        `${person.name} is the only admin; make someone else an admin first.`,
      );
    }
    if (input.team !== undefined) {
      patch.team_id = input.team ? await findOrCreateTeam(trx, input.team, ctx.newId(), now) : null;
    }
    await updatePersonRow(trx, personId, patch);
    if (input.mentorIds) await replaceMentors(trx, personId, input.mentorIds, now);
  });
  // Manager, mentors or team may have changed: later checks in this request must see it.
  forgetRelations(ctx, personId);
  await audit(ctx, personId, 'change', 'profile');
  return loadProfile(ctx, personId);
}

/**
 * Finds whom a CLI command is about: the person with `email`, or the only/first person when
 * none is given. Throws with a hint when there is nobody yet.
 */
export async function resolvePerson(ctx: ServiceContext, email?: string): Promise<PersonRow> {
  if (email) {
    const row = await findPersonByEmail(ctx.db, email);
    if (!row) throw new AppError('not_found', 'PERSON_NOT_FOUND', `No profile with email ${email}.`);
    return row;
  }
  const [first] = await listPersonRows(ctx.db);
  if (!first) {
    throw new AppError(
      'precondition',
      'NO_PROFILE',
      'There is no profile yet. Create one with `leadway init --name "Your Name" --email you@example.com --role "Developer"` or open http://127.0.0.1:7420 after `leadway serve`.',
    );
  }
  return first;
}
