import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../../domain/errors.ts';
import { type CliIo, printJson, withServices } from '../io.ts';

/** `leadway framework`: show, export and import the framework. */
export function registerFrameworkCommand(program: Command, io: CliIo): Command {
  const framework = program
    .command('framework')
    .description('Export or import the framework (areas, levels, actions, tracks) as a versioned JSON file');
  framework
    .command('export')
    .description('Write the active framework as JSON (to stdout, or to --out FILE)')
    .option('-o, --out <file>', 'write to this file instead of stdout')
    .action(async (opts: { out?: string }) => {
      const { getActiveFramework } = await import('../../services/framework/active-framework.ts');
      const { framework: fw } = await withServices(io, (ctx) => getActiveFramework(ctx));
      const text = `${JSON.stringify(fw, null, 2)}\n`;
      if (!opts.out) return io.stdout(text);
      const file = path.resolve(io.cwd, opts.out);
      try {
        fs.writeFileSync(file, text);
      } catch (error) {
        throw new AppError('invalid', 'CANNOT_WRITE', `Cannot write ${file}: ${(error as Error).message}`);
      }
      io.stdout(`Wrote ${fw.name} ${fw.version} to ${file}.\n`);
    });
  framework
    .command('import')
    .description('Validate a framework file and make it the active framework (past assessments keep theirs)')
    .argument('<file>', 'a framework JSON file, e.g. one made with `leadway framework export`')
    .option('--json', 'print the result as JSON')
    .action(async (fileArg: string, opts: { json?: boolean }) => {
      const file = path.resolve(io.cwd, fileArg);
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (error) {
        const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
        throw new AppError('invalid', 'CANNOT_READ', `Cannot read ${file}: ${reason}.`);
      }
      const [{ parseFrameworkDocument }, { importFramework }] = await Promise.all([
        import('../../domain/framework/framework.ts'),
        import('../../services/framework/import-framework.ts'),
      ]);
      const document = parseFrameworkDocument(text);
      const result = await withServices(io, (ctx) => importFramework(ctx, document));
      if (opts.json) return printJson(io, result);
      io.stdout(`${result.message}\n`);
    });
  return framework;
}
