import type { Command as CommandType } from 'commander';
import { Command, CommanderError } from 'commander';
import { AppError, ConfigError, DatabaseOpenError } from '../domain/errors.ts';
import { type CliIo, processIo } from './io.ts';

type Register = (program: Command, io: CliIo) => unknown;

/**
 * Each top-level command and the module that defines it. Only the module of the command being
 * run is loaded, so `leadway git stats` or `leadway log` does not pay for the web server, PDF and
 * database libraries (about 0.8 s on these machines); help and unknown commands load them all.
 */
const COMMANDS: Record<string, () => Promise<Register[]>> = {
  serve: async () => [(await import('./commands/serve.ts')).registerServeCommand],
  init: async () => [(await import('./commands/init.ts')).registerInitCommand],
  path: async () => [(await import('./commands/path.ts')).registerPathCommand],
  assess: async () => [(await import('./commands/assess.ts')).registerAssessCommand],
  summary: async () => [(await import('./commands/summary.ts')).registerSummaryCommand],
  next: async () => [(await import('./commands/next.ts')).registerNextCommand],
  goal: async () => [(await import('./commands/goal.ts')).registerGoalCommand],
  log: async () => [(await import('./commands/journal.ts')).registerLogCommand],
  journal: async () => [(await import('./commands/journal.ts')).registerJournalCommand],
  report: async () => [(await import('./commands/report.ts')).registerReportCommand],
  git: async () => [(await import('./commands/git.ts')).registerGitCommand],
  emails: async () => [(await import('./commands/emails.ts')).registerEmailsCommand],
  framework: async () => [(await import('./commands/framework.ts')).registerFrameworkCommand],
  demo: async () => [(await import('./commands/demo.ts')).registerDemoCommand],
  export: async () => [(await import('./commands/backup.ts')).registerBackupCommands],
};
COMMANDS.import = COMMANDS.export as () => Promise<Register[]>;

/** Builds the `leadway` program with the commands `argv` needs; commands write through `io`. */
export async function buildProgram(io: CliIo, argv: string[] = []): Promise<Command> {
  const program = new Command('leadway')
    .description(
      'Leadway: grow from developer to technical leader. Data lives in ./.leadway unless LEADWAY_DATA or DATABASE_URL says otherwise.',
    )
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();
  const name = argv[2];
  const loaders = name && COMMANDS[name] ? [COMMANDS[name]] : [...new Set(Object.values(COMMANDS))];
  const registered = new Set<Register>();
  for (const load of loaders) {
    for (const register of await load()) {
      if (registered.has(register)) continue;
      registered.add(register);
      register(program, io);
    }
  }
  // Every command, however deep, reports through io and never exits the process itself.
  const configure = (command: CommandType) => {
    command.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
    command.commands.forEach(configure);
  };
  program.commands.forEach(configure);
  return program;
}

/**
 * Runs the CLI and returns the exit code: 0 on success, 1 when the request failed, 2 for a
 * usage mistake. Errors are one or a few lines that say what was wrong and how to fix it.
 */
export async function runCli(argv: string[], io: CliIo = processIo()): Promise<number> {
  try {
    await (await buildProgram(io, argv)).parseAsync(argv);
    return 0;
  } catch (error) {
    return reportError(io, error);
  }
}

function reportError(io: CliIo, error: unknown): number {
  if (error instanceof CommanderError) {
    // Commander has printed its own message (or the help/version text).
    return error.exitCode === 0 ? 0 : 2;
  }
  if (error instanceof AppError) {
    io.stderr(`Error: ${error.message}\n`);
    if (error.fields) {
      for (const [field, problem] of Object.entries(error.fields)) io.stderr(`  - ${field}: ${problem}\n`);
    }
    return error.code === 'USAGE' ? 2 : 1;
  }
  if (error instanceof ConfigError || error instanceof DatabaseOpenError) {
    io.stderr(`Error: ${error.message}\n`);
    return 1;
  }
  if (error instanceof Error && error.name === 'ExitPromptError') {
    io.stderr('Cancelled; nothing was saved.\n');
    return 130;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`Error: ${message}\n`);
  if (io.env.LEADWAY_DEBUG && error instanceof Error) io.stderr(`${error.stack}\n`);
  else io.stderr('(set LEADWAY_DEBUG=1 for details)\n');
  return 1;
}
