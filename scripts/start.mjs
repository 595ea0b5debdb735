#!/usr/bin/env node
// `npm start`: builds the server (src/ → dist/) and the web app when they are missing or older
// than their sources, then serves Leadway (web app + API) with `leadway serve`, in this process.
// SIGTERM and SIGINT stop it cleanly (see stopOnSignals in src/server/start.ts); during the web
// build they go to the build and end it. In production run `leadway serve` under a process
// supervisor instead (README, "Running in production").
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkNode } from '../bin/node-check.mjs';
import { buildServer, serverBuildIsStale } from './build.mjs';

await checkNode();
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const builtIndex = path.join(root, 'dist/web/index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

// npm runs this script through `sh -c`, which does not pass signals on: when npm is stopped, the
// shell dies and this process is left behind. Its parent changing is then the signal to stop.
const underNpm = Boolean(process.env.npm_lifecycle_event);
const parentPid = process.ppid;
const parentGone = () => underNpm && process.ppid !== parentPid;

/** Runs a child process, passing SIGINT and SIGTERM (and npm going away) on to it; resolves with how it ended. */
function runForwardingSignals(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
    const forward = (signal) => child.kill(signal);
    const parentWatch = underNpm ? setInterval(() => parentGone() && child.kill('SIGTERM'), 200) : undefined;
    const cleanUp = () => {
      clearInterval(parentWatch);
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
    };
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.once('error', (error) => {
      cleanUp();
      reject(error);
    });
    child.once('exit', (code, signal) => {
      cleanUp();
      resolve({ code, signal });
    });
  });
}

if (serverBuildIsStale()) {
  console.log('Building the server (first start or changed sources)…');
  try {
    await buildServer();
  } catch {
    console.error('The server failed to build; see the messages above.');
    process.exit(1);
  }
}

// The web app also imports the contracts and a few pure domain modules (constants, schemas).
const sources = [path.join(root, 'web'), path.join(root, 'src/contracts'), path.join(root, 'src/domain')];
const builtAt = fs.existsSync(builtIndex) ? fs.statSync(builtIndex).mtimeMs : 0;
if (builtAt < Math.max(...sources.map(newestMtime), fs.statSync(path.join(root, 'vite.config.ts')).mtimeMs)) {
  console.log('Building the web app (first start or changed sources)…');
  const vite = path.join(root, 'node_modules/vite/bin/vite.js');
  const { code, signal } = await runForwardingSignals(process.execPath, [vite, 'build', '--logLevel', 'warn']);
  if (signal) {
    // Stopped during the build: end the way the build did (npm and shells read that as "stopped").
    process.kill(process.pid, signal);
    process.exit(128 + (os.constants.signals[signal] ?? 0));
  }
  if (code !== 0) {
    console.error('The web app failed to build; see the messages above.');
    process.exit(code ?? 1);
  }
}

// Left behind during the build: do not start a server nobody can stop. (From here on `leadway
// serve` watches for that itself.)
if (parentGone()) process.exit(143);

const { runCli } = await import('../dist/cli/main.js');
process.exitCode = await runCli([process.argv[0], 'leadway', 'serve', ...process.argv.slice(2)]);
