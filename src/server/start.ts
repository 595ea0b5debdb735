import { constants } from 'node:os';
import type { FastifyInstance } from 'fastify';
import { type Config, LOOPBACK_HOSTS } from '../config.ts';
import { type DatabaseHandle, openDatabase } from '../db/client.ts';
import { isSetupRequired } from '../services/auth/setup.ts';
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
      // close() stops accepting connections and waits for requests in flight. A connection kept
      // alive after its last response would hold it open (Fastify keeps them 72 s): end each one
      // as soon as it is idle.
      const endIdle = setInterval(() => app.server.closeIdleConnections(), 100);
      try {
        await app.close();
      } finally {
        clearInterval(endIdle);
      }
      await handle.close();
    },
  };
}

/** How long in-flight requests may take to finish once a stop is asked for. */
export const STOP_GRACE_MS = 10_000;

export interface StopOnSignalsOptions {
  /** How long in-flight requests may take before the process exits anyway, with 1. */
  graceMs?: number;
  /**
   * Also stop when the parent process goes away. npm runs scripts through `sh -c`, and when npm is
   * told to stop it signals that shell, which dies without passing the signal on: the server would
   * keep running, orphaned. `leadway serve` turns this on when npm started it.
   */
  watchParent?: boolean;
  /** Progress messages for the person at the terminal. */
  log?: (line: string) => void;
  /** Ends the process at once; process.exit unless a test replaces it. */
  exit?: (code: number) => void;
}

/**
 * Waits for SIGTERM or SIGINT, then stops the server cleanly: no new connections, in-flight
 * requests finish, the database is closed. Resolves with 0 once stopped (1 if closing failed).
 * A second signal while stopping exits at once (128 + its number), as does a stop that takes
 * longer than `graceMs` (1).
 */
export function stopOnSignals(server: RunningServer, options: StopOnSignalsOptions = {}): Promise<number> {
  const { graceMs = STOP_GRACE_MS, watchParent = false, log = () => {}, exit = (code) => process.exit(code) } = options;
  return new Promise<number>((resolve) => {
    let stopping: { reason: string; at: number } | undefined;
    let stopped: number | undefined;
    const parentPid = process.ppid;
    const parentWatch = watchParent
      ? setInterval(() => {
          if (process.ppid !== parentPid) stop('its parent process ended');
        }, 200).unref()
      : undefined;

    const onSignal = (signal: NodeJS.Signals) => {
      if (!stopping) return stop(signal);
      if (stopped !== undefined) return exit(stopped);
      // One Ctrl+C can arrive twice: from the terminal (to the whole process group) and passed on
      // by a parent such as npm. Only a later one means "stop now".
      if (stopping.reason === signal && Date.now() - stopping.at < 500) return;
      log(`${signal} again: exiting without waiting.\n`);
      exit(128 + (constants.signals[signal] ?? 0));
    };
    const stop = (reason: string) => {
      if (stopping) return;
      stopping = { reason, at: Date.now() };
      clearInterval(parentWatch);
      log(`Stopping Leadway (${reason}): finishing requests in progress…\n`);
      const deadline = setTimeout(() => {
        log(`Requests still running after ${graceMs / 1000} s; exiting without waiting for them.\n`);
        exit(1);
      }, graceMs).unref();
      server.stop().then(
        () => finish(deadline, 0),
        (error: unknown) => {
          log(`Error while stopping: ${error instanceof Error ? error.message : String(error)}\n`);
          finish(deadline, 1);
        },
      );
    };
    const finish = (deadline: NodeJS.Timeout, code: number) => {
      clearTimeout(deadline);
      // The listeners stay: a signal from now on (such as the echo of the first one) must not kill
      // the process with that signal instead of letting it exit with `code`.
      stopped = code;
      if (code === 0) log('Leadway stopped.\n');
      // Nothing should keep the process alive now; if something does, do not hang on it.
      setTimeout(() => exit(code), 2000).unref();
      resolve(code);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
