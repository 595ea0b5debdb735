import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config.ts';
import { DatabaseOpenError } from '../db/client.ts';
import { AppError } from '../domain/errors.ts';
import { registerAssessCommand } from './commands/assess.ts';
import { registerBackupCommands } from './commands/backup.ts';
import { registerFrameworkCommand } from './commands/framework.ts';
import { registerGoalCommand } from './commands/goal.ts';
import { registerInitCommand } from './commands/init.ts';
import { registerJournalCommand, registerLogCommand } from './commands/journal.ts';
import { registerNextCommand } from './commands/next.ts';
import { registerPathCommand } from './commands/path.ts';
import { registerReportCommand } from './commands/report.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerSummaryCommand } from './commands/summary.ts';
import { type CliIo, processIo } from './io.ts';

/** Builds the `leadway` program; commands write through `io`. */
export function buildProgram(io: CliIo): Command {
  const program = new Command('leadway')
    .description(
      'Leadway: grow from developer to technical leader. Data lives in ./.leadway unless LEADWAY_DATA or DATABASE_URL says otherwise.',
    )
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();
  for (const register of [
    registerServeCommand,
    registerInitCommand,
    registerPathCommand,
    registerAssessCommand,
    registerSummaryCommand,
    registerNextCommand,
    registerGoalCommand,
    registerLogCommand,
    registerJournalCommand,
    registerReportCommand,
    registerFrameworkCommand,
    registerBackupCommands,
  ]) {
    register(program, io);
  }
  // Every command, however deep, reports through io and never exits the process itself.
  const configure = (command: Command) => {
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
    await buildProgram(io).parseAsync(argv);
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
