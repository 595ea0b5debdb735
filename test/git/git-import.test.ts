import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../src/services/context.ts';
import { gitEvidenceByMonth, importRepository, registerRepository } from '../../src/services/git/repositories.ts';
import { listEntries } from '../../src/services/journal/journal.ts';
import { addEmail } from '../../src/services/people/emails.ts';
import { createPerson } from '../../src/services/people/people.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases.ts';
import { testContext } from '../helpers/factories.ts';
import { TestRepo } from '../helpers/git-repo.ts';

const aliceAtWork = { name: 'Alice', email: 'alice@work.example' };
const bob = { name: 'Bob', email: 'bob@example.com' };
const carol = { name: 'Carol', email: 'carol@example.com' };

let repo: TestRepo;
let c1: string;
// Each test gets its own history, since the first one adds commits.
function buildRepo() {
  repo = new TestRepo();
  c1 = repo.commit(carol, 'Add the feature', { 'src/a.c': 'a\n' }); // 2026-01-01, week 2026-W01
  repo.commit(
    carol,
    'Polish the feature\n\nReviewed-by: Alice <alice@work.example>\nCo-authored-by: Bob <bob@example.com>',
    { 'src/a.c': 'b\n' },
  );
  repo.commit(bob, 'Test the feature\n\nReviewed-by: Alice <alice@work.example>', { 'tests/a_test.py': 't\n' });
}

const titles = async (ctx: ServiceContext, personId: string) =>
  (await listEntries(ctx, personId, { limit: 100, offset: 0 })).entries.map((e) => [
    e.occurredOn,
    e.title,
    e.areas,
    e.kind,
    e.source,
  ]);

describe.each(ENGINES)('git import on %s', (engine) => {
  let database: TestDatabase;
  let ctx: ServiceContext;
  let ada: string;
  let bobId: string;

  beforeEach(async () => {
    buildRepo();
    database = await createTestDatabase(engine);
    ctx = testContext(database.db);
    ada = (await createPerson(ctx, { name: 'Ada', email: 'ada@example.com', roleTitle: 'Dev' })).id;
    await addEmail(ctx, ada, 'Alice@Work.example');
    bobId = (await createPerson(ctx, { name: 'Bob', email: 'bob@example.com', roleTitle: 'Dev' })).id;
  });
  afterEach(async () => {
    await database.destroy();
    repo.remove();
  });

  it('turns history into weekly evidence for matching members, adds nothing twice, and reads only new commits', async () => {
    const registered = await registerRepository(ctx, { path: repo.dir, name: 'shop' });
    expect(await registerRepository(ctx, { path: repo.dir })).toEqual(registered);

    const first = await importRepository(ctx, registered.id);
    expect(first).toMatchObject({ commitsRead: 3, creditsAdded: 4, entriesCreated: 3, entriesUpdated: 0 });
    expect(await titles(ctx, ada)).toEqual([
      ['2026-01-03', 'Reviewed 2 changes by 2 people', ['mentorship'], 'review', 'git'],
    ]);
    expect(await titles(ctx, bobId)).toEqual([
      ['2026-01-03', 'Added or updated tests in 1 commit', ['ownership'], 'delivery', 'git'],
      ['2026-01-02', 'Co-authored 1 change with 1 person', ['mentorship', 'relationships'], 'pairing', 'git'],
    ]);
    const body = (await listEntries(ctx, ada, { limit: 1, offset: 0 })).entries[0]?.body ?? '';
    expect(body).toContain('From the history of **shop**, week 2026-W01');
    expect(body).toMatch(/- `[0-9a-f]{12}` Test the feature \(2026-01-03\)/);

    const again = await importRepository(ctx, registered.id);
    expect(again).toMatchObject({ commitsRead: 0, creditsAdded: 0, entriesCreated: 0, entriesUpdated: 0 });

    repo.commit(carol, 'Harden the feature\n\nTested-by: Alice <alice@work.example>'); // 2026-01-04, still W01
    repo.commit(aliceAtWork, `Fix the feature\n\nFixes: ${c1.slice(0, 10)} ("Add the feature")`); // 2026-01-05, W02
    const third = await importRepository(ctx, registered.id);
    expect(third).toMatchObject({ commitsRead: 2, creditsAdded: 2, entriesCreated: 1, entriesUpdated: 1 });
    expect(third.range).toMatch(/^[0-9a-f]{40}\.\.[0-9a-f]{40}$/);
    expect(await titles(ctx, ada)).toEqual([
      ['2026-01-05', 'Fixed 1 problem in changes by 1 other person', ['ownership'], 'delivery', 'git'],
      ['2026-01-04', 'Reviewed 3 changes by 2 people', ['mentorship'], 'review', 'git'],
    ]);
    const months = await gitEvidenceByMonth(ctx, ada, 12);
    expect(months.months.at(-1)).toMatchObject({ month: '2026-01', counts: { mentorship: 3, ownership: 1 } });
  });

  it('credits fixes by the same rule as git stats: Fixes: lines anywhere, targets reachable from the branch', async () => {
    const registered = await registerRepository(ctx, { path: repo.dir, name: 'shop' });
    await importRepository(ctx, registered.id);
    const head = repo.git('rev-parse', 'HEAD').trim();
    const side = repo.rawCommit({ author: 'Bob <bob@example.com>', message: 'Side work', parents: [head] }); // 01-04
    const merge = repo.rawCommit({ author: 'Bob <bob@example.com>', message: 'Merge side', parents: [head, side] });
    // Bob's commit on a branch never merged: in the repository, not reachable from the branch read.
    const elsewhere = repo.rawCommit({ author: 'Bob <bob@example.com>', message: 'Elsewhere', parents: [head] });
    repo.git('update-ref', 'refs/heads/elsewhere', elsewhere);
    repo.git('update-ref', 'HEAD', merge);
    // Before the range read, in a paragraph above the sign-offs (DPDK style): Carol's.
    const dpdk = repo.commit(
      aliceAtWork,
      `Fix the feature\n\nFixes: ${c1.slice(0, 10)} ("Add the feature")\nCc: stable@example.com\n\nSigned-off-by: Alice <alice@work.example>`,
    ); // 01-07, week 2026-W02
    repo.commit(aliceAtWork, `Fix the merge\n\nFixes: ${merge.slice(0, 12)}`); // Bob's merge
    repo.commit(aliceAtWork, `Fix elsewhere\n\nFixes: ${elsewhere.slice(0, 12)}`); // not reachable: nothing
    repo.commit(aliceAtWork, `Fix my fix\n\nFixes: ${dpdk.slice(0, 12)}\nFixes: #12`); // her own: nothing
    const second = await importRepository(ctx, registered.id);
    expect(second).toMatchObject({ commitsRead: 5, creditsAdded: 2, entriesCreated: 1 });
    expect((await titles(ctx, ada))[0]).toEqual([
      '2026-01-08',
      'Fixed 2 problems in changes by 2 other people',
      ['ownership'],
      'delivery',
      'git',
    ]);
  });

  it('credits only the people asked for', async () => {
    const registered = await registerRepository(ctx, { path: repo.dir });
    const result = await importRepository(ctx, registered.id, { personIds: [bobId] });
    expect(result.people.map((p) => p.email)).toEqual(['bob@example.com']);
    expect(await titles(ctx, ada)).toEqual([]);
  });
});
