import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { beforeAll, expect, it } from 'vitest';
import { WEB_DIST_DIR } from '../../src/server/app.ts';

/**
 * The web app must stay quick to open on a slow connection: the code every first visit fetches
 * (the entry script and what it preloads) stays under 100 KB gzipped, no chunk goes over 200 KB,
 * and the chart library is fetched only by the screens that draw a chart.
 */
const KB = 1024;
let html: string;

beforeAll(() => {
  const index = path.join(WEB_DIST_DIR, 'index.html');
  if (!fs.existsSync(index)) throw new Error('Build the web app first (npm run test:e2e does).');
  html = fs.readFileSync(index, 'utf8');
});

const gzipped = (file: string) => zlib.gzipSync(fs.readFileSync(path.join(WEB_DIST_DIR, file))).length;

/** The scripts index.html makes every visitor fetch: the entry and its module preloads. */
function startupScripts(): string[] {
  const entry = [...html.matchAll(/<script[^>]*type="module"[^>]*src="\/([^"]+\.js)"/g)].map((m) => m[1] as string);
  const preloads = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\/([^"]+\.js)"/g)].map(
    (m) => m[1] as string,
  );
  return [...entry, ...preloads];
}

it('keeps the code needed to open the app under 100 KB gzipped, without the chart library', () => {
  const scripts = startupScripts();
  expect(scripts.length).toBeGreaterThan(0);
  const total = scripts.reduce((sum, file) => sum + gzipped(file), 0);
  expect(total, `${scripts.join(', ')}: ${(total / KB).toFixed(1)} KB gzipped`).toBeLessThanOrEqual(100 * KB);
  for (const file of scripts) {
    // recharts' class names are in its code and nowhere else in Leadway's.
    expect(fs.readFileSync(path.join(WEB_DIST_DIR, file), 'utf8'), file).not.toContain('recharts-polar-grid');
  }
});

it('has no chunk over 200 KB gzipped', () => {
  const chunks = fs.readdirSync(path.join(WEB_DIST_DIR, 'assets')).filter((f) => f.endsWith('.js'));
  expect(chunks.length).toBeGreaterThan(5); // one per screen, at least
  for (const chunk of chunks) {
    const size = gzipped(path.join('assets', chunk));
    expect(size, `${chunk}: ${(size / KB).toFixed(1)} KB gzipped`).toBeLessThanOrEqual(200 * KB);
  }
});
