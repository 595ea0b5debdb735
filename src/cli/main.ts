import type { Command as CommandType } from 'commander';
import { Command, CommanderError } from 'commander';
import { AppError, ConfigError, DatabaseOpenError, fieldsFromIssues } from '../domain/errors.ts';
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
    .addHelpText(
      'after',
      '\nRun `leadway COMMAND --help` for the options of a command.\nExit codes: 0 done; 1 the request failed (e.g. nothing with that id, or a file that cannot be read);\n2 a usage mistake (an option or argument missing or wrong: each is named, with what it accepts).',
    )
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
 * Runs the CLI and returns the exit code: 0 on success, 1 when the request failed, 2 for a usage
 * mistake (an option or argument that is missing or wrong). Errors are a line per problem that
 * says what was wrong and how to fix it, naming the option; never JSON or a stack trace.
 */
export async function runCli(argv: string[], io: CliIo = processIo()): Promise<number> {
  // The command whose action runs, so that a refused field can be named by its option.
  let running: CommandType | undefined;
  try {
    const program = await buildProgram(io, argv);
    program.hook('preAction', (_program, actionCommand) => {
      running = actionCommand;
    });
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    return reportError(io, error, running);
  }
}

/** Error codes of refused input typed on the command line; other `invalid` errors are about files. */
const USAGE_CODES = new Set(['USAGE', 'VALIDATION_FAILED', 'AREA_NOT_FOUND']);
/** Summaries that only say "something is not valid": the field lines say it better. */
const GENERIC_MESSAGES = new Set([
  'The request is not valid.',
  'The input is not valid.',
  'Unknown area.',
  'The profile is not valid.',
]);

async function reportError(io: CliIo, error: unknown, command: CommandType | undefined): Promise<number> {
  if (error instanceof CommanderError) {
    // Commander has printed its own message (or the help/version text).
    return error.exitCode === 0 ? 0 : 2;
  }
  const appError = error instanceof AppError ? error : fromZodError(error);
  if (appError) {
    const fields = appError.fields ?? {};
    const { describeFieldErrors } = await import('./usage-errors.ts');
    const { lines, mapped } = describeFieldErrors(command, fields);
    const isUsage = appError.kind === 'invalid' && (USAGE_CODES.has(appError.code) || mapped);
    if (isUsage && mapped) {
      // A line per field, naming its option. A summary that says more than "not valid" leads them
      // (or, for a single field, takes the place of the field's own shorter words).
      const isGeneric = GENERIC_MESSAGES.has(appError.message);
      const only = Object.keys(fields).length === 1 ? lines[0]?.slice(0, lines[0].indexOf(': ')) : undefined;
      if (isGeneric) for (const line of lines) io.stderr(`${line}\n`);
      else if (only) io.stderr(`${only}: ${appError.message}\n`);
      else for (const line of [appError.message, ...lines]) io.stderr(`${line}\n`);
    } else {
      io.stderr(`Error: ${appError.message}\n`);
      for (const line of lines) io.stderr(`  - ${line}\n`);
    }
    return isUsage ? 2 : 1;
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

/** A zod error that escaped a service's parseInput, as the AppError it should have been (its message is JSON). */
function fromZodError(error: unknown): AppError | undefined {
  if (!(error instanceof Error) || error.name !== 'ZodError' || !('issues' in error) || !Array.isArray(error.issues)) {
    return undefined;
  }
  return new AppError('invalid', 'VALIDATION_FAILED', 'The input is not valid.', fieldsFromIssues(error.issues));
}
