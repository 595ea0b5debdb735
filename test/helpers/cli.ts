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

/**
 * Runs `leadway ...args` as its own process, from the sources (bin/leadway-dev.mjs, so never a
 * stale build): what a person sees in a terminal, real exit code included.
 */
export async function leadwayProcess(env: NodeJS.ProcessEnv, cwd: string, ...args: string[]): Promise<CliRun> {
  const { execFile } = await import('node:child_process');
  const bin = (await import('node:path')).resolve('bin/leadway-dev.mjs');
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env, cwd, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
