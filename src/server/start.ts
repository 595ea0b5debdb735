import type { FastifyInstance } from 'fastify';
import { type Config, LOOPBACK_HOSTS } from '../config.ts';
import { type DatabaseHandle, openDatabase } from '../db/client.ts';
import { isSetupRequired } from '../services/auth/auth.ts';
import { createContext } from '../services/context.ts';
import { getActiveFramework } from '../services/framework/active-framework.ts';
import { buildApp, type LogLevel, WEB_DIST_DIR } from './app.ts';

/** A running Leadway server and how to stop it. */
export interface RunningServer {
  app: FastifyInstance;
  handle: DatabaseHandle;
  url: string;
  stop(): Promise<void>;
}

/** Opens the database, installs the default framework if needed, and listens. */
export async function startServer(
  config: Config,
  options: { webDir?: string | null; logLevel?: LogLevel } = {},
): Promise<RunningServer> {
  const handle = await openDatabase(config.database);
  const ctx = createContext(handle.db);
  await getActiveFramework(ctx);
  const isPublic = !LOOPBACK_HOSTS.includes(config.host);
  if (isPublic && (await isSetupRequired(ctx))) {
    await handle.close();
    throw new Error(
      `HOST=${config.host} is refused until an admin account exists: start Leadway on 127.0.0.1 first, create the admin in the web app, then restart with HOST=${config.host}.`,
    );
  }
  const app = await buildApp({
    isPublic,
    ctx,
    webDir: options.webDir === undefined ? WEB_DIST_DIR : options.webDir,
    logLevel: options.logLevel ?? 'silent',
  });
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await handle.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new Error(
        `Port ${config.port} is already in use. Stop the other program or start Leadway with PORT=<another port>.`,
      );
    }
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  return {
    app,
    handle,
    url,
    stop: async () => {
      await app.close();
      await handle.close();
    },
  };
}
