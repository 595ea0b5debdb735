// Stops with a clear message when this Node.js is older than Leadway supports (package.json
// "engines"), instead of failing somewhere deep (better-sqlite3 13 crashes on Node.js 20).
// Written for any Node.js. See ARCHITECTURE.md ("Node.js 24 from the npm registry").

export async function checkNode() {
  const [major = 0, minor = 0, patch = 0] = process.versions.node.split('.').map(Number);
  const supported =
    major >= 25 || (major === 24 && minor >= 15) || (major === 22 && (minor > 22 || (minor === 22 && patch >= 2)));
  if (supported) return;
  const { default: fs } = await import('node:fs');
  const bundled = new URL('../node_modules/.bin/node', import.meta.url);
  const how = fs.existsSync(bundled)
    ? [
        'Run it with the Node.js 24 that `npm ci` installed in node_modules:',
        '  npx leadway …   or   npm run leadway -- …   or   node_modules/.bin/node bin/leadway.mjs …',
      ]
    : ['Install Node.js 24 LTS (or 22.22+), or run `npm ci` on Linux or Windows (x64/arm64), which installs one.'];
  process.stderr.write(
    `leadway: Node.js ${process.version} is too old; Leadway needs Node.js 22.22+ or 24.15+ (LTS).\n${how.join('\n')}\n`,
  );
  process.exit(1);
}
