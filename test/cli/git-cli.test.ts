import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { leadway } from '../helpers/cli.ts';
import { TestRepo } from '../helpers/git-repo.ts';

let repo: TestRepo;
let dataDir: string;
const run = (...args: string[]) => leadway({ LEADWAY_DATA: dataDir }, os.tmpdir(), ...args);

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadway-git-cli-'));
  repo = new TestRepo();
  repo.commit({ name: 'Kim', email: 'kim@example.com' }, 'Draft\n\nCo-authored-by: Ada <ada@home.example>', {
    'docs/a.md': 'a\n',
  });
});
afterAll(() => {
  repo.remove();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('imports a repository for the members whose emails match, once', async () => {
  await run('init', '--name', 'Ada', '--email', 'ada@example.com', '--role', 'Dev');
  const nobody = await run('git', 'import', repo.dir, '--name', 'docs');
  expect(nobody.code, nobody.stderr).toBe(0);
  expect(nobody.stdout).toMatch(/Nobody matched\. Add the emails people commit with/);
  expect((await run('emails', 'add', 'ada@home.example')).stdout).toMatch(/ada@home\.example/);
  repo.commit({ name: 'Kim', email: 'kim@example.com' }, 'Second draft\n\nCo-authored-by: Ada <ada@home.example>');
  // The emails changed since the last import, so the whole history is read again: the first draft counts too.
  const imported = JSON.parse((await run('git', 'import', repo.dir, '--json')).stdout);
  expect(imported).toMatchObject({ commitsRead: 2, creditsAdded: 2, entriesCreated: 1, repository: { name: 'docs' } });
  const again = JSON.parse((await run('git', 'import', repo.dir, '--json')).stdout);
  expect(again).toMatchObject({ commitsRead: 0, creditsAdded: 0, entriesCreated: 0 });
  expect((await run('journal', 'list', '--search', 'co-authored')).stdout).toMatch(
    /Co-authored 2 changes with 1 person/,
  );
  expect((await run('git', 'repos')).stdout).toMatch(/docs/);
  const bad = await run('git', 'import', path.join(repo.dir, 'nope'));
  expect(bad.code).toBe(1);
  expect(bad.stderr).toMatch(/No such folder/);
  const stranger = await run('git', 'import', repo.dir, '--person', 'ghost@example.com');
  expect(stranger.stderr).toMatch(/No profile with email ghost@example.com/);
});
