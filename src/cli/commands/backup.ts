import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../../domain/errors.ts';
import { type CliIo, withServices } from '../io.ts';
import { writeOutput } from './report.ts';

// Services and heavy libraries load inside the actions, when a command runs: listing the commands
// (`leadway --help`) then costs only these definitions.
const backupService = () => import('../../services/backup/backup.ts');

/** `leadway export FILE` and `leadway import FILE`: a full backup and its restore. */
export function registerBackupCommands(program: Command, io: CliIo): Command[] {
  const exportCommand = program
    .command('export')
    .description('Write everything (framework versions, people, assessments, goals, journal) to one JSON file')
    .argument('<file>', 'where to write the backup, e.g. leadway-backup.json')
    .action(async (out: string) => {
      const { exportBackup } = await backupService();
      const backup = await withServices(io, (ctx) => exportBackup(ctx));
      const file = writeOutput(io, out, `${JSON.stringify(backup, null, 2)}\n`);
      const counts = Object.entries(backup.tables)
        .filter(([, rows]) => rows.length > 0)
        .map(([name, rows]) => `${rows.length} ${name}`)
        .join(', ');
      io.stdout(`Wrote the backup to ${file} (${counts || 'empty'}).\n`);
    });
  const importCommand = program
    .command('import')
    .description('Restore a backup made with `leadway export` into an empty database')
    .argument('<file>', 'the backup file')
    .action(async (input: string) => {
      const file = path.resolve(io.cwd, input);
      let document: unknown;
      try {
        document = JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new AppError(
          'invalid',
          'CANNOT_READ',
          code === 'ENOENT' ? `Cannot read ${file}: no such file.` : `Cannot read ${file}: ${(error as Error).message}`,
        );
      }
      const { importBackup } = await backupService();
      const counts = await withServices(io, (ctx) => importBackup(ctx, document));
      io.stdout(
        `Restored ${counts.people} people, ${counts.assessments} assessments, ${counts.goals} goals and ${counts.journal_entries} journal entries.\n`,
      );
    });
  return [exportCommand, importCommand];
}
