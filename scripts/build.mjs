#!/usr/bin/env node
// `npm run build:server` (and `prepare`, which `npm ci` runs): compiles the CLI and the server
// (src/, entry src/cli/main.ts) to JavaScript in dist/ with esbuild, so that `leadway` starts
// without transforming TypeScript. Each command's code is its own chunk, loaded when that command
// runs. npm packages stay in node_modules, except the few pure-JavaScript ones that the CLI needs
// at every start and that are made of many ES modules (BUNDLED): resolving and linking kysely's
// 257 and zod's 95 modules one by one cost ~150 ms per start on Node.js 24.
// This only emits; `npm run typecheck` checks the types. The previous output is removed first
// (dist/web, the web app built by Vite, is left alone). See ARCHITECTURE.md ("Compiled JavaScript").
//
//   node scripts/build.mjs              build
//   node scripts/build.mjs --if-stale   build only when src/ or the build settings changed since
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dist = path.join(root, 'dist');
/** Written after a successful build; its time is the build's. */
const stamp = path.join(dist, '.server-build');
const inputs = ['src', 'scripts/build.mjs', 'tsconfig.json', 'package.json'].map((p) => path.join(root, p));

/**
 * Bundled into dist/ instead of loaded from node_modules. zod goes with fastify-type-provider-zod,
 * the one package that imports it too, so that the server and the schemas share one zod.
 * commander (ESM since 15) imports node:child_process and node:process; bundled, those imports
 * go through lazyBuiltins below.
 */
const BUNDLED = ['commander', 'kysely', 'zod', 'fastify-type-provider-zod'];

/** Leaves every import of a package outside BUNDLED (and of Node.js itself) to node_modules at run time. */
const onlyBundled = {
  name: 'only-bundled',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      const parts = args.path.split('/');
      const name = args.path.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
      return BUNDLED.includes(name) ? undefined : { path: args.path, external: true };
    });
  },
};

/**
 * Node.js built-ins through process.getBuiltinModule(), not `import`: importing a built-in as an
 * ES module copies all its exports, which runs its lazy getters (fs.promises, crypto.webcrypto,
 * process.report, …) and loads internal modules we never use (measured: ~3% of the instructions
 * of `leadway log`). Only the names the code imports survive tree-shaking (each a pure read).
 */
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(build) {
    build.onResolve({ filter: /^node:/ }, (args) => ({ path: args.path, namespace: 'builtin' }));
    build.onLoad({ filter: /.*/, namespace: 'builtin' }, async (args) => {
      const { createRequire } = await import('node:module');
      const names = Object.keys(createRequire(import.meta.url)(args.path)).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n));
      const lines = [
        `const m = process.getBuiltinModule(${JSON.stringify(args.path)});`,
        'export default m;',
        ...names.map((n) => `export const ${n} = /* @__PURE__ */ (() => m.${n})();`),
      ];
      return { contents: lines.join('\n'), loader: 'js' };
    });
  },
};

function newestMtime(file) {
  const stat = fs.statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs; // a deleted or renamed file changes its folder's time
  for (const entry of fs.readdirSync(file)) newest = Math.max(newest, newestMtime(path.join(file, entry)));
  return newest;
}

/** True when dist/ is missing or older than the sources and build settings. */
export function serverBuildIsStale() {
  if (!fs.existsSync(stamp) || !fs.existsSync(path.join(dist, 'cli/main.js'))) return true;
  return fs.statSync(stamp).mtimeMs < Math.max(...inputs.map(newestMtime));
}

/** Compiles src/ into dist/; throws with esbuild's messages when the build fails. */
export async function buildServer() {
  const esbuild = await import('esbuild');
  fs.mkdirSync(dist, { recursive: true });
  for (const entry of fs.readdirSync(dist)) {
    if (entry !== 'web') fs.rmSync(path.join(dist, entry), { recursive: true, force: true });
  }
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['src/cli/main.ts'],
    outdir: 'dist',
    outbase: 'src',
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    plugins: [lazyBuiltins, onlyBundled],
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'warning',
  });
  fs.writeFileSync(stamp, `${new Date().toISOString()}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  if (!process.argv.includes('--if-stale') || serverBuildIsStale()) {
    try {
      await buildServer();
    } catch {
      console.error('The server build failed; see the messages above.');
      process.exitCode = 1;
    }
  }
}
