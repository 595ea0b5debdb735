import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { startServer } from '../../src/server/start.ts';

it('refuses to listen beyond loopback until an admin account exists', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadway-host-'));
  try {
    await expect(
      startServer(loadConfig({ LEADWAY_DATA: dataDir, HOST: '0.0.0.0', PORT: '0' }), { webDir: null }),
    ).rejects.toThrow(/HOST=0\.0\.0\.0 is refused until an admin account exists/);
    const local = await startServer(loadConfig({ LEADWAY_DATA: dataDir, PORT: '0' }), { webDir: null });
    const signup = await fetch(`${local.url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Ada',
        email: 'ada@example.com',
        password: 'long enough password',
        roleTitle: 'Dev',
      }),
    });
    expect(signup.status).toBe(201);
    // Before sign-in, everything but the open routes answers 401.
    expect((await fetch(`${local.url}/api/people`)).status).toBe(401);
    await local.stop();
    const open = await startServer(loadConfig({ LEADWAY_DATA: dataDir, HOST: '0.0.0.0', PORT: '0' }), { webDir: null });
    const port = new URL(open.url).port;
    // Behind login now, it answers whatever name it is reached by.
    const res = await fetch(`http://127.0.0.1:${port}/api/health`, { headers: { host: `leadway.example:${port}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    await open.stop();
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
