import type { Command } from 'commander';
import { startServer } from '../../server/start.ts';
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
      const server = await startServer(config, { logLevel: opts.quiet ? 'silent' : opts.verbose ? 'info' : 'warn' });
      io.stdout(`Leadway is running at ${server.url}  (database: ${server.handle.location})\n`);
      io.stdout('Press Ctrl+C to stop.\n');
      await new Promise<void>((resolve) => {
        const stop = () => {
          server.stop().finally(resolve);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
