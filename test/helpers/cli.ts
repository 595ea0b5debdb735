import type { CliIo } from '../../src/cli/io.ts';
import { runCli } from '../../src/cli/main.ts';

/** What one in-process CLI run printed and returned. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `leadway ...args` in this process with the given environment, capturing output. */
export async function leadway(env: NodeJS.ProcessEnv, cwd: string, ...args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    env,
    cwd,
    isInteractive: false,
  };
  const code = await runCli(['node', 'leadway', ...args], io);
  return { code, stdout, stderr };
}
