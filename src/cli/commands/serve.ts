import type { Command } from 'commander';
import { type CliIo, cliConfig } from '../io.ts';

export function registerServeCommand(program: Command, io: CliIo): Command {
  return program
    .command('serve')
    .description('Run the web app and API (http://127.0.0.1:7420 unless PORT says otherwise)')
    .option('-p, --port <port>', 'port to listen on (overrides PORT)')
    .option('--verbose', 'log every request (as JSON lines)')
    .option('--quiet', 'log nothing but the start-up line')
    .action(async (opts: { port?: string; quiet?: boolean; verbose?: boolean }) => {
      const config = await cliConfig(opts.port ? { ...io, env: { ...io.env, PORT: opts.port } } : io);
      const { startServer, stopOnSignals } = await import('../../server/start.ts');
      const server = await startServer(config, { logLevel: opts.quiet ? 'silent' : opts.verbose ? 'info' : 'warn' });
      io.stdout(`Leadway is running at ${server.url}  (database: ${server.handle.location})\n`);
      io.stdout('Press Ctrl+C to stop.\n');
      // SIGTERM (systemd, docker, kill) and SIGINT (Ctrl+C) finish in-flight requests, close the
      // database and exit 0; a second one exits at once. Under npm (`npm start`, `npm run leadway`)
      // the server also stops when npm's shell goes away, since that shell does not pass signals on.
      const code = await stopOnSignals(server, {
        watchParent: Boolean(io.env.npm_lifecycle_event),
        log: opts.quiet ? undefined : io.stdout,
      });
      if (code !== 0) throw new Error('Leadway did not stop cleanly; see the messages above.');
    });
}
