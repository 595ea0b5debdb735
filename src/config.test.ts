import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('defaults to 127.0.0.1:7420 and SQLite in ./.leadway', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config).toEqual({
      port: 7420,
      host: '127.0.0.1',
      dataDir: '/srv/app/.leadway',
      database: { kind: 'sqlite', file: path.join('/srv/app/.leadway', 'leadway.sqlite') },
    });
  });
  it('honours LEADWAY_DATA, PORT and DATABASE_URL', () => {
    const config = loadConfig({ LEADWAY_DATA: 'data', PORT: '8080', DATABASE_URL: 'postgres://u@h/db' }, '/x');
    expect(config.port).toBe(8080);
    expect(config.dataDir).toBe('/x/data');
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://u@h/db' });
  });
  it('accepts another host (the server refuses it until an admin account exists)', () => {
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });
  it('explains a bad PORT and a non-PostgreSQL DATABASE_URL', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT: must be a whole number/);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/between 0 and 65535/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/postgres:\/\//);
  });
});
